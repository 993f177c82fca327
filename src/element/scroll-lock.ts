/**
 * Keeps the page behind an open modal warning from scrolling with the wheel or touch: a modal
 * `<dialog>` makes the page inert but lets it scroll, so a user reading the warning could lose their
 * place behind it. Shared by the full view and the fallback warning, and by every element on the page.
 *
 * @module
 */

/** How many open warnings hold the lock, and the page's own inline values to restore. */
let holders = 0;
let saved: [property: string, value: string, priority: string][] = [];

/**
 * Stops the document scrolling until the returned function is called (calling it twice is harmless).
 * The scrolling element's own inline `overflow-x`/`overflow-y` are put back exactly as they were.
 */
export function lockScroll(): () => void {
  const style = ((document.scrollingElement ?? document.documentElement) as HTMLElement).style;
  if (holders++ == 0) {
    saved = ['overflow-x', 'overflow-y'].map((property) => [property, style.getPropertyValue(property), style.getPropertyPriority(property)]);
    // `important`: a page's own `html { overflow-y: scroll !important }` must not win over the warning.
    style.setProperty('overflow', 'hidden', 'important');
  }
  let released = false;
  return () => {
    if (released) return;
    released = true;
    if (--holders) return;
    style.removeProperty('overflow');
    for (const [property, value, priority] of saved) if (value) style.setProperty(property, value, priority);
  };
}
