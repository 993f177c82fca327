// workerd: a module worker exporting the app, its secret a binding (c.env), as on Cloudflare Workers.
import { createRuntimeApp } from '../app.js';

export default createRuntimeApp();
