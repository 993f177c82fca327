/**
 * Unsaved work: does any form control of the page hold a value the user typed or chose? No
 * configuration: every `<input>`, `<textarea>` and `<select>` of the document counts, inside a form or
 * not, and every editing host (`contenteditable`), in the open shadow roots the page renders too.
 *
 * What the user did decides first (`user-edits.ts`): a field edited by the user holds work while its
 * content differs from what it held before the first edit, so React's controlled fields count, and a
 * field typed into then erased, or emptied by the app after saving, does not; what a form held when
 * the user submitted it is saved. A field the user did not edit since the element started compares
 * with its default (the value, checked or selected state it was served with): work typed before, or
 * a draft the page restored.
 *
 * Only looked at when it matters (the warning opens, the session ends), never per input event.
 *
 * @module
 */
import { editedContent, watchEdits } from './user-edits.js';

/** Input types whose value the user does not edit. */
const NOT_EDITED = new Set(['hidden', 'submit', 'button', 'reset', 'image']);

/** Whether one control holds unsaved work: by the user's edits, else by its default. */
export function isChanged(control: Element): boolean {
  if (control instanceof HTMLInputElement && NOT_EDITED.has(control.type)) return false;
  if ((control instanceof HTMLInputElement || control instanceof HTMLTextAreaElement || control instanceof HTMLSelectElement)
    && control.disabled) return false;
  return editedContent(control) ?? differsFromDefault(control);
}

/** Whether one control differs from its default (the value, checked or selected state it was served with). */
function differsFromDefault(control: Element): boolean {
  if (control instanceof HTMLInputElement) {
    if (control.type == 'checkbox' || control.type == 'radio') return control.checked != control.defaultChecked;
    if (control.type == 'file') return (control.files?.length ?? 0) > 0;
    return control.value != control.defaultValue;
  }
  if (control instanceof HTMLTextAreaElement) return control.value != control.defaultValue;
  if (control instanceof HTMLSelectElement) {
    const options = [...control.options];
    // A single select with no `selected` option shows its first enabled option by default.
    const defaults = options.some((option) => option.defaultSelected) || control.multiple
      ? options.map((option) => option.defaultSelected)
      : options.map((option) => option === options.find((o) => !o.disabled));
    return options.some((option, i) => option.selected != defaults[i]);
  }
  // An editing host has no default: only the user's edits tell.
  return false;
}

/**
 * Whether any form control or editing host under `root` (and the open shadow roots below it) holds
 * unsaved changes. Starts recording the user's edits, if the element has not yet.
 *
 * @example
 * if (hasUnsavedWork()) console.log('keep this page');
 */
export function hasUnsavedWork(root: Document | ShadowRoot | Element = document): boolean {
  watchEdits();
  for (const control of root.querySelectorAll('input, textarea, select, [contenteditable]')) if (isChanged(control)) return true;
  for (const host of root.querySelectorAll('*')) {
    if (host.shadowRoot && hasUnsavedWork(host.shadowRoot)) return true;
  }
  return false;
}
