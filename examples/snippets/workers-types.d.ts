// Stands in for what a Workers project has from `wrangler types` (or @cloudflare/workers-types), reduced
// to what the snippets use: the real DurableObjectNamespace has every member of SessionNamespace.
type DurableObjectNamespace = import('session-timeout-element/hono/cloudflare').SessionNamespace;
