/**
 * The rules of the wire protocol that the conformance kit checks from outside, each tied to the
 * section of docs/protocol.md that states it (a stable heading anchor there).
 *
 * @module
 */

/** Where a failure points the reader: the protocol's page in the repository. */
export const PROTOCOL_DOC = 'https://github.com/session-timeout-element/session-timeout-element/blob/main/docs/protocol.md';

export interface Rule {
  /** Short, stable name printed on each line and used to select rules in tests. */
  id: RuleId;
  /** What the rule says, in one line. */
  title: string;
  /** The heading anchor of its section in docs/protocol.md. */
  anchor: string;
}

export type RuleId =
  | 'sign-in'
  | 'cookie'
  | 'answer-200'
  | 'no-session-401'
  | 'bad-body-400'
  | 'cross-site-403'
  | 'method-405'
  | 'too-large-413'
  | 'extend'
  | 'ping-not-activity'
  | 'activity-max'
  | 'guarded-served'
  | 'passive'
  | 'guarded-refused'
  | 'never-revived'
  | 'end-reason'
  | 'presence'
  | 'no-store';

/** Every rule, in the order they are reported. */
export const RULES: readonly Rule[] = [
  { id: 'sign-in', title: 'the sign-in path starts a session (sets a cookie)', anchor: 'the-conformance-kit' },
  { id: 'cookie', title: 'the session cookie is HttpOnly, SameSite, Path=/, Secure outside localhost', anchor: 'the-session-cookie' },
  { id: 'answer-200', title: 'a live session answers 200 JSON with remaining, expireAfter, warnAfter, absoluteRemaining', anchor: '200-the-session-is-alive' },
  { id: 'no-session-401', title: 'a ping without a (valid) session answers 401 {"expired": true, "reason": "missing"}', anchor: '401-the-session-has-ended-or-there-is-none' },
  { id: 'bad-body-400', title: 'a body that is not {"idle": <finite number ≥ 0>} answers 400 JSON {"error"}', anchor: '400-a-malformed-body' },
  { id: 'cross-site-403', title: 'a cross-site ping (by Origin or Sec-Fetch-Site) answers 403 JSON {"error"}', anchor: '403-cross-site-requests' },
  { id: 'method-405', title: 'any method but POST answers 405 with Allow: POST', anchor: '405-methods-other-than-post' },
  { id: 'too-large-413', title: 'a body over 1 KiB answers 413, with or without Content-Length', anchor: '413-bodies-over-1-kib' },
  { id: 'extend', title: '{"idle": 0} extends the session to the full expireAfter', anchor: 'the-activity-rule' },
  { id: 'ping-not-activity', title: 'a ping is never activity: {"idle": k} credits only now − k', anchor: 'the-ping-is-never-activity' },
  { id: 'activity-max', title: 'lastActivity = max(stored, now − idle): a long idle never shortens the session', anchor: 'the-activity-rule' },
  { id: 'guarded-served', title: 'a guarded request with a live session is served and counts as activity', anchor: 'guarded-requests' },
  { id: 'passive', title: 'a request with X-Session-Passive: 1 is served but does not extend the session', anchor: 'passive-requests' },
  { id: 'guarded-refused', title: 'a guarded request without a session is refused: navigation 303, htmx HX-Redirect, else 401 JSON', anchor: 'refusing-a-request-without-a-live-session' },
  { id: 'never-revived', title: 'a session ends after expireAfter idle and no request revives it', anchor: 'an-ended-session-is-never-revived' },
  { id: 'end-reason', title: 'an idle session ends with reason "idle" (401 body, redirect reason=idle)', anchor: 'end-reasons' },
  { id: 'presence', title: 'with closeAfter advertised: a closing beacon is accepted and is not activity', anchor: 'presence-optional' },
  { id: 'no-store', title: 'every answer of the ping, and every refusal, carries Cache-Control: no-store', anchor: 'cache-control-no-store-on-every-answer' },
];

/** The link printed under a failure. */
export const ruleLink = (rule: Rule): string => `${PROTOCOL_DOC}#${rule.anchor}`;
