// Two builds:
//  1. the library: one ES module per source file, `lit` and `hono` left to the user's bundler
//     (types come from `tsc -p tsconfig.build.json`);
//  2. the drop-in: dist/session-timeout.min.js, one file with lit bundled and minified, for a <script type=module>.
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import esbuild from 'rollup-plugin-esbuild';
import { readdirSync } from 'node:fs';
import { minifyTemplates } from './scripts/minify-templates.mjs';

const ts = () => esbuild({ target: 'es2022', tsconfig: './tsconfig.json' });
const minify = () => terser({ ecma: 2020, module: true, format: { comments: false } });

/**
 * The locale modules are fetched as they are by the drop-in (and are well under 700 B gzip only
 * minified, with their text in UTF-8): minified in the library build too, the other modules not.
 */
function minifyLocales() {
  const plugin = minify();
  return {
    name: 'minify-locales',
    renderChunk(code, chunk, options, meta) {
      return chunk.fileName.startsWith('locales/') ? plugin.renderChunk.call(this, code, chunk, options, meta) : null;
    },
    // Nothing to map back: a locale module is one object of texts, and the comment would cost bytes.
    generateBundle(options, bundle) {
      for (const [name, file] of Object.entries(bundle)) {
        if (!name.startsWith('locales/')) continue;
        if (file.type == 'asset') delete bundle[name];
        else file.code = file.code.replace(/\n\/\/# sourceMappingURL=.*\s*$/, '\n');
      }
    },
  };
}
const isExternal = (id) => /^(lit|@lit|hono|node:)/.test(id) || /^(lit|hono|better-auth|express)(\/|$)/.test(id);

export default [
  {
    input: {
      index: 'src/index.ts',
      'session-timeout': 'src/session-timeout.ts',
      // Loaded by a page in a cross-origin frame: reports its input to the parent's element.
      frame: 'src/frame.ts',
      'hono/index': 'src/hono/index.ts',
      'hono/redis': 'src/hono/redis.ts',
      'hono/cloudflare': 'src/hono/cloudflare.ts',
      'hono/testing': 'src/hono/testing.ts',
      'hono/better-auth': 'src/hono/better-auth.ts',
      // Express 5: the same core through a Fetch bridge; express itself is never imported.
      'express/index': 'src/express/index.ts',
      // `npx session-timeout-conformance`: the package's `bin` (Node only; rollup keeps its shebang).
      'conformance/cli': 'src/conformance/cli.ts',
      // One module per language: the drop-in loads them from dist/locales/, bundlers import them.
      ...Object.fromEntries(readdirSync('src/locales').map((file) => [`locales/${file.replace(/\.ts$/, '')}`, `src/locales/${file}`])),
    },
    external: isExternal,
    output: { dir: 'dist', format: 'esm', preserveModules: true, preserveModulesRoot: 'src', entryFileNames: '[name].js', sourcemap: true },
    plugins: [ts(), minifyTemplates(), minifyLocales()],
  },
  {
    // Code only some pages need (messages for a bad configuration) goes to a chunk beside it.
    input: { 'session-timeout.min': 'src/drop-in.ts' },
    // The chunks import what they share with the drop-in (lit, the registry) from it: one file first.
    preserveEntrySignatures: 'allow-extension',
    output: {
      dir: 'dist', format: 'esm', sourcemap: true,
      // The view unhashed: after a failed fetch the drop-in asks for it again by name (src/element/view-loader.ts).
      chunkFileNames: (chunk) => (chunk.name == 'warning-view' ? 'drop-in/[name].js' : 'drop-in/[name]-[hash].js'),
    },
    plugins: [nodeResolve(), ts(), minifyTemplates(), minify()],
  },
];
