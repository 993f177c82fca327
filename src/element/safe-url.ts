/**
 * Navigation targets from attributes (`redirect-url`, `logout-url`) must be web pages: a
 * `javascript:` or `data:` URL there would run script in the page (where no CSP forbids it).
 *
 * @module
 */

/**
 * The absolute URL of `value` when it is an `http:` or `https:` URL (relative ones resolved against
 * `base`), else `null`.
 *
 * @example
 * safeNavigationUrl('/login?reason=idle') // 'https://app.example/login?reason=idle'
 * safeNavigationUrl('javascript:alert(1)') // null
 */
export function safeNavigationUrl(value: string | null | undefined, base: string = location.href): string | null {
  if (value == null || value === '') return null;
  try {
    const url = new URL(value, base);
    return url.protocol == 'http:' || url.protocol == 'https:' ? url.href : null;
  } catch {
    return null;
  }
}
