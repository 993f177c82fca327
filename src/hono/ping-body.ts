/** The largest ping body accepted, in bytes; `{"idle": 12.345}` needs 16. */
export const MAX_PING_BODY_BYTES = 1024;

/**
 * The largest `idle` a ping is taken to report, in seconds (about 31 years). Any idle longer than the
 * session credits no activity anyway; clamping here, once for every store, keeps `now − idle` a finite
 * instant (`1e306` s would make it `-Infinity`, which a Redis script cannot take).
 */
export const MAX_IDLE_SECONDS = 1e9;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** A ping body's bytes as UTF-8 text, or `null` when they are not valid UTF-8 (never replaced by U+FFFD). */
export function decodeUtf8(bytes: ArrayBuffer): string | null {
  try {
    return utf8.decode(bytes);
  } catch {
    return null;
  }
}

/**
 * The `idle` seconds of a ping body `{"idle": <seconds ≥ 0>}`, clamped to {@link MAX_IDLE_SECONDS},
 * or why it is not one: the text of the `400` answer.
 */
export function parseIdle(text: string | null): { idle: number } | { error: string } {
  if (text === null) return { error: 'The body must be UTF-8 JSON: {"idle": <seconds>}.' };
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { error: 'The body must be JSON: {"idle": <seconds>}.' };
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return { error: 'The body must be a JSON object: {"idle": <seconds>}.' };
  }
  if (!Object.hasOwn(body, 'idle')) return { error: '"idle" is missing: send {"idle": <seconds>}.' };
  const idle = (body as { idle: unknown }).idle;
  // JSON has no NaN or Infinity literals, but 1e999 parses to Infinity.
  if (typeof idle !== 'number' || !Number.isFinite(idle) || idle < 0) {
    return { error: '"idle" must be a finite number of seconds, 0 or more.' };
  }
  return { idle: Math.min(idle, MAX_IDLE_SECONDS) };
}
