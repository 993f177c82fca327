import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { createElement, useState } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { createApp, h, nextTick, ref, vModelText, withDirectives } from 'vue';
import { hasUnsavedWork, isChanged } from '../../src/browser/unsaved-work.js';

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

// What the user did is the signal: React keeps `defaultValue` equal to `value` on controlled fields, so
// only the user's own (trusted) edits show that a field holds work.
describe('hasUnsavedWork on framework forms, typed into for real', () => {
  /** A React 19 form as apps write it: controlled fields, saved by fetch on submit, then emptied or kept. */
  function ReactNotes({ afterSave }: { afterSave: 'empty' | 'keep' }) {
    const [title, setTitle] = useState('');
    const [notes, setNotes] = useState('');
    const [done, setDone] = useState(false);
    const save = (event: { preventDefault(): void }) => {
      event.preventDefault();
      if (afterSave == 'empty') {
        setTitle('');
        setNotes('');
      }
    };
    return createElement('form', { onSubmit: save },
      createElement('input', { id: 'title', value: title, onChange: (e: { target: HTMLInputElement }) => setTitle(e.target.value) }),
      createElement('textarea', { id: 'notes', value: notes, onChange: (e: { target: HTMLTextAreaElement }) => setNotes(e.target.value) }),
      createElement('input', { id: 'done', type: 'checkbox', checked: done, onChange: (e: { target: HTMLInputElement }) => setDone(e.target.checked) }),
      createElement('button', { id: 'save' }, 'Save'));
  }

  let root: Root | undefined;
  // The element starts recording the user's edits as it connects; without one, the first look does.
  before(() => void hasUnsavedWork());
  afterEach(() => root?.unmount());

  async function renderReact(afterSave: 'empty' | 'keep' = 'empty') {
    const page = await fixture<HTMLDivElement>(html`<div></div>`);
    root = createRoot(page);
    root.render(createElement(ReactNotes, { afterSave }));
    await waitUntil(() => page.querySelector('#save'), 'React rendered the form');
    return page;
  }

  async function typeInto(field: HTMLElement, text: string) {
    field.focus();
    await sendKeys({ type: text });
  }

  it('sees text typed into a React controlled input and textarea', async () => {
    for (const id of ['title', 'notes']) {
      const page = await renderReact();
      expect(hasUnsavedWork(page), 'as rendered').to.equal(false);
      const field = page.querySelector<HTMLInputElement | HTMLTextAreaElement>(`#${id}`)!;
      await typeInto(field, 'tenMinutesOfTyping');
      expect(field.value).to.equal('tenMinutesOfTyping');
      // What made the default comparison blind: React keeps the two equal.
      expect(field.defaultValue, 'React keeps defaultValue in step').to.equal(field.value);
      expect(hasUnsavedWork(page), `typed into #${id}`).to.equal(true);
      root!.unmount();
      root = undefined;
    }
  });

  it('sees a React controlled checkbox the user ticked', async () => {
    const page = await renderReact();
    page.querySelector<HTMLInputElement>('#done')!.focus();
    await sendKeys({ press: 'Space' });
    expect(page.querySelector<HTMLInputElement>('#done')!.checked).to.equal(true);
    expect(hasUnsavedWork(page)).to.equal(true);
  });

  it('does not count text typed and then erased again', async () => {
    const page = await renderReact();
    await typeInto(page.querySelector('#title')!, 'ab');
    expect(hasUnsavedWork(page)).to.equal(true);
    await sendKeys({ press: 'Backspace' });
    await sendKeys({ press: 'Backspace' });
    expect(page.querySelector('input')!.value).to.equal('');
    expect(hasUnsavedWork(page)).to.equal(false);
  });

  it('does not count a React form saved by fetch, whether it empties its fields or keeps them', async () => {
    for (const afterSave of ['empty', 'keep'] as const) {
      const page = await renderReact(afterSave);
      await typeInto(page.querySelector('#notes')!, 'savedText');
      await typeInto(page.querySelector('#title')!, 'aTitle');
      await sendKeys({ press: 'Enter' }); // submits: the app saves, and the fields keep or lose their text
      await waitUntil(() => afterSave == 'keep' || page.querySelector('input')!.value == '', 'the app emptied the form');
      expect(hasUnsavedWork(page), `saved, then ${afterSave}`).to.equal(false);
      // Typing after the save is new work again.
      await typeInto(page.querySelector('#notes')!, '!');
      expect(hasUnsavedWork(page), `typed after the save (${afterSave})`).to.equal(true);
      root!.unmount();
      root = undefined;
    }
  });

  it('sees text typed into a Vue 3 v-model field, and not once the app emptied it after saving', async () => {
    const page = await fixture<HTMLDivElement>(html`<div></div>`);
    const notes = ref('');
    // What Vue's compiler makes of <textarea v-model="notes">.
    const app = createApp({
      render: () => withDirectives(h('textarea', { 'onUpdate:modelValue': (value: string) => (notes.value = value) }), [[vModelText, notes.value]]),
    });
    app.mount(page);
    try {
      await typeInto(page.querySelector('textarea')!, 'typedInVue');
      expect(notes.value).to.equal('typedInVue');
      expect(hasUnsavedWork(page)).to.equal(true);
      notes.value = '';
      await nextTick();
      expect(hasUnsavedWork(page)).to.equal(false);
    } finally {
      app.unmount();
    }
  });

  it('sees text typed into contenteditable (an editor), not one only rendered there', async () => {
    const page = await fixture<HTMLDivElement>(html`<div><div contenteditable="true">served</div></div>`);
    const editor = page.querySelector<HTMLElement>('[contenteditable]')!;
    expect(hasUnsavedWork(page)).to.equal(false);
    editor.textContent = 'rendered by the app';
    expect(hasUnsavedWork(page), 'the app rendered new content').to.equal(false);
    await typeInto(editor, 'x');
    expect(hasUnsavedWork(page)).to.equal(true);
    await sendKeys({ press: 'Backspace' });
    expect(hasUnsavedWork(page), 'typed and erased').to.equal(false);
  });

  it('does not count untrusted events: a script setting a field is not the user', async () => {
    const input = await fixture<HTMLInputElement>(html`<input>`);
    input.value = input.defaultValue = 'set by script';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    expect(isChanged(input)).to.equal(false);
  });

  it('does not count an uncontrolled form the user typed into and then reset', async () => {
    const form = await fixture<HTMLFormElement>(html`<form><input value="served"><button type="reset">Reset</button></form>`);
    await typeInto(form.querySelector('input')!, '-typed');
    expect(hasUnsavedWork(form)).to.equal(true);
    form.querySelector('button')!.focus();
    await sendKeys({ press: 'Space' });
    expect(form.querySelector('input')!.value).to.equal('served');
    expect(hasUnsavedWork(form)).to.equal(false);
  });
});
