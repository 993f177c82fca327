// scripts/e2e-bundles.mjs, the end-to-end runner's bundles: a bundled module still sees its own
// import.meta.url (the harness and the demo server find files from it), and a file that does not
// build stops the run with its name.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
// @ts-expect-error: a JavaScript module without declarations
import { bundleE2e } from '../../../scripts/e2e-bundles.mjs';

type Bundled = { bundles: Map<string, string>; demoServer: string };
const bundle = bundleE2e as (files: string[], options: { outdir: string }) => Promise<Bundled>;

describe('e2e-bundles.mjs', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'e2e-bundles-'));
    mkdirSync(join(dir, 'src/nested'), { recursive: true });
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps each bundled module\'s own import.meta.url', async () => {
    const entry = join(dir, 'src/entry.test.ts');
    const nested = join(dir, 'src/nested/where.ts');
    writeFileSync(nested, 'export const where: string = new URL(\'.\', import.meta.url).href;\n');
    writeFileSync(entry, 'import { where } from \'./nested/where.js\';\nconsole.log(JSON.stringify([import.meta.url, where]));\n');
    const { bundles, demoServer } = await bundle([entry], { outdir: join(dir, 'out') });
    const printed = JSON.parse(execFileSync(process.execPath, [bundles.get(entry)!], { encoding: 'utf8' })) as string[];
    assert.deepEqual(printed, [pathToFileURL(entry).href, pathToFileURL(join(dir, 'src/nested/')).href]);
    assert.equal(demoServer, join(dir, 'out/server.mjs'));
  });

  it('rejects a file that does not build, naming it', async () => {
    const broken = join(dir, 'src/broken.test.ts');
    writeFileSync(broken, 'export const x = ;\n');
    await assert.rejects(bundle([broken], { outdir: join(dir, 'out') }), (error: Error) => error.message.includes('broken.test.ts'));
  });
});
