// README.md's code is runnable as written (issue 14): every TypeScript/JavaScript block equals a file in
// examples/snippets/, and those files compile as an app's code would, against the built package.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { blocksOf, problemsOf } from '../../scripts/readme-snippets.js';
import { root, run } from './tools.js';

const readme = readFileSync(join(root, 'README.md'), 'utf8');
const fromRoot = (file: string) => {
  try {
    return readFileSync(join(root, file), 'utf8');
  } catch {
    return undefined;
  }
};

describe('README snippets', () => {
  it('every TypeScript and JavaScript block of README.md is a snippet file, word for word', () => {
    assert.deepEqual(problemsOf(readme, fromRoot), []);
    assert.ok(blocksOf(readme).filter((b) => b.file).length >= 9, 'the nine blocks issue 14 counted are all marked');
  });

  it('a block edited in the README alone is reported, naming its file', () => {
    const edited = readme.replace("const app = new Hono()\n", "const app = new Hono() // edited\n");
    assert.notEqual(edited, readme);
    const problems = problemsOf(edited, fromRoot);
    assert.equal(problems.length, 1);
    assert.match(problems[0]!, /differs from examples\/snippets\/tour-server\.ts/);
  });

  it('a TypeScript block without its file is reported; a shell block needs none', () => {
    const problems = problemsOf('Intro\n\n```ts\nconst x: number = 1\n```\n\n```sh\nnpm test\n```\n', fromRoot);
    assert.equal(problems.length, 1);
    assert.match(problems[0]!, /line 3: a ts block with no "<!-- snippet/);
  });

  it('the snippet files compile (tsc --noEmit, strict, against the package as built)', () => {
    const { status, output } = run('tsc', ['-p', 'examples/snippets']);
    assert.equal(status, 0, output);
  });
});
