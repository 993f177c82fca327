import { css } from 'lit';

/**
 * Styles of `<session-timeout>`. Colours and the corner radius are custom properties declared on
 * `:host` (documented on the class); motion only when the user has not asked for less; the warning
 * never gets wider than the viewport, so it reflows down to 320 px.
 */
export const styles = css`
  :host {
    display: block;
    --session-timeout-background: #fff;
    --session-timeout-color: #1b1b1f;
    --session-timeout-accent: #0b57d0;
    --session-timeout-accent-color: #fff;
    --session-timeout-radius: 8px;
  }
  dialog {
    box-sizing: border-box;
    width: min(28rem, 100vw - 1rem);
    padding: 1.5rem;
    border: 0;
    border-radius: var(--session-timeout-radius);
    background: var(--session-timeout-background);
    color: var(--session-timeout-color);
  }
  ::backdrop {
    background: #0008;
  }
  h2 {
    margin: 0;
  }
  #countdown {
    font-size: 2em;
    font-weight: 700;
    font-variant-numeric: tabular-nums;
  }
  button {
    margin: 0 0.5rem 0.5rem 0;
    padding: 0.75rem 1rem;
    border: 2px solid var(--session-timeout-accent);
    border-radius: var(--session-timeout-radius);
    background: var(--session-timeout-background);
    color: var(--session-timeout-accent);
    font: inherit;
    font-weight: 600;
  }
  button[autofocus] {
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
