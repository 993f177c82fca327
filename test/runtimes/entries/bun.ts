// Bun: Bun.serve with the app's fetch, as Hono's Bun guide does.
import { createRuntimeApp } from '../app.js';

declare const Bun: { env: Record<string, string | undefined>; serve(options: { hostname: string; port: number; fetch: (request: Request) => Response | Promise<Response> }): unknown };

Bun.serve({ hostname: '127.0.0.1', port: Number(Bun.env.PORT), fetch: createRuntimeApp().fetch });
