// Browser tests: real Chromium (the system one, found by @web/test-runner-chrome), TypeScript
// stripped by esbuild. Fake server endpoints live in test/browser/fake-server.mjs.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { fakeServer } from './test/browser/fake-server.mjs';
import { forcedColorsPlugin } from './test/browser/forced-colors-plugin.mjs';

const executablePath = process.env.CHROME_PATH ?? '/usr/bin/chromium';

export default {
  files: ['test/browser/**/*.test.ts'],
  nodeResolve: true,
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: './tsconfig.json' }), forcedColorsPlugin()],
  middleware: [fakeServer],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath,
        headless: true,
        args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
               '--disable-component-update', '--disable-sync', '--no-first-run'],
      },
    }),
  ],
  concurrency: 1,
  // A browser that cannot start, or a run with no test file, must fail loudly rather than pass empty.
  failOnZeroTests: true,
  testFramework: { config: { timeout: 5000 } },
  browserStartTimeout: 60000,
  testsStartTimeout: 60000,
  testsFinishTimeout: 180000,
};
