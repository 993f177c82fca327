/**
 * What the user edited. A field's `defaultValue` cannot tell: React keeps it equal to `value` on
 * controlled fields. The user's own edits can: trusted `beforeinput`, `input` and `change` events, heard on the
 * window before any framework's listener (capture phase), with each text field's content from before
 * the user's first edit. A trusted submit marks what its form held then as saved.
 *
 * Must run before the user types: the element starts it as it connects (`hasUnsavedWork` too). Holds
 * the fields weakly: a field that leaves the page is forgotten with it.
 *
 * @module
 */

/** Content before the user's first edit; `null`: unknown. */
const before = new WeakMap<Element, string | null>();
/** Fields a trusted `input` or `change` reached. */
const edited = new WeakSet<Element>();
/** What each field of a form held at its last trusted submit: the app has it. */
const submitted = new WeakMap<Element, string>();
let watching = false;

/** A field's content as compared here: the checked state, the selected options, the value, or the text. */
export function contentOf(field: Element): string {
  if (field instanceof HTMLSelectElement) return [...field.options].map((option) => +option.selected).join('');
  if (field instanceof HTMLInputElement && (field.type == 'checkbox' || field.type == 'radio')) return String(field.checked);
  return 'value' in field ? String(field.value) : field.textContent ?? '';
}

/** A text field or editing host the event reached (inside open shadow roots too); React keeps these in step. */
function textField(event: Event): HTMLElement | null {
  const target = event.composedPath()[0];
  return event.isTrusted && (target instanceof HTMLTextAreaElement
    || target instanceof HTMLInputElement && !/^(checkbox|radio|file|hidden|submit|button|reset|image)$/.test(target.type)
    || target instanceof HTMLElement && target.isContentEditable) ? target as HTMLElement : null;
}

const onEdit = (event: Event): void => {
  const field = textField(event);
  if (!field) return;
  const input = event.type != 'beforeinput';
  // An input with no beforeinput first (autofill, a date picker, a range): heard before any framework's
  // own listener, `defaultValue` is still what the field held (React's last render, or as served).
  if (!before.has(field)) before.set(field, !input ? contentOf(field) : 'defaultValue' in field ? field.defaultValue as string : null);
  if (input) edited.add(field);
};

const onSubmit = (event: Event): void => {
  if (event.isTrusted && event.target instanceof HTMLFormElement) {
    for (const field of event.target.elements) submitted.set(field, contentOf(field));
  }
};

/** Starts recording the user's edits in this window (once; later calls do nothing). */
export function watchEdits(): void {
  if (watching) return;
  watching = true;
  for (const type of ['beforeinput', 'input', 'change']) addEventListener(type, onEdit, true);
  addEventListener('submit', onSubmit, true);
}

/**
 * What the user's edits say of `field`: `true` it holds work, `false` it holds none, `undefined` the
 * user did not edit it as text (since we watched) and its form was not submitted as it is.
 */
export function editedContent(field: Element): boolean | undefined {
  const saved = submitted.get(field);
  const isEdited = edited.has(field);
  // Most fields: neither, and the scan moves on without reading them.
  if (saved === undefined && !isEdited) return undefined;
  const content = contentOf(field);
  if (saved === content) return false;
  return isEdited ? content !== before.get(field) : undefined;
}
