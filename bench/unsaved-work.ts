/**
 * Issue 12: how long `hasUnsavedWork()` takes on a large form, in the system Chromium, against the
 * cheapest possible scan in the same run (a bare loop reading every control's value).
 *
 * The page: 600 controls (text inputs, textareas, checkboxes, radios, selects) in 20 forms, plus 20 custom
 * elements with open shadow roots holding 10 inputs each, nothing changed — the worst case, since a
 * change found early ends the scan. Each round times 200 calls of each, interleaved; the median of
 * 15 rounds is reported.
 *
 * Run after `npm run build`:  node --import tsx bench/unsaved-work.ts
 */
import { build } from 'esbuild';
import { launchBrowser } from '../test/e2e/harness.js';

// The module with what it imports (the record of the user's edits), as one script.
const { outputFiles } = await build({
  entryPoints: [new URL('../dist/browser/unsaved-work.js', import.meta.url).pathname], bundle: true, format: 'esm', write: false, logLevel: 'silent',
});
const module = outputFiles[0]!.text;
const browser = await launchBrowser('chromium');
const page = await browser.newPage();
await page.setContent('<!doctype html><title>unsaved work</title><body></body>');
await page.addScriptTag({ type: 'module', content: `${module.replace(/^export \{[^}]*\};?$/m, '')}\nwindow.hasUnsavedWork = hasUnsavedWork;` });
// Plain JavaScript sent as text: tsx would add helpers (__name) the page does not have.
const result = (await page.evaluate(`(() => {
  const kinds = ['<input value="a">', '<textarea>b</textarea>', '<input type="checkbox" checked>', '<input type="radio" name="r">',
    '<select><option>x</option><option selected>y</option></select>'];
  for (let f = 0; f < 20; f++) {
    const form = document.createElement('form');
    form.innerHTML = Array.from({ length: 30 }, (_, i) => kinds[i % kinds.length]).join('');
    document.body.append(form);
  }
  for (let h = 0; h < 20; h++) {
    const host = document.createElement('div');
    host.attachShadow({ mode: 'open' }).innerHTML = '<input value="c">'.repeat(10);
    document.body.append(host);
  }
  const bare = () => {
    let n = 0;
    for (const control of document.querySelectorAll('input, textarea, select')) n += control.value.length;
    return n;
  };
  const time = (fn) => {
    const start = performance.now();
    for (let i = 0; i < 200; i++) fn();
    return (performance.now() - start) / 200;
  };
  const rounds = [];
  for (let round = 0; round < 15; round++) rounds.push([time(window.hasUnsavedWork), time(bare)]);
  const median = (values) => values.sort((a, b) => a - b)[values.length >> 1];
  return {
    controls: document.querySelectorAll('input, textarea, select').length + 200,
    found: window.hasUnsavedWork(),
    element: median(rounds.map(([element]) => element)),
    bare: median(rounds.map(([, baseline]) => baseline)),
  };
})()`)) as { controls: number; found: boolean; element: number; bare: number };
await browser.close();
console.log(`${result.controls} controls (200 of them in 20 shadow roots), nothing changed (found: ${result.found})`);
console.log(`hasUnsavedWork():        ${result.element.toFixed(3)} ms per call (median of 15 rounds × 200 calls)`);
console.log(`bare value-reading loop: ${result.bare.toFixed(3)} ms per call (light DOM only)`);
console.log(`ratio: ${(result.element / result.bare).toFixed(2)}×; a frame at 60 Hz is 16.7 ms`);
