/**
 * A duration as people say it, in English: `1 minute 5 seconds`, `30 seconds`, `2 minutes`.
 * Shared by the element's texts and the demo's pages, so both always say the same.
 *
 * @module
 */

/**
 * @example
 * spokenDuration(65)  // '1 minute 5 seconds'
 * spokenDuration(0.2) // '0 seconds'
 */
export function spokenDuration(seconds: number): string {
  const whole = Math.round(seconds);
  const minutes = Math.floor(whole / 60);
  const rest = whole % 60;
  const unit = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (minutes === 0) return unit(rest, 'second');
  return rest === 0 ? unit(minutes, 'minute') : `${unit(minutes, 'minute')} ${unit(rest, 'second')}`;
}
