/**
 * The sessionTimeout that bench/runtime-http-app.ts serves as its fourth app, "baseline": this
 * checkout's own, unless bench/runtimes-http.mjs runs with BASELINE=<another checkout's
 * src/hono/index.ts>, which its bundler then puts here instead, so two versions are measured in the
 * same process and rounds.
 */
export { sessionTimeout } from '../src/hono/index.js';
