// Real framework packages for the browser tests. React ships CommonJS only and Vue's bundler build reads
// `process.env` and compile-time flags: neither can be served to a browser as they are. This
// web-test-runner plugin bundles the listed packages with esbuild, once, into ES modules that share
// their chunks (react-dom/client and react get the same React), and resolves their bare names to them.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';

const PREFIX = '/__packages__/';
const identifier = /^[A-Za-z_$][\w$]*$/;

/** @param {string[]} specifiers bare module names, e.g. `react`, `react-dom/client`, `vue` */
export function packagesPlugin(specifiers) {
  const rootDir = process.cwd();
  // Loaded in a Node of its own: in the runner's process a package would see its captured console.
  const exportNames = (name) => JSON.parse(execFileSync(process.execPath,
    ['--input-type=commonjs', '-e', `console.log(JSON.stringify(Object.keys(require(${JSON.stringify(name)}))))`],
    { cwd: rootDir, encoding: 'utf8' }));
  /** @type {Promise<Map<string, string>> | undefined} served path → code */
  let bundled;

  const bundle = async () => {
    const { outputFiles } = await build({
      entryPoints: Object.fromEntries(specifiers.map((name) => [name, `entry:${name}`])),
      bundle: true,
      splitting: true,
      format: 'esm',
      target: 'es2022',
      outdir: '/out',
      write: false,
      logLevel: 'silent',
      // Where Node's require looks too (NODE_PATH), so both find the same copy of a package.
      nodePaths: process.env.NODE_PATH?.split(':').filter(Boolean) ?? [],
      define: {
        'process.env.NODE_ENV': '"development"',
        __VUE_OPTIONS_API__: 'true',
        __VUE_PROD_DEVTOOLS__: 'false',
        __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
      },
      plugins: [{
        name: 'entries',
        setup(esbuild) {
          esbuild.onResolve({ filter: /^entry:/ }, ({ path }) => ({ path: path.slice('entry:'.length), namespace: 'entry' }));
          // CommonJS has no static export names: re-export the ones the package has under Node.
          esbuild.onLoad({ filter: /.*/, namespace: 'entry' }, ({ path }) => {
            const names = exportNames(path).filter((name) => name !== 'default' && identifier.test(name));
            return {
              resolveDir: rootDir,
              contents: `import * as all from ${JSON.stringify(path)};
                const module = all.default ?? all;
                export default module;
                export const { ${names.join(', ')} } = module;`,
            };
          });
        },
      }],
    });
    return new Map(outputFiles.map((file) => [PREFIX + file.path.slice('/out/'.length), file.text]));
  };

  return {
    name: 'packages',
    resolveImport({ source }) {
      if (specifiers.includes(source)) return `${PREFIX}${source}.js`;
      return undefined;
    },
    async serve(context) {
      if (!context.path.startsWith(PREFIX)) return undefined;
      const body = (await (bundled ??= bundle())).get(context.path);
      return body === undefined ? undefined : { body, type: 'js' };
    },
  };
}
