/**
 * What the user edited. A field's `defaultValue` cannot tell: React keeps it equal to `value` on
 * controlled fields. The user's own edits can: trusted `beforeinput`, `input` and `change` events,
 * heard on the window before any framework's listener (capture phase), with each field's content
 * from before the user's first edit. A trusted submit marks what the form held then as saved.
 *
 * Runs from when the element connects (or `hasUnsavedWork` is first called). Stores nothing but weak
 * references to the fields: a field that leaves the page is forgotten with it.
 *
 * @module
 */

/** Fields whose content is text (React keeps their `defaultValue` in step): not these input types. */
const NOT_TEXT = new Set(['checkbox', 'radio', 'file', 'hidden', 'submit', 'button', 'reset', 'image']);

/** A form control or an editing host the user edits as text. */
export type TextField = HTMLInputElement | HTMLTextAreaElement | HTMLElement;

/** Content before the user's first edit; `null`: unknown (edited before we could read it). */
const before = new WeakMap<Element, string | null>();
/** Fields the user changed (a trusted `input` or `change` reached them). */
const edited = new WeakSet<Element>();
/** What each field of a form held at its last trusted submit: the app has it, so it is not unsaved. */
const submitted = new WeakMap<Element, string>();
const watching = new WeakSet<Window>();

/** A field's content as compared here: the value, the checked state, the selected options, or the text. */
export function contentOf(field: Element): string {
  if (field instanceof HTMLInputElement && (field.type == 'checkbox' || field.type == 'radio')) return String(field.checked);
  if (field instanceof HTMLSelectElement) return [...field.options].map((option) => Number(option.selected)).join('');
  if (field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement) return field.value;
  return field.textContent ?? '';
}

/** The field an event really reached (inside open shadow roots too), when it is edited as text. */
function textField(event: Event): TextField | null {
  const target = event.composedPath()[0];
  if (target instanceof HTMLInputElement) return NOT_TEXT.has(target.type) ? null : target;
  if (target instanceof HTMLTextAreaElement) return target;
  return target instanceof HTMLElement && target.isContentEditable ? target : null;
}

const onBeforeInput = (event: Event): void => {
  const field = event.isTrusted && textField(event);
  if (field && !before.has(field)) before.set(field, contentOf(field));
};

const onInput = (event: Event): void => {
  const field = event.isTrusted && textField(event);
  if (!field) return;
  // No `beforeinput` came first (autofill, a date picker, a range): heard before any framework's own
  // listener, `defaultValue` is still what the field held (React's last render, or as served).
  if (!before.has(field)) before.set(field, 'defaultValue' in field ? field.defaultValue : null);
  edited.add(field);
};

const onSubmit = (event: Event): void => {
  if (!event.isTrusted || !(event.target instanceof HTMLFormElement)) return;
  for (const field of event.target.elements) submitted.set(field, contentOf(field));
};

/** Starts recording the user's edits in `view` (once per window; later calls do nothing). */
export function watchEdits(view: Window = window): void {
  if (watching.has(view)) return;
  watching.add(view);
  const options = { capture: true, passive: true };
  view.addEventListener('beforeinput', onBeforeInput, options);
  view.addEventListener('input', onInput, options);
  view.addEventListener('change', onInput, options);
  view.addEventListener('submit', onSubmit, options);
}

/**
 * What the user's edits say of `field`: `true` it holds work, `false` it holds none, `undefined` the
 * user did not edit it (as text) since we watched.
 */
export function editedContent(field: Element): boolean | undefined {
  const content = contentOf(field);
  if (submitted.get(field) === content) return false;
  if (!edited.has(field)) return undefined;
  return content !== before.get(field);
}
