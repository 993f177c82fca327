// A web-test-runner command the stock emulateMedia lacks for the Chrome launcher: forced colours
// (Windows high contrast), through the DevTools protocol. Browsers without it answer `false`, and the
// test skips visibly there.
//
//   import { executeServerCommand } from '@web/test-runner-commands';
//   await executeServerCommand('emulate-forced-colors', { active: true });

const sessions = new WeakMap();

export function forcedColorsPlugin() {
  return {
    name: 'emulate-forced-colors-command',
    async executeCommand({ command, payload, session }) {
      if (command !== 'emulate-forced-colors') return undefined;
      const page = session.browser.type === 'puppeteer' ? session.browser.getPage(session.id) : null;
      if (!page || typeof page.createCDPSession !== 'function' || page.browser().process?.()?.spawnfile?.includes('firefox')) return false;
      // Emulation lasts as long as the protocol session that asked for it: keep one per page.
      if (!sessions.has(page)) sessions.set(page, await page.createCDPSession());
      await sessions.get(page).send('Emulation.setEmulatedMedia', {
        features: [{ name: 'forced-colors', value: payload?.active ? 'active' : 'none' }],
      });
      return true;
    },
  };
}
