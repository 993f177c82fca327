// The documentation's code is runnable as written: every TypeScript/JavaScript block of README.md, docs/*.md,
// CONTRIBUTING.md and CHANGELOG.md equals a file in examples/, and those files compile as an app's code would,
// against the built package. And no link of theirs leaves the repository or names a missing file.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { blocksOf, documentationFiles, linkProblemsOf, problemsOf } from '../../scripts/readme-snippets.js';
import { root, run } from './tools.js';

const readme = readFileSync(join(root, 'README.md'), 'utf8');
const fromRoot = (file: string) => {
  try {
    return readFileSync(join(root, file), 'utf8');
  } catch {
    return undefined;
  }
};

describe('the documentation\'s code blocks and links', () => {
  const files = documentationFiles(root);

  it('covers README.md, CONTRIBUTING.md, CHANGELOG.md and every docs/*.md', () => {
    for (const file of ['README.md', 'CONTRIBUTING.md', 'CHANGELOG.md', 'docs/server.md', 'docs/migration.md']) assert.ok(files.includes(file), file);
  });

  it('every TypeScript, JavaScript and Vue block of every documentation file is a snippet file, word for word', () => {
    const problems = files.flatMap((file) => problemsOf(readFileSync(join(root, file), 'utf8'), fromRoot, file));
    assert.deepEqual(problems, []);
  });

  it('no link leaves the repository, and every relative link names a file', () => {
    const exists = (path: string) => existsSync(join(root, path));
    const problems = files.flatMap((file) => linkProblemsOf(readFileSync(join(root, file), 'utf8'), file, exists, fromRoot));
    assert.deepEqual(problems, []);
  });

  it('an outside link, a missing file, a link out of the repository and a missing heading are each reported', () => {
    const problems = linkProblemsOf('# Title\n[a](https://example.com/) [b](missing.md) [c](../../etc/passwd) [d](#title) [e](#nothing) `[f](https://in-code.example)`', 'docs/x.md', (path) => path === 'docs/x.md');
    assert.equal(problems.length, 4, problems.join('\n'));
    assert.match(problems[3]!, /#nothing names no heading of docs\/x\.md/);
    assert.match(problems[0]!, /https:\/\/example\.com\/ points outside/);
    assert.match(problems[1]!, /missing\.md names a file that does not exist/);
    assert.match(problems[2]!, /points outside the repository/);
  });
});

describe('README.md is a page a new user starts from', () => {
  const lines = readme.trimEnd().split('\n');
  it('has at most 300 lines, the install line in its first 40, and the screenshot before it', () => {
    assert.ok(lines.length <= 300, `${lines.length} lines`);
    const install = lines.indexOf('npm install session-timeout-element hono');
    assert.ok(install >= 0 && install < 40, `the install line at line ${install + 1}`);
    assert.ok(lines.findIndex((line) => line.includes('](docs/warning.png)')) < install, 'the screenshot first');
  });

  it('keeps the two project commands under a heading for people working on the package', () => {
    const heading = lines.indexOf('## Working on this package');
    assert.ok(heading > 0);
    const section = lines.slice(heading).join('\n');
    assert.match(section, /npm start/);
    assert.match(section, /npm test/);
  });
});

describe('README snippets', () => {
  it('every TypeScript and JavaScript block of README.md is a snippet file, word for word', () => {
    assert.deepEqual(problemsOf(readme, fromRoot), []);
    assert.ok(blocksOf(readme).filter((b) => b.file).length >= 5, 'the quick starts are all marked');
  });

  it('a block edited in the README alone is reported, naming its file', () => {
    const edited = readme.replace("const app = new Hono()\n", "const app = new Hono() // edited\n");
    assert.notEqual(edited, readme);
    const problems = problemsOf(edited, fromRoot);
    assert.equal(problems.length, 1);
    assert.match(problems[0]!, /differs from examples\/snippets\/quick-start\.ts/);
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
