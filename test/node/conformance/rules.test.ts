// Every rule the kit reports links to a section of docs/protocol.md that exists, and the page names
// every rule, so a failure always leads somewhere.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { RULES, ruleLink } from '../../../src/conformance/rules.js';

const doc = readFileSync(new URL('../../../docs/protocol.md', import.meta.url), 'utf8');

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
const slug = (heading: string): string => heading.trim().toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-');
const anchors = new Set([...doc.matchAll(/^#{1,6} (.+)$/gm)].map((match) => slug(match[1]!)));

describe('the kit\'s rules and docs/protocol.md', () => {
  it('computes anchors as GitHub does', () => {
    assert.equal(slug('401: the session has ended, or there is none'), '401-the-session-has-ended-or-there-is-none');
    assert.equal(slug('Cache-Control: no-store on every answer'), 'cache-control-no-store-on-every-answer');
    assert.equal(slug("The server's rules"), 'the-servers-rules');
  });

  it('every rule links to a heading of the page', () => {
    for (const rule of RULES) {
      assert.ok(anchors.has(rule.anchor), `${rule.id} links to #${rule.anchor}, which is no heading of docs/protocol.md`);
      assert.match(ruleLink(rule), new RegExp(`/docs/protocol\\.md#${rule.anchor}$`));
    }
  });

  it('every link inside the page points at one of its headings', () => {
    for (const [, anchor] of doc.matchAll(/\]\(#([^)]+)\)/g)) assert.ok(anchors.has(anchor!), `#${anchor} is no heading`);
  });

  it('the page lists every rule by name', () => {
    for (const rule of RULES) assert.ok(doc.includes(`\`${rule.id}\``), `docs/protocol.md does not name the rule ${rule.id}`);
  });

  it('rule names are unique', () => {
    assert.equal(new Set(RULES.map((rule) => rule.id)).size, RULES.length);
  });
});
