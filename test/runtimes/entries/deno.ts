// Deno: Deno.serve with the app's fetch, as Hono's Deno guide does.
import { createRuntimeApp } from '../app.js';

declare const Deno: {
  env: { get(name: string): string | undefined };
  serve(options: { hostname: string; port: number; onListen?: () => void }, handler: (request: Request) => Response | Promise<Response>): unknown;
};

Deno.serve({ hostname: '127.0.0.1', port: Number(Deno.env.get('PORT')), onListen: () => {} }, createRuntimeApp().fetch);
