// Node: @hono/node-server, as the demo serves it.
import { serve } from '@hono/node-server';
import { createRuntimeApp } from '../app.js';

serve({ fetch: createRuntimeApp().fetch, hostname: '127.0.0.1', port: Number(process.env.PORT) });
