/**
 * The kit's report as text: one line per rule (pass, fail or skip, with why), the link to the
 * rule's section under each failure, and a summary line.
 *
 * @module
 */
import type { ConformanceReport } from './run.js';
import { ruleLink } from './rules.js';

const MARK = { pass: 'PASS', fail: 'FAIL', skip: 'SKIP' } as const;

export function formatReport(report: ConformanceReport): string {
  const lines: string[] = [];
  for (const { rule, status, messages, notes } of report.results) {
    lines.push(`${MARK[status]}  ${rule.id}: ${rule.title}${status === 'skip' ? ` (skipped: ${messages[0]})` : ''}`);
    if (status === 'fail') {
      for (const message of messages) lines.push(`      - ${message}`);
      lines.push(`      see ${ruleLink(rule)}`);
    }
    for (const note of notes) lines.push(`      note: ${note}`);
  }
  const count = (status: string) => report.results.filter((result) => result.status === status).length;
  lines.push('');
  lines.push(`${count('pass')} passed, ${count('fail')} failed, ${count('skip')} skipped in ${report.seconds.toFixed(1)} s: ${report.passed ? 'the server conforms' : 'the server does NOT conform'}`);
  return lines.join('\n');
}
