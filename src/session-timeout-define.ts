/**
 * Registers `<session-timeout>`. The only module of the package with a side effect.
 *
 * @module
 */
import { SessionTimeoutElement } from './session-timeout.js';

SessionTimeoutElement.define();

declare global {
  interface HTMLElementTagNameMap {
    'session-timeout': SessionTimeoutElement;
  }
}

export { SessionTimeoutElement };
