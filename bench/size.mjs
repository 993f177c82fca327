// Gzipped size of what a page downloads, measured on dist/ (run `npm run build` first):
//  - the library (element, controller, engine, adapters) bundled from dist/index.js with lit left
//    out, minified the way the drop-in is (terser), then gzipped;
//  - the drop-in dist/session-timeout.min.js (lit included) as built, gzipped, and the chunks it loads
//    only when a page needs them (dist/drop-in/);
//  - each locale module as shipped (dist/locales/*.js, minified by the build), gzipped (budget 700 B, issue 13).
// Usage: node bench/size.mjs            (prints a table; exits 1 when a budget is exceeded)
import { readdirSync, readFileSync } from 'node:fs';
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
  ['element + controller + engine + adapters, lit external', gz(library), 6 * 1024],
  ['  of which the idle engine alone', gz(engineOnly), null],
  ['  of which the language machinery (language, locale registry)', gz(await bundle(new URL('dist/language.js', root).pathname)), null],
  ['drop-in dist/session-timeout.min.js (lit bundled)', gz(dropIn), 11 * 1024],
];
for (const file of readdirSync(new URL('dist/drop-in/', root)).filter((f) => f.endsWith('.js'))) {
  rows.push([`  loaded only when needed: drop-in/${file.replace(/-[\w]+\.js$/, '')}`, gz(readFileSync(new URL(`dist/drop-in/${file}`, root))), null]);
}
for (const file of readdirSync(new URL('dist/locales/', root)).filter((f) => f.endsWith('.js')).sort()) {
  rows.push([`locale module locales/${file} (as shipped)`, gz(readFileSync(new URL(`dist/locales/${file}`, root))), 700]);
}
let failed = false;
for (const [name, size, budget] of rows) {
  const verdict = budget === null ? '' : size <= budget ? `ok (budget ${kb(budget)})` : `OVER budget ${kb(budget)}`;
  if (budget !== null && size > budget) failed = true;
  console.log(`${name.padEnd(58)} ${String(size).padStart(6)} B  ${kb(size).padStart(10)}  ${verdict}`);
}
process.exitCode = failed ? 1 : 0;
