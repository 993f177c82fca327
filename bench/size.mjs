// Gzipped size of what a page downloads, measured on dist/ (run `npm run build` first):
//  - the library bundled from dist/index.js with lit left out, minified the way the drop-in is
//    (terser), then gzipped: its first chunk (what protects the session: element, controller, engine,
//    adapters) and, apart, the view it loads 30 s before the warning (issue 12 D);
//  - the drop-in dist/session-timeout.min.js (lit's ReactiveElement included) as built, gzipped, and
//    the chunks it loads only when a page needs them (dist/drop-in/: the view with lit-html, the
//    messages for a bad configuration);
//  - each locale module as shipped (dist/locales/*.js, minified by the build), gzipped (budget 700 B, issue 13).
// Usage: node bench/size.mjs            (prints a table; exits 1 when a budget is exceeded)
import { readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { rollup } from 'rollup';
import terser from '@rollup/plugin-terser';

const root = new URL('../', import.meta.url);
const gz = (code) => gzipSync(code, { level: 9 }).length;
const kb = (bytes) => `${(bytes / 1024).toFixed(2)} KiB`;

/** Bundles `input` with lit external, minified like the drop-in: its first chunk, and the chunks it imports later. */
async function bundle(input) {
  const build = await rollup({ input, external: (id) => /^(lit|@lit)(\/|$)/.test(id), logLevel: 'silent', preserveEntrySignatures: 'allow-extension' });
  const { output } = await build.generate({
    format: 'esm',
    plugins: [terser({ ecma: 2020, module: true, format: { comments: false } })],
  });
  await build.close();
  const [entry, ...later] = output.filter((file) => file.type == 'chunk');
  return { code: entry.code, modules: Object.keys(entry.modules), later: Object.fromEntries(later.map((chunk) => [chunk.name, chunk.code])) };
}

const library = await bundle(new URL('dist/index.js', root).pathname);
const engineOnly = await bundle(new URL('dist/idle/engine.js', root).pathname);
const languageOnly = await bundle(new URL('dist/language.js', root).pathname);
const dropIn = readFileSync(new URL('dist/session-timeout.min.js', root));
// Issue 13: the language machinery (lookup, Intl formatting, the English texts) is not in the first download.
const languageInCore = library.modules.filter((id) => /\/(language|texts)\.js$/.test(id));
if (languageInCore.length) throw new Error(`the first download holds ${languageInCore.join(', ')}`);

const rows = [
  ['first download, lit external: element, controller, engine, adapters', gz(library.code), 6 * 1024],
  ['  of which the idle engine alone', gz(engineOnly.code), null],
  ['loaded 30 s before the warning: the view, lit external', gz(library.later['warning-view']), null],
  ['  of which the language machinery (language, English texts)', gz(languageOnly.code), null],
  ['drop-in dist/session-timeout.min.js (ReactiveElement bundled)', gz(dropIn), 11 * 1024],
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
  console.log(`${name.padEnd(68)} ${String(size).padStart(6)} B  ${kb(size).padStart(10)}  ${verdict}`);
}
process.exitCode = failed ? 1 : 0;
