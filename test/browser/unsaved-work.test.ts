import { expect, fixture, html } from '@open-wc/testing';
import { hasUnsavedWork, isChanged } from '../../src/unsaved-work.js';

describe('hasUnsavedWork', () => {
  it('is false for a page as it was served, whatever its defaults', async () => {
    const page = await fixture<HTMLDivElement>(html`<div>
      <input value="served"><input type="checkbox" checked><textarea>served</textarea>
      <select><option>a</option><option selected>b</option></select>
      <select><option disabled>pick one</option><option>x</option></select>
      <select multiple><option selected>m</option><option>n</option></select>
      <input type="hidden" value="x"><input type="submit" value="Go">
    </div>`);
    expect(hasUnsavedWork(page)).to.equal(false);
  });

  const edits: Array<[string, (page: HTMLElement) => void]> = [
    ['a typed text', (page) => (page.querySelector('input')!.value = 'typed')],
    ['a cleared text', (page) => (page.querySelector('input')!.value = '')],
    ['a textarea', (page) => (page.querySelector('textarea')!.value += '!')],
    ['an unchecked box', (page) => (page.querySelector<HTMLInputElement>('[type=checkbox]')!.checked = false)],
    ['a radio', (page) => (page.querySelector<HTMLInputElement>('[type=radio]')!.checked = true)],
    ['a select', (page) => (page.querySelector('select')!.selectedIndex = 0)],
    ['a multiple select', (page) => (page.querySelector<HTMLSelectElement>('select[multiple]')!.options[1]!.selected = true)],
  ];
  for (const [what, edit] of edits) {
    it(`sees ${what}, in a form or not`, async () => {
      const page = await fixture<HTMLDivElement>(html`<div>
        <form><input value="served"><textarea>served</textarea></form>
        <input type="checkbox" checked><input type="radio" name="r">
        <select><option>a</option><option selected>b</option></select>
        <select multiple><option selected>m</option><option>n</option></select>
      </div>`);
      edit(page);
      expect(hasUnsavedWork(page)).to.equal(true);
    });
  }

  it('sees work inside open shadow roots', async () => {
    const page = await fixture<HTMLDivElement>(html`<div><span></span></div>`);
    const root = page.querySelector('span')!.attachShadow({ mode: 'open' });
    root.innerHTML = '<p><input value=""></p>';
    expect(hasUnsavedWork(page)).to.equal(false);
    root.querySelector('input')!.value = 'typed in a component';
    expect(hasUnsavedWork(page)).to.equal(true);
  });

  it('ignores disabled controls and buttons', async () => {
    const input = await fixture<HTMLInputElement>(html`<input disabled>`);
    input.value = 'set by script';
    expect(isChanged(input)).to.equal(false);
    expect(isChanged(document.createElement('button'))).to.equal(false);
  });
});
