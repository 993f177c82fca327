// Keeps README.md's code runnable as written: every TypeScript, JavaScript or Vue block is preceded by
// `<!-- snippet: examples/<dir>/<file> -->` and must equal that file, which the tests compile
// (examples/snippets/tsconfig.json; Vue files with examples/vue's vue-tsc). Other blocks (html, sh, toml) may carry a marker too.
//
//   node --import tsx scripts/readme-snippets.ts [README.md]          check: lists every difference, exits 1 on any
//   node --import tsx scripts/readme-snippets.ts --write [README.md]  copies each marked file into its block
//   (npm run snippets:check, npm run snippets:write)
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const CHECKED_LANGUAGES = new Set(['ts', 'tsx', 'js', 'jsx', 'mjs', 'vue']);
const MARKER = /^<!-- snippet: (\S+) -->$/;

/** The fenced blocks of a markdown text, with the marker line before each (if any). */
export interface Block {
  /** 1-based line of the opening fence. */
  line: number;
  language: string;
  /** The snippet file named by the marker line before the block, if any. */
  file: string | undefined;
  /** 0-based indexes of the first body line and of the closing fence. */
  start: number;
  end: number;
  body: string;
}

export function blocksOf(markdown: string): Block[] {
  const lines = markdown.split('\n');
  const blocks: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\w*)\s*$/.exec(lines[i] ?? '');
    if (!open) continue;
    const end = lines.indexOf('```', i + 1);
    if (end < 0) throw new Error(`README line ${i + 1}: a code block is never closed`);
    const file = MARKER.exec(lines[i - 1] ?? '')?.[1];
    blocks.push({ line: i + 1, language: open[1] ?? '', file, start: i + 1, end, body: lines.slice(i + 1, end).join('\n') + '\n' });
    i = end;
  }
  return blocks;
}

/** Every way the README's blocks and the snippet files disagree, as sentences; none when they agree. */
export function problemsOf(
  markdown: string,
  read = (file: string): string | undefined => (existsSync(file) ? readFileSync(file, 'utf8') : undefined),
): string[] {
  const problems: string[] = [];
  for (const block of blocksOf(markdown)) {
    if (!block.file) {
      if (CHECKED_LANGUAGES.has(block.language)) {
        problems.push(`README line ${block.line}: a ${block.language} block with no "<!-- snippet: examples/snippets/<file> -->" line before it (its code is never compiled)`);
      }
      continue;
    }
    const text = read(block.file);
    if (text === undefined) problems.push(`README line ${block.line}: ${block.file} does not exist`);
    else if (text !== block.body) problems.push(`README line ${block.line}: the block differs from ${block.file} (npm run snippets:write copies the file in)`);
  }
  return problems;
}

function write(path: string): void {
  const lines = readFileSync(path, 'utf8').split('\n');
  // Last block first, so earlier line numbers stay valid.
  for (const block of blocksOf(lines.join('\n')).reverse()) {
    if (!block.file) continue;
    const body = readFileSync(block.file, 'utf8').replace(/\n$/, '').split('\n');
    lines.splice(block.start, block.end - block.start, ...body);
  }
  writeFileSync(path, lines.join('\n'));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  const path = args.find((a) => !a.startsWith('--')) ?? 'README.md';
  if (args.includes('--write')) write(path);
  const problems = problemsOf(readFileSync(path, 'utf8'));
  for (const problem of problems) console.error(problem);
  process.exitCode = problems.length ? 1 : 0;
}
