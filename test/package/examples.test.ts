// The framework typings (dist/react.d.ts, dist/vue.d.ts, generated from custom-elements.json by
// scripts/framework-types.mjs) and the plain-TypeScript typings, proven by the examples in examples/:
// each compiles against the built package, and each keeps lines that must stay type errors
// (`@ts-expect-error` / `@vue-expect-error`), so typings that stop catching a mistake fail too.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import ts from 'typescript';
import { root, run } from './tools.js';

describe('examples type-check against the built package', () => {
  it('React 19 (examples/react): JSX attributes, properties and typed event props', () => {
    const { status, output } = run('tsc', ['-p', 'examples/react']);
    assert.equal(status, 0, output);
  });

  it('Vue 3 (examples/vue): templates checked by vue-tsc through GlobalComponents', () => {
    const { status, output } = run('vue-tsc', ['-p', 'examples/vue']);
    assert.equal(status, 0, output);
  });

  it('plain TypeScript with a bundler (examples/vite): querySelector, createElement, document and window listeners', () => {
    const { status, output } = run('tsc', ['-p', 'examples/vite']);
    assert.equal(status, 0, output);
  });
});

describe('the shipped declaration files', () => {
  it('have no type errors of their own (strict; the examples skip library checks, as apps do)', () => {
    const dist = join(root, 'dist');
    const entries = readdirSync(dist, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.d.ts')).map((f) => join(dist, f));
    const program = ts.createProgram(entries, {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      lib: ['lib.es2022.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
      types: [],
    });
    const ours = program.getSourceFiles().filter((file) => file.fileName.startsWith(dist.replaceAll('\\', '/')));
    assert.equal(ours.length, entries.length);
    const errors = ours.flatMap((file) => [...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file)]);
    assert.deepEqual(errors.map((d) => ts.formatDiagnostic(d, { getCanonicalFileName: (f) => f, getCurrentDirectory: () => root, getNewLine: () => '\n' })), []);
  });
});
