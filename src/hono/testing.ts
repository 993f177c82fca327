/**
 * `session-timeout-element/hono/testing`: `storeContract`, the suite every `SessionStore` must pass. The
 * suite itself is in `store/testing.ts`; this file is the package entry point.
 *
 * @module
 */
export * from './store/testing.js';
