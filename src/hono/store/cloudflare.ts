/**
 * `session-timeout-element/hono/cloudflare`: sessions shared by every isolate of a Cloudflare Worker,
 * in a Durable Object per session. One object request per app request; the check-and-touch runs
 * inside the object, where storage calls keep other requests out, so it is atomic.
 *
 * @example
 * ```ts
 * import { sessionTimeout } from 'session-timeout-element/hono'
 * import { DurableObjectStore, SessionStoreObject } from 'session-timeout-element/hono/cloudflare'
 *
 * export { SessionStoreObject }   // and bind it: [[durable_objects.bindings]] name = "SESSIONS", class_name = "SessionStoreObject"
 * const timeout = sessionTimeout({
 *   expireAfter: 900,
 *   store: (c) => new DurableObjectStore(c.env.SESSIONS),
 *   secret: (c) => c.env.SESSION_SECRET,
 * })
 * ```
 *
 * @module
 */
import { createRecord, dropAt, settleRecord, touchRecord, type SessionRecord, type Step } from './record.js';
import type { CreateRequest, SessionStore, TouchRequest, TouchResult } from './contract.js';

/** The part of a Durable Object namespace binding this store uses (structural: no Workers types needed). */
export interface SessionNamespace {
  idFromName(name: string): unknown;
  get(id: never): { fetch(input: string, init?: RequestInit): Promise<Response> };
}

/** The part of `DurableObjectState` the object uses. */
export interface SessionObjectState {
  storage: {
    get<T>(key: string): Promise<T | undefined>;
    put(key: string, value: unknown): Promise<void>;
    deleteAll(): Promise<void>;
    setAlarm(scheduledTime: number): Promise<void>;
    deleteAlarm(): Promise<void>;
  };
}

type Operation = 'create' | 'touch' | 'settle' | 'delete';
const KEY = 'session';

export interface DurableObjectStoreOptions {
  /**
   * Milliseconds to wait for the object's whole answer before the operation rejects (the handler then
   * answers `503` with `Retry-After`), so an object that hangs (overloaded, or stuck behind a slow
   * request) costs the user a retry, not a request that never ends. Default 5000.
   */
  timeout?: number;
}

const DEFAULT_TIMEOUT = 5000;

/**
 * A {@link SessionStore} whose every session lives in its own Durable Object (`idFromName(id)`), so
 * load spreads over objects and no object is a bottleneck. Build one per request from the binding:
 * `store: (c) => new DurableObjectStore(c.env.SESSIONS)`. An object that cannot be reached, answers
 * an error, or does not answer within `timeout` ms rejects: the handler answers `503`, never "idle".
 */
export class DurableObjectStore implements SessionStore {
  readonly #namespace: SessionNamespace;
  readonly #timeout: number;

  constructor(namespace: SessionNamespace, { timeout = DEFAULT_TIMEOUT }: DurableObjectStoreOptions = {}) {
    if (typeof namespace?.idFromName !== 'function' || typeof namespace.get !== 'function') {
      throw new TypeError('DurableObjectStore: pass the Durable Object namespace binding of SessionStoreObject, e.g. c.env.SESSIONS');
    }
    if (typeof timeout !== 'number' || !(timeout > 0) || timeout === Infinity) {
      throw new TypeError(`DurableObjectStore: \`timeout\` must be a finite number of milliseconds > 0, got ${String(timeout)}`);
    }
    this.#namespace = namespace;
    this.#timeout = timeout;
  }

  async create(id: string, now: number, request: CreateRequest): Promise<void> {
    await this.#call(id, 'create', { now, request });
  }

  async touch(id: string, request: TouchRequest): Promise<TouchResult> {
    const answer = (await this.#call(id, 'touch', { request })) as TouchResult | null;
    if (answer?.status !== 'alive' && answer?.status !== 'ended' && answer?.status !== 'missing') {
      throw new Error(`DurableObjectStore: the object answered ${JSON.stringify(answer)} to a touch`);
    }
    return answer;
  }

  async settleEndReport(id: string, reported: boolean): Promise<void> {
    await this.#call(id, 'settle', { reported });
  }

  async delete(id: string): Promise<void> {
    await this.#call(id, 'delete', {});
  }

  /**
   * One request to the session's object, its answer read in full within the timeout. On timeout the
   * request is aborted; should the object still carry it out, nothing is lost: a late touch records
   * activity that did happen, a late create an unused session its alarm forgets, and a claimed `onEnd`
   * duty lapses after its lease for the next request to take.
   */
  async #call(id: string, operation: Operation, body: object): Promise<unknown> {
    const abort = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const error = new Error(`DurableObjectStore: the object did not answer ${operation} within ${this.#timeout} ms`);
        abort.abort(error);
        reject(error);
      }, this.#timeout);
    });
    const answered = (async () => {
      const stub = this.#namespace.get(this.#namespace.idFromName(id) as never);
      const res = await stub.fetch(`https://session-store-object/${operation}`, {
        method: 'POST', body: JSON.stringify(body), signal: abort.signal,
      });
      if (!res.ok) throw new Error(`DurableObjectStore: ${operation} answered ${res.status}: ${await res.text()}`);
      return res.json() as Promise<unknown>;
    })();
    answered.catch(() => undefined); // a failure after the timeout has nobody left to tell
    try {
      return await Promise.race([answered, timedOut]);
    } finally {
      clearTimeout(timer);
    }
  }
}

/**
 * The Durable Object behind {@link DurableObjectStore}: holds one session's record. Re-export it from
 * the worker and bind it. It forgets a session by itself (an alarm) once its tombstone has lapsed.
 */
export class SessionStoreObject {
  readonly #storage: SessionObjectState['storage'];

  constructor(state: SessionObjectState, _env?: unknown) {
    this.#storage = state.storage;
  }

  async fetch(request: Request): Promise<Response> {
    const operation = new URL(request.url).pathname.slice(1) as Operation;
    const body = (await request.json()) as { now: number; request: CreateRequest & TouchRequest; reported: boolean };
    // From here on only storage calls are awaited: they keep other requests out, so read-decide-write is atomic.
    const record = await this.#storage.get<SessionRecord>(KEY);
    let step: Step<unknown>;
    if (operation === 'create') step = { answer: null, next: createRecord(body.now, body.request) };
    else if (operation === 'touch') step = touchRecord(record, body.request);
    else if (operation === 'settle') step = settleRecord(record, body.reported);
    else if (operation === 'delete') step = { answer: null, next: null };
    else return new Response(`unknown operation ${JSON.stringify(operation)}`, { status: 404 });

    if (step.next === null) {
      await this.#storage.deleteAll();
      await this.#storage.deleteAlarm();
    } else if (step.next !== undefined) {
      await this.#storage.put(KEY, step.next);
      // An alarm per new record or end, not per touch: the alarm re-checks and re-arms itself.
      if (record === undefined || operation === 'create' || record.kind !== step.next.kind) {
        await this.#storage.setAlarm(dropAt(step.next));
      }
    }
    return Response.json(step.answer);
  }

  /** Drops the record once it has lapsed by the wall clock; re-arms while it is still in use. */
  async alarm(): Promise<void> {
    const record = await this.#storage.get<SessionRecord>(KEY);
    if (record === undefined) return;
    const at = dropAt(record);
    if (at <= Date.now()) await this.#storage.deleteAll();
    else await this.#storage.setAlarm(at);
  }
}
