import { css } from '@lit/reactive-element';
import { textLayoutReset } from './text-layout-reset.js';

/**
 * Styles of `<session-timeout>`. Colours and the corner radius are custom properties declared on
 * `:host` (documented on the class). By default the colours are the system's `Canvas`/`CanvasText`,
 * so the warning follows the page's `color-scheme` (dark on a dark page); the accent keeps its
 * contrast on both. Forced colours (Windows high contrast) get a visible edge. Motion only when the
 * user has not asked for less; the warning never gets wider than the viewport, so it reflows down to
 * 320 px, and scrolls (heading first) when zoomed in.
 */
export const styles = css`
  :host {
    display: block;
    --session-timeout-background: Canvas;
    --session-timeout-color: CanvasText;
    /* 5.4:1 under white text, 3.5:1 on a dark canvas: usable in light and dark schemes. */
    --session-timeout-accent: #1967d2;
    --session-timeout-accent-color: #fff;
    --session-timeout-radius: 8px;
    /* A rule on the element itself (session-timeout { … }) still wins over the reset. */
    ${textLayoutReset}
  }
  dialog {
    box-sizing: border-box;
    width: min(28rem, 100vw - 1rem);
    padding: 1.5rem;
    /* Invisible in normal colours; in forced colours (below) the dialog keeps an edge. */
    border: 2px solid transparent;
    border-radius: var(--session-timeout-radius);
    background: var(--session-timeout-background);
    color: var(--session-timeout-color);
    /* A wheel or swipe at the end of the dialog's own scroll never moves the page behind. */
    overscroll-behavior: contain;
  }
  ::backdrop {
    background: #0008;
  }
  /* The session ended and the page keeps unsaved work: nobody may see it until the user signs in again. */
  .kept::backdrop {
    background: Canvas;
  }
  h2 {
    margin: 0;
  }
  #countdown {
    margin: 1rem 0;
  }
  [part~='countdown'] {
    font-size: 2em;
    font-weight: 700;
    font-variant-numeric: tabular-nums;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }
  form {
    display: contents;
  }
  button {
    padding: 0.75rem 1rem;
    border: 2px solid var(--session-timeout-accent);
    border-radius: var(--session-timeout-radius);
    background: var(--session-timeout-background);
    color: var(--session-timeout-color);
    font: inherit;
    font-weight: 600;
  }
  .primary {
    background: var(--session-timeout-accent);
    color: var(--session-timeout-accent-color);
  }
  :focus-visible {
    outline: 3px solid var(--session-timeout-accent);
    outline-offset: 2px;
  }
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
  }
  @media (forced-colors: active) {
    dialog {
      border-color: CanvasText;
    }
  }
  @media (prefers-reduced-motion: no-preference) {
    dialog {
      animation: session-timeout-in 0.2s;
    }
  }
  @keyframes session-timeout-in {
    from {
      opacity: 0;
    }
  }
`;
