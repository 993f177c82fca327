// The public API is what README.md documents: each browser entry of the built package exports exactly the
// documented names (values and types), and each name appears in README's table of entries. A building block
// exported by mistake (the idle engine, tabs, keep-alive…) would become semver-public; this test says so.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import ts from 'typescript';
import { root } from './tools.js';

/** The documented exports of each browser entry (README.md, "The package's entries"). */
const documented: Record<string, { values: string[]; types: string[] }> = {
  'session-timeout-element': {
    values: [
      'SessionTimeoutElement',
      'SessionTimeoutWarnEvent', 'SessionTimeoutExtendEvent', 'SessionTimeoutDismissEvent',
      'SessionTimeoutExpireEvent', 'SessionTimeoutResumeEvent', 'SessionTimeoutErrorEvent',
      'SessionTimeoutTickEvent', 'SessionTimeoutLeaderEvent', 'SessionTimeoutPingEvent',
      'SessionTimeoutController', 'SessionCoordinator',
      'passiveFetch', 'defineLocale', 'hasUnsavedWork',
    ],
    types: [
      'SessionTimeoutEventMap', 'SessionTimeoutControllerOptions', 'SessionTimeoutOptions', 'ConfigurableOptions',
      'IdleDurations', 'IdleState', 'ExpireReason', 'EndReason', 'ExtendSource', 'Scheduler', 'PingRequestOptions',
      'LocaleTexts',
    ],
  },
  'session-timeout-element/session-timeout.js': { values: ['SessionTimeoutElement'], types: [] },
  'session-timeout-element/controller.js': { values: ['SessionTimeoutController'], types: ['SessionTimeoutControllerOptions', 'SessionTimeoutOptions', 'ConfigurableOptions'] },
  'session-timeout-element/passive-fetch.js': { values: ['passiveFetch'], types: [] },
};

const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { exports: Record<string, { types: string; default: string }> };
const entryOf = (specifier: string) => packageJson.exports[specifier.replace('session-timeout-element', '.')]!;

/** Every name a declaration file exports, split into values and type-only names. */
function declaredExports(file: string): { values: string[]; types: string[] } {
  const program = ts.createProgram([file], { strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, types: [] });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(file);
  assert.ok(source, `${file} exists (npm run build first)`);
  const module = checker.getSymbolAtLocation(source);
  assert.ok(module, `${file} is a module`);
  const values: string[] = [];
  const types: string[] = [];
  for (const symbol of checker.getExportsOfModule(module)) {
    const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
    (target.flags & ts.SymbolFlags.Value ? values : types).push(symbol.name);
  }
  return { values: values.sort(), types: types.sort() };
}

describe('the public API is the documented list', () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');

  for (const [specifier, { values, types }] of Object.entries(documented)) {
    it(`${specifier}: its declaration file exports exactly the documented names`, () => {
      const declared = declaredExports(join(root, entryOf(specifier).types));
      assert.deepEqual(declared, { values: [...values].sort(), types: [...types].sort() });
    });

    it(`${specifier}: its JavaScript module exports exactly the documented values`, async () => {
      const module = (await import(join(root, entryOf(specifier).default))) as Record<string, unknown>;
      assert.deepEqual(Object.keys(module).sort(), [...values].sort());
    });
  }

  it('README.md names every export of the package entry', () => {
    const { values, types } = documented['session-timeout-element']!;
    const missing = [...values, ...types].filter((name) => !readme.includes(`\`${name}\``));
    assert.deepEqual(missing, [], 'README.md documents each of these');
  });

  it('the drop-in exports what the package entry does (its types are the entry\'s)', () => {
    assert.equal(packageJson.exports['./session-timeout.min.js']!.types, entryOf('session-timeout-element').types);
  });
});
