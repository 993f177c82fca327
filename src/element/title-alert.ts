/**
 * The countdown in the document title while the warning is open and the page is hidden (a
 * background tab): `(0:45) ` before the page's own title, so the user sees it in the tab strip.
 *
 * @module
 */

/** Whether the page is hidden, and a way to hear when that changes; the document's by default. */
export interface VisibilitySource {
  readonly hidden: boolean;
  /** Calls `listener` on every change; returns what stops it. */
  subscribe(listener: () => void): () => void;
}

/** The document's visibility (`document.visibilityState`, `visibilitychange`). */
export const documentVisibility: VisibilitySource = {
  get hidden() {
    return document.visibilityState == 'hidden';
  },
  subscribe(listener) {
    document.addEventListener('visibilitychange', listener);
    return () => document.removeEventListener('visibilitychange', listener);
  },
};

/** `(m:ss) `: the prefix for `seconds` left (rounded up, as the countdown shows it). */
export const titlePrefix = (seconds: number): string => {
  const s = Math.max(0, Math.ceil(seconds));
  return `(${(s / 60) | 0}:${String(s % 60).padStart(2, '0')}) `;
};

/**
 * Prefixes the title while `show` is on and the page is hidden; restores it as soon as either stops.
 * The title restored is the page's own: when the page changed the title meanwhile, its new title is
 * kept (and prefixed while the alert goes on), never an older one written back.
 *
 * @example
 * const alert = new TitleAlert();
 * alert.update(true, 45);  // hidden: "(0:45) Inbox"
 * alert.update(false, 0);  // "Inbox"
 * alert.dispose();
 */
export class TitleAlert {
  /**
   * While ours is shown: the page's own title (`null`: it had none); `undefined` otherwise. And ours
   * as it reads back.
   */
  #own: string | null | undefined = undefined;
  #written: string | null = null;
  #show = false;
  #remaining = 0;
  readonly #unsubscribe: () => void;

  constructor(readonly doc: Document = document, readonly visibility: VisibilitySource = documentVisibility) {
    this.#unsubscribe = visibility.subscribe(() => this.#apply());
  }

  /** Whether the alert should show (the warning is open and the alert is on), and the seconds left. */
  update(show: boolean, remaining: number): void {
    this.#show = show;
    this.#remaining = remaining;
    this.#apply();
  }

  /** Restores the title and stops listening. */
  dispose(): void {
    this.#show = false;
    this.#apply();
    this.#unsubscribe();
  }

  /**
   * The title as written in the page (the `<title>` element's text: `document.title` collapses white
   * space, and restoring that would not be exact); `null` while the page has none.
   */
  #read(): string | null {
    return this.doc.querySelector('title')?.textContent ?? null;
  }

  #apply(): void {
    const doc = this.doc;
    // The page set a title of its own since we wrote ours: that one is the page's title now.
    if (this.#own !== undefined && this.#read() !== this.#written) this.#own = this.#read();
    if (this.#show && this.visibility.hidden) {
      if (this.#own === undefined) this.#own = this.#read();
      const title = titlePrefix(this.#remaining) + (this.#own ?? '');
      if (this.#read() !== title) doc.title = title;
      this.#written = this.#read();
    } else if (this.#own !== undefined) {
      if (this.#read() === this.#written) {
        // A page with no title gets none back: the element that setting one created goes.
        if (this.#own === null) doc.querySelector('title')?.remove();
        else doc.title = this.#own;
      }
      this.#own = undefined;
    }
  }
}
