/**
 * What the checks found, rule by rule. A rule passes when it was checked and nothing failed, fails on
 * the first broken expectation (all of them are kept, for the report), and is skipped, with the
 * reason, when it could not be checked against this server.
 *
 * @module
 */
import { RULES, type Rule, type RuleId } from './rules.js';

export type RuleStatus = 'pass' | 'fail' | 'skip';

export interface RuleResult {
  rule: Rule;
  status: RuleStatus;
  /** Failures, or the reason for a skip. */
  messages: string[];
  /** Advice that does not fail the rule (e.g. a recommended cookie attribute). */
  notes: string[];
}

interface Tally {
  checked: boolean;
  failures: string[];
  notes: string[];
  skipped: string | null;
}

export class Results {
  readonly #tallies = new Map<RuleId, Tally>(RULES.map((rule) => [rule.id, { checked: false, failures: [], notes: [], skipped: null }]));

  /** Records one expectation of `id`; returns whether it held. */
  check(id: RuleId, holds: boolean, failure: string | (() => string)): boolean {
    const tally = this.#tally(id);
    tally.checked = true;
    if (!holds) tally.failures.push(typeof failure === 'function' ? failure() : failure);
    return holds;
  }

  fail(id: RuleId, failure: string): void {
    this.check(id, false, failure);
  }

  note(id: RuleId, note: string): void {
    this.#tally(id).notes.push(note);
  }

  /** Marks `id` as not checkable here; the first reason given is kept. A rule already checked is left as is. */
  skip(id: RuleId, reason: string): void {
    const tally = this.#tally(id);
    tally.skipped ??= reason;
  }

  failed(id: RuleId): boolean {
    return this.#tally(id).failures.length > 0;
  }

  /** Every rule in report order. */
  list(): RuleResult[] {
    return RULES.map((rule) => {
      const tally = this.#tally(rule.id);
      if (tally.failures.length > 0) return { rule, status: 'fail', messages: tally.failures, notes: tally.notes };
      if (tally.checked) return { rule, status: 'pass', messages: [], notes: tally.notes };
      return { rule, status: 'skip', messages: [tally.skipped ?? 'not reached'], notes: tally.notes };
    });
  }

  #tally(id: RuleId): Tally {
    return this.#tallies.get(id)!;
  }
}
