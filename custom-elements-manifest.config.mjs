// `cem analyze` reads the TypeScript sources, but the package ships `dist/*.js`: this plugin makes the
// manifest describe what ships, so editors and tools that follow its paths find real files.
import { existsSync, readFileSync } from 'node:fs';
import { posix } from 'node:path';

/** `src/a/b.ts` → `dist/a/b.js`; relative specifiers (`./b.js` inside `src/a/`) resolved first. */
function shippedPath(specifier, fromModule) {
  const path = specifier.startsWith('.') ? posix.join(posix.dirname(fromModule), specifier) : specifier;
  const match = /^\/?src\/(.+)\.[jt]s$/.exec(path);
  return match ? `dist/${match[1]}.js` : specifier;
}

/** Every `path` and `module` reference anywhere in the tree, rewritten relative to its module. */
function rewritePaths(node, fromModule) {
  if (Array.isArray(node)) return node.forEach((item) => rewritePaths(item, fromModule));
  if (!node || typeof node !== 'object') return;
  for (const [key, value] of Object.entries(node)) {
    if ((key === 'path' || key === 'module') && typeof value === 'string') node[key] = shippedPath(value, fromModule);
    else rewritePaths(value, fromModule);
  }
}

/**
 * Registration goes through `SessionTimeoutElement.define()`, which the analyzer does not recognise
 * as `customElements.define(...)`: a module calling `<Class>.define()` on a custom element class
 * gets the `custom-element-definition` export tools look for.
 */
function definitionExports(manifest) {
  const elements = new Map();
  for (const mod of manifest.modules) {
    for (const declaration of mod.declarations ?? []) {
      if (declaration.customElement && declaration.tagName) elements.set(declaration.name, { tag: declaration.tagName, module: mod.path });
    }
  }
  for (const mod of manifest.modules) {
    const source = readFileSync(mod.path, 'utf8');
    for (const [, className] of source.matchAll(/\b(\w+)\.define\(\s*\)/g)) {
      const element = elements.get(className);
      if (!element) continue;
      mod.exports ??= [];
      mod.exports.push({ kind: 'custom-element-definition', name: element.tag, declaration: { name: className, module: element.module } });
    }
  }
}

/** `export { X }` of an imported class is reported as declared in the re-exporting module: point it at the real one. */
function resolveReexports(manifest) {
  const declaredIn = new Map();
  for (const mod of manifest.modules) for (const d of mod.declarations ?? []) declaredIn.set(d.name, mod.path);
  for (const mod of manifest.modules) {
    const own = new Set((mod.declarations ?? []).map((d) => d.name));
    for (const entry of mod.exports ?? []) {
      const ref = entry.declaration;
      if (ref?.module === mod.path && !own.has(ref.name) && declaredIn.has(ref.name)) ref.module = declaredIn.get(ref.name);
    }
  }
}

/**
 * An attribute whose values are not its property's type (`title-alert="off"` for the boolean
 * `titleAlert`) says so with `@attr {'on' | 'off'} title-alert` in its JSDoc: the analyzer keeps the
 * property's type, this puts the attribute's own in its place (the framework typings follow it).
 */
function attributeValueTypes(manifest) {
  for (const mod of manifest.modules) {
    if (!existsSync(mod.path)) continue;
    const source = readFileSync(mod.path, 'utf8');
    for (const [, type, name] of source.matchAll(/@attr \{([^}]+)\} ([\w-]+)/g)) {
      for (const d of mod.declarations ?? []) for (const a of d.attributes ?? []) if (a.name === name) a.type = { text: type };
    }
  }
}

export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/hono/**'],
  litelement: true,
  plugins: [
    {
      name: 'session-timeout-element:shipped-paths',
      packageLinkPhase({ customElementsManifest: manifest }) {
        definitionExports(manifest);
        attributeValueTypes(manifest);
        resolveReexports(manifest);
        for (const mod of manifest.modules) rewritePaths(mod, mod.path);
        // A module bundling dropped (types only, nothing imports it at run time) does not ship as JS.
        manifest.modules = manifest.modules.filter((mod) => existsSync(mod.path));
      },
    },
  ],
};
