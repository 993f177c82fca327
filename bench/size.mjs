// Gzipped size of what a page downloads, measured on dist/ (run `npm run build` first):
//  - the library (element, controller, engine, adapters) bundled from dist/index.js with lit left
//    out, minified the way the drop-in is (terser), then gzipped;
//  - the drop-in dist/session-timeout.min.js (lit included) as built, gzipped.
// Usage: node bench/size.mjs            (prints a table; exits 1 when a budget is exceeded)
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { rollup } from 'rollup';
import terser from '@rollup/plugin-terser';

const root = new URL('../', import.meta.url);
const gz = (code) => gzipSync(code, { level: 9 }).length;
const kb = (bytes) => `${(bytes / 1024).toFixed(2)} KiB`;

async function bundle(input) {
  const build = await rollup({ input, external: (id) => /^(lit|@lit)(\/|$)/.test(id), logLevel: 'silent' });
  const { output } = await build.generate({
    format: 'esm',
    plugins: [terser({ ecma: 2020, module: true, format: { comments: false } })],
  });
  await build.close();
  return output[0].code;
}

const library = await bundle(new URL('dist/index.js', root).pathname);
const engineOnly = await bundle(new URL('dist/idle/engine.js', root).pathname);
const dropIn = readFileSync(new URL('dist/session-timeout.min.js', root));

const rows = [
  ['element + controller + engine + adapters, lit external', gz(library), 4 * 1024],
  ['  of which the idle engine alone', gz(engineOnly), null],
  ['drop-in dist/session-timeout.min.js (lit bundled)', gz(dropIn), 11 * 1024],
];
let failed = false;
for (const [name, size, budget] of rows) {
  const verdict = budget === null ? '' : size <= budget ? `ok (budget ${kb(budget)})` : `OVER budget ${kb(budget)}`;
  if (budget !== null && size > budget) failed = true;
  console.log(`${name.padEnd(58)} ${String(size).padStart(6)} B  ${kb(size).padStart(10)}  ${verdict}`);
}
process.exitCode = failed ? 1 : 0;
