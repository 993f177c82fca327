// Keeps the documentation's code runnable as written (README.md, docs/*.md, CONTRIBUTING.md, CHANGELOG.md): every
// TypeScript, JavaScript or Vue block is preceded by `<!-- snippet: examples/<dir>/<file> -->` and must equal that
// file, which the tests compile (examples/snippets/tsconfig.json; Vue files with examples/vue's vue-tsc). Other
// blocks (html, sh, toml) may carry a marker too. And every link stays inside the repository: no http(s) link, and
// each relative link names a file that exists.
//
//   node --import tsx scripts/readme-snippets.ts [file.md …]          check: lists every difference, exits 1 on any
//   node --import tsx scripts/readme-snippets.ts --write [file.md …]  copies each marked file into its block
//   (npm run snippets:check, npm run snippets:write; without files: every documentation file)
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The documentation a user reads, relative to the repository root. */
export function documentationFiles(root = '.'): string[] {
  const docs = existsSync(join(root, 'docs')) ? readdirSync(join(root, 'docs')).filter((f) => f.endsWith('.md')).sort().map((f) => `docs/${f}`) : [];
  return ['README.md', 'CONTRIBUTING.md', 'CHANGELOG.md', ...docs].filter((f) => existsSync(join(root, f)));
}

/**
 * Links of a markdown file (relative to the repository root, `file` being its own path) that leave the repository
 * or name nothing: an absolute URL, or a relative path (without its `#anchor`) that does not exist.
 */
/** GitHub's anchors of a markdown text's headings: lower case, punctuation dropped, spaces as hyphens. */
export function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (/^```/.test(line)) fenced = !fenced;
    const heading = !fenced && /^#{1,6}\s+(.*)$/.exec(line);
    if (heading) anchors.add(heading[1]!.trim().toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-'));
  }
  return anchors;
}

export function linkProblemsOf(
  markdown: string,
  file: string,
  exists = (path: string) => existsSync(path),
  read = (path: string): string | undefined => (existsSync(path) ? readFileSync(path, 'utf8') : undefined),
): string[] {
  const problems: string[] = [];
  /** An `#anchor` of a markdown file that exists here must name one of its headings. */
  const checkAnchor = (path: string, anchor: string | undefined, line: number, target: string) => {
    if (!anchor || !path.endsWith('.md')) return;
    const text = path === file ? markdown : read(path);
    if (text !== undefined && !anchorsOf(text).has(anchor)) problems.push(`${file} line ${line}: ${target} names no heading of ${path}`);
  };
  const lines = markdown.split('\n');
  let fenced = false;
  lines.forEach((line, i) => {
    if (/^```/.test(line)) fenced = !fenced;
    if (fenced) return;
    const code = /`[^`]*`/g;
    const text = line.replace(code, '');
    for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(target!)) problems.push(`${file} line ${i + 1}: ${target} points outside the repository`);
      else {
        const [relative, anchor] = target!.split('#');
        const path = relative ? normalize(join(dirname(file), relative)) : file;
        if (path.startsWith('..')) problems.push(`${file} line ${i + 1}: ${target} points outside the repository`);
        else if (!exists(path)) problems.push(`${file} line ${i + 1}: ${target} names a file that does not exist`);
        else checkAnchor(path, anchor, i + 1, target!);
      }
    }
  });
  return problems;
}

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
    if (end < 0) throw new Error(`line ${i + 1}: a code block is never closed`);
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
  name = 'README',
): string[] {
  const problems: string[] = [];
  for (const block of blocksOf(markdown)) {
    if (!block.file) {
      if (CHECKED_LANGUAGES.has(block.language)) {
        problems.push(`${name} line ${block.line}: a ${block.language} block with no "<!-- snippet: examples/snippets/<file> -->" line before it (its code is never compiled)`);
      }
      continue;
    }
    const text = read(block.file);
    if (text === undefined) problems.push(`${name} line ${block.line}: ${block.file} does not exist`);
    else if (text !== block.body) problems.push(`${name} line ${block.line}: the block differs from ${block.file} (npm run snippets:write copies the file in)`);
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
  const named = args.filter((a) => !a.startsWith('--'));
  const files = named.length ? named : documentationFiles();
  const problems: string[] = [];
  for (const path of files) {
    if (args.includes('--write')) write(path);
    const markdown = readFileSync(path, 'utf8');
    problems.push(...problemsOf(markdown, undefined, path), ...linkProblemsOf(markdown, path));
  }
  for (const problem of problems) console.error(problem);
  process.exitCode = problems.length ? 1 : 0;
}
