/**
 * The page's end of the tabs' channel, with what crosses it both ways: another tab's news applied
 * here (activity, extend, dismiss, a server answer, a new tab's hello, a ping that left, the end),
 * and this page's own news told to the others without echoing back what they told it.
 *
 * @module
 */
import type { IdleEngine, IdleEngineEvent } from '../idle/engine.js';
import { TabSync, type ServerMessage, type TabMessage } from '../browser/tab-sync.js';

/** What another tab's news acts on. */
export interface TabRelayHooks {
  /** The engine while the session runs. */
  engine(): IdleEngine | null;
  /** There may be news for the server: ping when a keep-alive is due. */
  keepAliveIfDue(): void;
  /** A server answer another tab got. */
  server(message: ServerMessage): void;
  /** The latest server answer this page heard, for a tab that opens. */
  lastServer(): ServerMessage | null;
  /** Another tab's ping left at `at`. */
  pinged(at: number): void;
  /** Another tab went away at `at` (presence). */
  closing(at: number): void;
  /** News reached an ended page: a session may have started again. */
  news(): void;
  /** This tab started or stopped sending the keep-alive pings (read {@link TabRelay.isLeader}). */
  leader(): void;
  /** With `debug`: one console line. */
  debug(what: string, detail?: unknown): void;
}

export class TabRelay {
  #tabs: TabSync | null = null;
  /** True while a message from another tab is applied: what it causes is not echoed back. */
  #fromTab = false;
  /**
   * What the channel last said about leadership. Kept here, not read from the channel: a channel
   * without Web Locks elects itself while it is being made, before it is ours to read.
   */
  #leader = false;
  readonly #hooks: TabRelayHooks;

  constructor(hooks: TabRelayHooks) {
    this.#hooks = hooks;
  }

  /** The channel's name, `null` when not joined. */
  get name(): string | null {
    return this.#tabs?.name ?? null;
  }

  /** Whether this tab sends the keep-alive pings (alone, it does). */
  get isLeader(): boolean {
    return this.#tabs ? this.#leader : true;
  }

  /** (Re)joins the channel `name`; an ended page (`expired`) listens but never leads. */
  open(name: string, expired: boolean): void {
    this.close();
    this.#tabs = new TabSync({ name, onMessage: this.#receive, onLeaderChange: this.#leaderChange });
    if (expired) this.#tabs.resign();
  }

  /** Leaves the channel. */
  close(): void {
    this.#tabs?.close();
    this.#tabs = null;
  }

  /** Hands leadership on, still listening. */
  resign(): void {
    this.#tabs?.resign();
  }

  /** Tells the other tabs. */
  post(message: TabMessage): void {
    this.#tabs?.post(message);
  }

  /**
   * What the engine did, told to the other tabs when it is this page's own news: an extend (the
   * caller pings for it), a dismiss, the end (not when the page merely `lost` its session to another
   * user: those tabs may be theirs). The ended page hands leadership on.
   */
  tell(event: IdleEngineEvent, at: number, lost: boolean): void {
    switch (event.type) {
      case 'extend':
        if (event.source != 'server' && event.source != 'tab') this.post({ type: 'extend', at });
        break;
      case 'dismiss':
        if (!this.#fromTab) this.post({ type: 'dismiss' });
        break;
      case 'expire':
        if (!this.#fromTab && !lost) this.post({ type: 'expire', reason: event.reason });
        // The live tabs need a leader; this page keeps listening.
        this.resign();
        break;
    }
  }

  /** Only the channel in use calls this: a closed one has said its `false` and never leads again. */
  readonly #leaderChange = (leader: boolean): void => {
    this.#leader = leader;
    this.#hooks.leader();
  };

  /** A message from another tab of this browser. */
  readonly #receive = (message: TabMessage): void => {
    const hooks = this.#hooks;
    const engine = hooks.engine();
    hooks.debug('tab said', message);
    if (!engine) return;
    // An ended page that keeps its work: another tab's news may be a session started again.
    if (engine.state == 'expired' && message.type != 'expire') return hooks.news();
    this.#fromTab = true;
    try {
      switch (message.type) {
        case 'activity':
          // Counts even behind this tab's open warning: the user is at work in another tab.
          engine.recordActivityElsewhere(message.at);
          hooks.keepAliveIfDue();
          break;
        case 'extend':
          engine.extend('tab');
          break;
        case 'dismiss':
          engine.dismiss();
          break;
        case 'server':
          hooks.server(message);
          break;
        case 'hello': {
          // A new tab starts from what this one knows: the last input, the server's last answer.
          this.post({ type: 'activity', at: engine.lastActivity });
          const last = hooks.lastServer();
          if (last) this.post(last);
          break;
        }
        case 'pinged':
          hooks.pinged(message.at);
          break;
        case 'closing':
          hooks.closing(message.at);
          break;
        case 'expire':
          engine.expire(message.reason);
          break;
      }
    } finally {
      this.#fromTab = false;
    }
  };
}
