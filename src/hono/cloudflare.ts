/**
 * `session-timeout-element/hono/cloudflare`: `DurableObjectStore` and `SessionStoreObject`, sessions in
 * Durable Objects. The store itself is in `store/cloudflare.ts`; this file is the package entry point.
 *
 * @module
 */
export * from './store/cloudflare.js';
