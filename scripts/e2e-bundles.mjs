// The end-to-end runner's JavaScript: each test file, and the demo server the tests start, bundled once
// per run with esbuild into plain ES modules (their packages left as imports), so a job is `node
// <bundle>`, not `node --import tsx <file>`. Each job and each demo server (about one a job) is a
// Node process of its own, and tsx's loader cost each one about 0.5 s of CPU more (demo server: 0.7
// against 0.2 s to listening), on a stage bound by CPU. What runs is the same source: a bundle only
// joins the files and strips their types.
import { readFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const defaultOutdir = join(root, 'node_modules/.cache/session-timeout-e2e/bundles');
/** The demo server the tests start (test/e2e/harness.ts's startDemo). */
const DEMO_SERVER = 'demo/server.ts';

/**
 * Each module keeps its own `import.meta.url` (the harness finds the repository and page-clock.js
 * from it, the demo server its dist/ script): in a bundle, every module would share the bundle's.
 * @type {import('esbuild').Plugin}
 */
const ownModuleUrls = {
  name: 'own-module-urls',
  setup(builder) {
    builder.onLoad({ filter: /\.(ts|mts|js|mjs)$/ }, async ({ path }) => {
      if (path.includes('/node_modules/')) return undefined;
      const source = await readFile(path, 'utf8');
      return {
        contents: source.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(path).href)),
        loader: /\.m?ts$/.test(path) ? 'ts' : 'js',
      };
    });
  },
};

/**
 * Bundles `files` (paths from the repository's root, or absolute) and the demo server into `outdir`;
 * resolves with the bundle of each file and the demo server's. Rejects, naming the file, when one does
 * not build.
 * @param {string[]} files
 * @returns {Promise<{ bundles: Map<string, string>, demoServer: string }>}
 */
export async function bundleE2e(files, { outdir = defaultOutdir } = {}) {
  const outputOf = (file) => join(outdir, basename(file).replace(/\.m?ts$/, '.mjs'));
  await build({
    entryPoints: [...files, DEMO_SERVER].map((file) => ({ in: resolve(root, file), out: basename(file).replace(/\.m?ts$/, '') })),
    outdir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'inline',
    tsconfig: join(root, 'tsconfig.json'),
    plugins: [ownModuleUrls],
    logLevel: 'error',
  });
  return { bundles: new Map(files.map((file) => [file, outputOf(file)])), demoServer: outputOf(DEMO_SERVER) };
}
