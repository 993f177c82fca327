import { expect } from '@open-wc/testing';
import { TabSync, isTabMessage, type TabMessage } from '../../src/browser/tab-sync.js';

/** Resolves once `predicate` holds, polling each animation frame (messages cross tabs asynchronously). */
async function until(predicate: () => boolean, ms = 2000): Promise<void> {
  const end = performance.now() + ms;
  while (!predicate()) {
    if (performance.now() > end) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

let serial = 0;
const channelName = () => `test-${Date.now()}-${serial++}`;

describe('TabSync', () => {
  const open: TabSync[] = [];
  afterEach(() => {
    for (const sync of open.splice(0)) sync.close();
  });

  function tab(name: string, options: { global?: ConstructorParameters<typeof TabSync>[0]['global'] } = {}) {
    const received: TabMessage[] = [];
    const leadership: boolean[] = [];
    const sync = new TabSync({ name, onMessage: (m) => received.push(m), onLeaderChange: (l) => leadership.push(l), ...options });
    open.push(sync);
    return { sync, received, leadership };
  }

  it('delivers messages to the other tabs of the channel, not back to the sender, not to other channels', async () => {
    const name = channelName();
    const a = tab(name);
    const b = tab(name);
    const other = tab(channelName());
    a.sync.post({ type: 'extend', at: 123 });
    await until(() => b.received.length == 1);
    expect(b.received).to.deep.equal([{ type: 'extend', at: 123 }]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(a.received).to.deep.equal([]);
    expect(other.received).to.deep.equal([]);
  });

  it('drops malformed messages that another script posts on the channel', async () => {
    const name = channelName();
    const b = tab(name);
    const rogue = new BroadcastChannel(name);
    for (const junk of [null, 'expire', { type: 'expire', reason: 'whatever' }, { type: 'activity', at: 'now' },
                        { type: 'server', at: 1, remaining: -1, absoluteRemaining: null },
                        { type: 'server', at: 1, remaining: 3, absoluteRemaining: null, expireAfter: -5 }, { type: 'nope' }]) {
      rogue.postMessage(junk);
    }
    rogue.postMessage({ type: 'activity', at: 5 });
    await until(() => b.received.length == 1);
    rogue.close();
    expect(b.received).to.deep.equal([{ type: 'activity', at: 5 }]);
    expect(isTabMessage({ type: 'server', at: 1, remaining: 3, absoluteRemaining: null })).to.equal(true);
  });

  it('carries server answers with their durations, hellos and dismissals', () => {
    expect(isTabMessage({ type: 'server', at: 1, remaining: 3, absoluteRemaining: 9, expireAfter: 900, warnAfter: 840 })).to.equal(true);
    expect(isTabMessage({ type: 'server', at: 1, remaining: 3, absoluteRemaining: null, expireAfter: 0 })).to.equal(false);
    expect(isTabMessage({ type: 'hello' })).to.equal(true);
    expect(isTabMessage({ type: 'dismiss' })).to.equal(true);
  });

  it('carries presence: closeAfter in server answers, a tab closing, the end for closed pages', () => {
    expect(isTabMessage({ type: 'server', at: 1, remaining: 3, absoluteRemaining: null, closeAfter: 180 })).to.equal(true);
    expect(isTabMessage({ type: 'server', at: 1, remaining: 3, absoluteRemaining: null, closeAfter: null })).to.equal(true);
    expect(isTabMessage({ type: 'server', at: 1, remaining: 3, absoluteRemaining: null, closeAfter: 0 })).to.equal(false);
    expect(isTabMessage({ type: 'server', at: 1, remaining: 3, absoluteRemaining: null, closeAfter: '9' })).to.equal(false);
    expect(isTabMessage({ type: 'closing', at: 5 })).to.equal(true);
    expect(isTabMessage({ type: 'closing' })).to.equal(false);
    expect(isTabMessage({ type: 'expire', reason: 'closed' })).to.equal(true);
  });

  it('resign() hands leadership on but keeps listening; elect() takes part again', async () => {
    const name = channelName();
    const a = tab(name);
    await until(() => a.sync.isLeader);
    const b = tab(name);
    a.sync.resign();
    expect(a.sync.isLeader).to.equal(false);
    await until(() => b.sync.isLeader);
    const rogue = new BroadcastChannel(name);
    rogue.postMessage({ type: 'activity', at: 7 });
    await until(() => a.received.length == 1);
    rogue.close();
    b.sync.close();
    a.sync.elect();
    await until(() => a.sync.isLeader);
    a.sync.close();
  });

  it('elects exactly one leader, and hands leadership on when it closes', async () => {
    const name = channelName();
    const a = tab(name);
    await until(() => a.sync.isLeader);
    const b = tab(name);
    const c = tab(name);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect([a, b, c].filter((t) => t.sync.isLeader).length).to.equal(1);
    a.sync.close();
    expect(a.leadership).to.deep.equal([true, false]);
    await until(() => b.sync.isLeader || c.sync.isLeader);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect([b, c].filter((t) => t.sync.isLeader).length).to.equal(1);
  });

  it('without Web Locks (a plain-http page) every tab may ping, and messages still flow', async () => {
    const name = channelName();
    const noLocks = { BroadcastChannel, navigator: {} as Navigator };
    const a = tab(name, { global: noLocks });
    const b = tab(name, { global: noLocks });
    expect(a.sync.isLeader && b.sync.isLeader, 'without locks every tab may ping').to.equal(true);
    a.sync.post({ type: 'expire', reason: 'logout' });
    await until(() => b.received.length == 1);
    expect(b.received[0]).to.deep.equal({ type: 'expire', reason: 'logout' });
  });

  it('without BroadcastChannel (nor Web Locks) it is a single tab: it leads, posts go nowhere, nothing throws', () => {
    const bare = { navigator: {} as Navigator } as unknown as ConstructorParameters<typeof TabSync>[0]['global'];
    const a = tab(channelName(), { global: bare });
    expect(a.sync.isLeader).to.equal(true);
    a.sync.post({ type: 'activity', at: 1 });
    a.sync.resign();
    a.sync.elect();
    a.sync.close();
  });
});
