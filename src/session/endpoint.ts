/**
 * Where a page's session talks: the ping URL (resolved, a malformed one said once) and the name of
 * the channel its tabs share.
 *
 * @module
 */
import type { SessionTimeoutOptions } from './options.js';

export class Endpoint {
  /** The `ping-url` that was reported as malformed (once). */
  #badPingUrl: string | null = null;

  /**
   * `ping-url` resolved, `null` when absent or not a URL. A malformed one is said once on the
   * console and the page counts down on its own attributes (fail closed: it ends there, with no
   * server to keep it alive), rather than throwing in the middle of starting up with no timer set.
   */
  url(pingUrl: string | null | undefined): URL | null {
    if (!pingUrl) return null;
    try {
      return new URL(pingUrl, location.href);
    } catch (error) {
      if (this.#badPingUrl !== pingUrl) {
        this.#badPingUrl = pingUrl;
        console.error(`<session-timeout> ping-url "${pingUrl}" is not a URL (${error}): no pings; the session ends after expire-after of inactivity on this page's own count`);
      }
      return null;
    }
  }

  /** The channel the tabs of one session share: `channel`, else one per ping endpoint. */
  channel({ channel, pingUrl }: Pick<SessionTimeoutOptions, 'channel' | 'pingUrl'>): string {
    if (channel) return channel;
    if (!pingUrl) return 'session-timeout';
    return `session-timeout:${this.url(pingUrl)?.pathname ?? pingUrl}`;
  }
}
