// What `npm publish` would ship (issue 14, package hygiene): the packed tarball passes publint --strict
// and "Are the types wrong?" for an ESM-only package, and its custom-elements.json describes files it
// contains. Needs a fresh build (`npm run test:package` builds first; `test:package:built` does not).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { root, run } from './tools.js';

let dir: string;
let tarball: string;
let files: Set<string>;

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'session-timeout-pack-'));
  // --ignore-scripts: the build already ran; prepack would run it again.
  const [packed] = JSON.parse(
    execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], { cwd: root, encoding: 'utf8' }),
  ) as { filename: string; files: { path: string }[] }[];
  tarball = join(dir, packed!.filename);
  files = new Set(packed!.files.map((f) => f.path));
  execFileSync('tar', ['-xzf', tarball, '-C', dir]);
});
after(() => rmSync(dir, { recursive: true, force: true }));

describe('the packed package', () => {
  it('passes publint --strict', () => {
    const { status, output } = run('publint', ['--strict', tarball]);
    assert.equal(status, 0, output);
  });

  it('passes @arethetypeswrong/cli --profile esm-only (every entry typed for node16 ESM and bundlers)', () => {
    const { status, output } = run('attw', ['--profile', 'esm-only', tarball]);
    assert.equal(status, 0, output);
  });

  it('ships LICENSE, README, custom-elements.json, the drop-in and the framework typings', () => {
    for (const file of ['LICENSE', 'README.md', 'custom-elements.json', 'dist/session-timeout.min.js', 'dist/session-timeout.min.js.map', 'dist/react.d.ts', 'dist/vue.d.ts']) {
      assert.ok(files.has(file), `${file} is in the tarball`);
    }
  });

  it('ships `npx session-timeout-conformance`: a bin whose file starts with its shebang', () => {
    const manifest = JSON.parse(readFileSync(join(dir, 'package', 'package.json'), 'utf8')) as { bin?: Record<string, string> };
    assert.deepEqual(manifest.bin, { 'session-timeout-conformance': './dist/conformance/cli.js' });
    assert.ok(files.has('dist/conformance/cli.js'), 'dist/conformance/cli.js is in the tarball');
    assert.match(readFileSync(join(dir, 'package', 'dist', 'conformance', 'cli.js'), 'utf8'), /^#!\/usr\/bin\/env node\n/);
  });

  it('custom-elements.json points at shipped files, and says which module defines <session-timeout>', () => {
    const manifest = JSON.parse(readFileSync(join(dir, 'package', 'custom-elements.json'), 'utf8')) as {
      modules: { path: string; exports?: { kind: string; name: string; declaration: { name: string; module?: string } }[] }[];
    };
    for (const mod of manifest.modules) {
      assert.ok(files.has(mod.path), `module ${mod.path} is in the tarball`);
      for (const entry of mod.exports ?? []) {
        if (entry.declaration.module) assert.ok(files.has(entry.declaration.module), `${mod.path} exports ${entry.name} from ${entry.declaration.module}, which ships`);
      }
    }
    const definitions = manifest.modules.flatMap((mod) => (mod.exports ?? []).filter((e) => e.kind === 'custom-element-definition').map((e) => ({ ...e, in: mod.path })));
    assert.deepEqual(definitions, [
      { kind: 'custom-element-definition', name: 'session-timeout', declaration: { name: 'SessionTimeoutElement', module: 'dist/session-timeout.js' }, in: 'dist/session-timeout-define.js' },
    ]);
  });

  it('every entry the README names resolves by its name, and the modules that register something are kept by bundlers', () => {
    // An app beside the unpacked package: Node resolves through package.json `exports` as bundlers do.
    const app = join(dir, 'app');
    mkdirSync(join(app, 'node_modules'), { recursive: true });
    symlinkSync(join(dir, 'package'), join(app, 'node_modules', 'session-timeout-element'), 'dir');
    const locales = readdirSync(join(dir, 'package', 'dist', 'locales')).filter((f) => f.endsWith('.js'));
    assert.ok(locales.includes('de.js'));
    const entries = ['', '/session-timeout.js', '/session-timeout.min.js', '/controller.js', '/passive-fetch.js', '/frame', '/react', '/vue', '/hono', '/hono/redis', '/hono/cloudflare', '/better-auth', '/express', '/custom-elements.json', ...locales.map((f) => `/locales/${f}`)];
    const script = `for (const e of ${JSON.stringify(entries)}) console.log(import.meta.resolve('session-timeout-element' + e))`;
    const resolved = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: app, encoding: 'utf8' }).trim().split('\n');
    assert.equal(resolved.length, entries.length);
    for (const url of resolved) assert.ok(files.has(url.slice(url.indexOf('/package/') + '/package/'.length)), `${url} ships`);

    const pkg = JSON.parse(readFileSync(join(dir, 'package', 'package.json'), 'utf8')) as { sideEffects: string[] };
    const kept = (file: string) => pkg.sideEffects.some((glob) => new RegExp(`^${glob.replace(/^\.\//, '').replaceAll('.', '\\.').replaceAll('*', '[^/]*')}$`).test(file));
    for (const file of ['dist/index.js', 'dist/session-timeout-define.js', 'dist/session-timeout.min.js', 'dist/frame.js', 'dist/locales/de.js']) assert.ok(kept(file), `${file} registers something: in sideEffects`);
    for (const file of ['dist/passive-fetch.js', 'dist/controller.js', 'dist/session-timeout.js', 'dist/react.js']) assert.ok(!kept(file), `${file} has no side effect`);
  });

  it('package.json links the repository, homepage and issues (the README\'s relative links and image on the registry page)', () => {
    const pkg = JSON.parse(readFileSync(join(dir, 'package', 'package.json'), 'utf8')) as Record<string, unknown>;
    assert.match(JSON.stringify(pkg.repository), /github\.com\/session-timeout-element\/session-timeout-element/);
    assert.equal(typeof pkg.homepage, 'string');
    assert.equal(typeof (pkg.bugs as { url?: unknown } | undefined)?.url, 'string');
    assert.equal(pkg.type, 'module');
  });
});
