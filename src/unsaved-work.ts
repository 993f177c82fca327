/**
 * Unsaved work: does any form control of the page hold a value the user typed or chose, that differs
 * from the one the page was served with? No configuration: every `<input>`, `<textarea>` and `<select>`
 * of the document counts, inside a form or not, and in the open shadow roots the page renders.
 *
 * Only looked at when it matters (the warning opens, the session ends), never per input event.
 *
 * @module
 */

/** Input types whose value the user does not edit. */
const NOT_EDITED = new Set(['hidden', 'submit', 'button', 'reset', 'image']);

/** Whether one control differs from its default (the value, checked or selected state it was served with). */
export function isChanged(control: Element): boolean {
  if (control instanceof HTMLInputElement) {
    if (NOT_EDITED.has(control.type) || control.disabled) return false;
    if (control.type == 'checkbox' || control.type == 'radio') return control.checked != control.defaultChecked;
    if (control.type == 'file') return (control.files?.length ?? 0) > 0;
    return control.value != control.defaultValue;
  }
  if (control instanceof HTMLTextAreaElement) return !control.disabled && control.value != control.defaultValue;
  if (control instanceof HTMLSelectElement) {
    if (control.disabled) return false;
    const options = [...control.options];
    // A single select with no `selected` option shows its first enabled option by default.
    const defaults = options.some((option) => option.defaultSelected) || control.multiple
      ? options.map((option) => option.defaultSelected)
      : options.map((option) => option === options.find((o) => !o.disabled));
    return options.some((option, i) => option.selected != defaults[i]);
  }
  return false;
}

/**
 * Whether any form control under `root` (and the open shadow roots below it) holds unsaved changes.
 *
 * @example
 * if (hasUnsavedWork()) console.log('keep this page');
 */
export function hasUnsavedWork(root: Document | ShadowRoot | Element = document): boolean {
  for (const control of root.querySelectorAll('input, textarea, select')) if (isChanged(control)) return true;
  for (const host of root.querySelectorAll('*')) {
    if (host.shadowRoot && hasUnsavedWork(host.shadowRoot)) return true;
  }
  return false;
}
