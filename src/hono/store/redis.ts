/**
 * A {@link SessionStore} on Redis (or a drop-in such as Valkey), so several server instances share
 * idle state. Bring your own connected client: node-redis (`createClient`, `createCluster`),
 * ioredis (`new Redis`, `new Cluster`) or `@upstash/redis` (`new Redis({ url, token })`, REST, one HTTP
 * request per command); this module imports none of them.
 *
 * One session is one hash at `prefix + id`:
 * - live: `lastActivity`, `createdAt` (milliseconds on Redis' clock: see below), `run` (the first 16
 *   digits of the `run_id` of the Redis process it was created under), `subject` when the app named
 *   one, and `expireAfter`, `warnAfter`, `absoluteTimeout` (`''`: none) when the session has its own
 *   policy (a hash without them follows each touch's limits); `closeAfter` (`off`: none) when that
 *   policy says so; `presentUntil` with presence on: the instant by which a touch must show it;
 * - ended: `ended` = `idle` | `absolute` | `closed`, `forgetAt`, `subject` if it had one (a tombstone, so a late request still learns
 *   why, until `forgetAt` or its TTL, whichever comes first), `claimedUntil` / `reported` (who must
 *   run `onEnd`, and whether it has: see `SessionStore.settleEndReport`).
 *
 * Every operation touches that one key only (Redis Cluster-safe) and costs one round trip; the
 * check-and-touch is one Lua script run by `EVALSHA`, so concurrent requests on several instances
 * cannot interleave. Each write sets the key's TTL, so Redis forgets a session by itself a
 * `tombstoneFor` margin after its end, with no sweeper process.
 *
 * One clock for every instance: each store reads Redis' `TIME` and carries it forward with the
 * monotonic clock, and puts the times it is handed on Redis' clock (an app server within 1 s of Redis
 * is taken as it is; further off, or stepped while running, it is corrected). So a server whose clock
 * is ahead does not end sessions early, and a step of its clock moves no deadline. With a cluster, the
 * reading is one node's: the nodes' clocks must agree to well within `timeout` (NTP does), since each
 * node refuses, on its own clock, a command that reaches it after the caller stopped waiting.
 *
 * Redis settings it needs: `maxmemory-policy noeviction` (every session key has a TTL, so any other
 * policy may evict live sessions under memory pressure; the store says so once on the console), and
 * persistence as the app needs: with the default `endSessionsOnRestart`, every session created before
 * Redis last started is ended, so a snapshot (RDB) that predates a sign-out never brings it back.
 *
 * @example
 * ```ts
 * import { createClient } from 'redis'
 * import { sessionTimeout } from 'session-timeout-element/hono'
 * import { RedisStore } from 'session-timeout-element/hono/redis'
 *
 * const client = createClient({ url: process.env.REDIS_URL })
 * client.on('error', (err) => console.error('redis', err)) // keep reconnecting, don't crash
 * await client.connect()
 * const timeout = sessionTimeout({ expireAfter: 900, secret: process.env.SESSION_SECRET!,
 *                                  store: new RedisStore({ client, prefix: 'myapp:idle:' }) })
 * ```
 *
 * @module
 */
import { RedisClock } from './redis-clock.js';
import { closeAfterOf } from './record.js';
import { CLOSING_GRACE, END_REPORT_LEASE, type CreateRequest, type EndReason, type SessionPolicy, type SessionStore, type TouchRequest, type TouchResult } from './contract.js';

/** A node-redis (v4–v6) client or pool: `sendCommand(['CMD', ...args])`. */
export interface NodeRedisClientLike {
  sendCommand(args: string[], options?: { timeout?: number }): Promise<unknown>;
}

/** A node-redis cluster (`createCluster`): `sendCommand(firstKey, isReadonly, args)` routes by key. */
export interface NodeRedisClusterLike {
  sendCommand(
    firstKey: string | undefined,
    isReadonly: boolean | undefined,
    args: string[],
    options?: { timeout?: number },
  ): Promise<unknown>;
  getSlotMaster(slot: number): unknown;
}

/** An ioredis client or cluster: `call('CMD', ...args)`. */
export interface IoRedisLike {
  call(command: string, ...args: string[]): Promise<unknown>;
}

/**
 * An `@upstash/redis` client (REST over `fetch`: Vercel, Workers): `exec(['CMD', ...args])` sends any
 * command as one HTTP request.
 */
export interface UpstashRedisLike {
  exec(args: [command: string, ...args: string[]]): Promise<unknown>;
  evalsha(...args: never[]): unknown;
}

/** Any client {@link RedisStore} accepts. */
export type RedisClientLike = NodeRedisClientLike | NodeRedisClusterLike | IoRedisLike | UpstashRedisLike;

export interface RedisStoreOptions {
  /** The application's connected client (node-redis or ioredis, single node or cluster; or `@upstash/redis`). */
  client: RedisClientLike;
  /** Prepended to every session id to form its key. Default `'session-timeout:'`. */
  prefix?: string;
  /**
   * Milliseconds to wait for any one Redis reply before the operation rejects (the handler then
   * answers 503 with `Retry-After`), so an unreachable or hung Redis gives an error, not a hang.
   * Default 2000.
   */
  timeout?: number;
  /**
   * End every session created before Redis last started (answered `missing`, as if signed out). Redis
   * persisted by snapshots (RDB, Debian's default) comes back from a crash with the sessions of the
   * last snapshot, including ones signed out since, whose cookies would be served again; a replica
   * promoted on failover may likewise lack the latest sign-outs. Each session records the id of the
   * Redis process it was created under (`run_id`, new on every start) and is trusted under that one only.
   * Set `false` only when Redis loses no acknowledged write on a restart or failover (AOF with
   * `appendfsync always` on one node): sessions then outlive a restart. Default `true`.
   */
  endSessionsOnRestart?: boolean;
}

/** A failed Redis operation: unreachable, timed out, or an error reply. `cause` holds the original. */
export class RedisStoreError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RedisStoreError';
  }
}

// One script for both writes, so there is one SHA to load. Numbers come in as decimal strings (the
// JavaScript `String(n)` of milliseconds) and are stored verbatim, so what goes in comes back
// exactly; Lua compares them as doubles, like JavaScript does. Replies are strings for the same
// reason (Redis would truncate a Lua number to an integer).
//
// ARGV: op ('touch' | 'create'), validUntil, now, expireAfter, absoluteTimeout ('' for none),
//       activity ('' for passive), touchAfter, tombstoneFor, reportLease, subject ('' for none; create only),
//       the session's own expireAfter ('' for no policy), warnAfter, absoluteTimeout ('' for none) (create only;
//       the create passes the policy's limits as expireAfter/absoluteTimeout too, for the TTL),
//       endSessionsOnRestart ('1' | '0');
//   or: 'settle', validUntil, '1' (reported) | '0' (give the duty back);
//   or: 'clock': Redis' TIME and its maxmemory-policy, for the store's clock and its one warning.
// All times are on Redis' clock: the store adds its measured offset to the caller's (see RedisClock).
// `validUntil` (ms of *Redis'* clock, `TIME`) is when the caller stops waiting for the reply: a
// command Redis runs later (it was hung, or the client sent it on reconnecting) has already been
// answered 503 and must change nothing. Reading TIME before writing needs effects replication
// (Redis >= 5, the default there).
// A tombstone's `claimedUntil` is until when one touch holds the duty to report the end (`first`);
// `reported` is set once that was settled.
const SCRIPT = `
local key = KEYS[1]
local time = redis.call('TIME')
if ARGV[1] == 'clock' then
  local ok, memory = pcall(redis.call, 'INFO', 'memory')
  return {time[1], time[2], ok and string.match(memory, 'maxmemory_policy:(%S+)') or ''}
end
if tonumber(time[1]) * 1000 + tonumber(time[2]) / 1000 > tonumber(ARGV[2]) then return 'late' end
-- This Redis process's own id, new on every start: a record carries the one it was created under, so
-- a record loaded from a snapshot (or a replica promoted) is known as such. '' when not asked.
local function runId()
  if ARGV[14] ~= '1' then return '' end
  return string.sub(string.match(redis.call('INFO', 'server'), 'run_id:(%x+)'), 1, 16)
end

if ARGV[1] == 'settle' then
  if redis.call('HEXISTS', key, 'ended') == 0 then return 0 end
  if ARGV[3] == '1' then redis.call('HSET', key, 'reported', '1') else redis.call('HDEL', key, 'claimedUntil') end
  return 1
end

local nowS = ARGV[3]
local now = tonumber(nowS)
local idle = tonumber(ARGV[4])
local absolute = tonumber(ARGV[5])
local tombstoneFor = tonumber(ARGV[8])
local claimedUntil = tostring(now + tonumber(ARGV[9]))

local function ttl(last, created)
  local deadline = last + idle
  if absolute and created + absolute < deadline then deadline = created + absolute end
  local ms = math.ceil(deadline - now + tombstoneFor)
  if ms < 1 then ms = 1 end
  return ms
end

if ARGV[1] == 'create' then
  redis.call('DEL', key)
  redis.call('HSET', key, 'lastActivity', nowS, 'createdAt', nowS, 'run', runId())
  if ARGV[10] ~= '' then redis.call('HSET', key, 'subject', ARGV[10]) end
  if ARGV[11] ~= '' then redis.call('HSET', key, 'expireAfter', ARGV[11], 'warnAfter', ARGV[12], 'absoluteTimeout', ARGV[13]) end
  if ARGV[18] ~= '' then redis.call('HSET', key, 'closeAfter', ARGV[18]) end
  if ARGV[15] ~= '' then redis.call('HSET', key, 'presentUntil', string.format('%.17g', now + tonumber(ARGV[15]))) end
  redis.call('PEXPIRE', key, ttl(now, now))
  return 1
end

local h = redis.call('HMGET', key, 'lastActivity', 'createdAt', 'ended', 'forgetAt', 'reported', 'claimedUntil', 'subject',
  'expireAfter', 'warnAfter', 'absoluteTimeout', 'run', 'closeAfter', 'presentUntil')
if h[3] then
  -- Redis drops the tombstone by TTL on its own clock; this check applies the callers' clock too.
  if h[4] and tonumber(h[4]) <= now then
    redis.call('DEL', key)
    return {'missing'}
  end
  if h[5] or (h[6] and tonumber(h[6]) > now) then return {'ended', h[3], '0', h[7] or ''} end
  redis.call('HSET', key, 'claimedUntil', claimedUntil)
  return {'ended', h[3], '1', h[7] or ''}
end
if not h[1] or not h[2] then return {'missing'} end
-- Created under another Redis process: loaded from a snapshot or a promoted replica, which may predate
-- a logout (a DEL lost with it). Nothing tells which, so none is trusted: fail closed.
if ARGV[14] == '1' and h[11] ~= runId() then
  redis.call('DEL', key)
  return {'missing'}
end

-- The session's own limits win over the request's (the handler's); the TTL below follows them too.
if h[9] then
  idle = tonumber(h[8])
  absolute = tonumber(h[10])
end
-- Presence (record.ts's closeAfterOf, presenceAt): the session's own closeAfter ('off': none) wins
-- over the request's (''): none). A stored deadline is kept, never more than closeAfter ahead; a
-- session without one is present from this touch.
local closeAfter = tonumber(ARGV[15])
if h[12] then closeAfter = tonumber(h[12]) end
local presentUntil = nil
if closeAfter then
  presentUntil = now + closeAfter
  if h[13] and tonumber(h[13]) < presentUntil then presentUntil = tonumber(h[13]) end
end

local lastS, createdS = h[1], h[2]
local last, created = tonumber(lastS), tonumber(createdS)
-- A stored time after now (the clock went back) is taken, and written back, as now: never more than
-- the limit left (record.ts's notAfter).
if last > now then
  lastS, last = nowS, now
  redis.call('HSET', key, 'lastActivity', lastS)
end
if created > now then
  createdS, created = nowS, now
  redis.call('HSET', key, 'createdAt', createdS)
end
local idleAt = last + idle
local reason = nil
if presentUntil and presentUntil <= now and presentUntil < idleAt and (not absolute or presentUntil < created + absolute) then
  -- No page showed the session in time, and that came strictly first (record.ts's endReason).
  reason = 'closed'
elseif absolute and created + absolute <= now and created + absolute <= idleAt then
  reason = 'absolute'
elseif idleAt <= now then
  reason = 'idle'
end
if reason then
  redis.call('DEL', key)
  if tombstoneFor > 0 then
    redis.call('HSET', key, 'ended', reason, 'forgetAt', tostring(now + tombstoneFor), 'claimedUntil', claimedUntil)
    if h[7] then redis.call('HSET', key, 'subject', h[7]) end
    redis.call('PEXPIRE', key, math.ceil(tombstoneFor))
  end
  return {'ended', reason, '1', h[7] or ''}
end

-- Every touch, passive too, is presence (never activity): closeAfter from now, or the closing grace.
if closeAfter then
  local lease = closeAfter
  if ARGV[16] == '1' and tonumber(ARGV[17]) < lease then lease = tonumber(ARGV[17]) end
  local p = string.format('%.17g', now + lease)
  if p ~= h[13] then redis.call('HSET', key, 'presentUntil', p) end
elseif h[13] then
  redis.call('HDEL', key, 'presentUntil')
end

local moved = ''
if ARGV[6] ~= '' then
  local activityS = ARGV[6]
  local activity = tonumber(activityS)
  if activity > now then activity, activityS = now, nowS end
  if activity > last and activity - last >= tonumber(ARGV[7]) then
    lastS, last = activityS, activity
    redis.call('HSET', key, 'lastActivity', lastS)
    moved = '1'
    redis.call('PEXPIRE', key, ttl(last, created))
  end
end
return {'alive', lastS, createdS, h[7] or '', h[8] or '', h[9] or '', h[10] or '', moved, h[12] or ''}
`;

const DEFAULT_TIMEOUT = 2000;

type Run = (key: string, args: string[]) => Promise<unknown>;

/**
 * Wraps either client kind behind one `run(key, args)`; `key` routes node-redis cluster commands.
 * Timeouts are {@link withTimeout}'s, the same for both kinds.
 */
function runnerFor(client: RedisClientLike): Run {
  if (typeof (client as IoRedisLike).call === 'function') {
    const io = client as IoRedisLike;
    return (_key, args) => io.call(...(args as [string, ...string[]]));
  }
  if (typeof (client as NodeRedisClusterLike).getSlotMaster === 'function') {
    const cluster = client as NodeRedisClusterLike;
    return (key, args) => cluster.sendCommand(key, false, args);
  }
  if (typeof (client as NodeRedisClientLike).sendCommand === 'function') {
    const single = client as NodeRedisClientLike;
    return (_key, args) => single.sendCommand(args);
  }
  if (typeof (client as UpstashRedisLike).exec === 'function' && typeof (client as UpstashRedisLike).evalsha === 'function') {
    const upstash = client as UpstashRedisLike;
    return (_key, args) => upstash.exec(args as [string, ...string[]]);
  }
  throw new TypeError(
    'RedisStore: `client` must be a node-redis, ioredis or @upstash/redis client (with `sendCommand`, `call` or `exec`)',
  );
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new RedisStoreError(`RedisStore: Redis did not answer within ${ms} ms`)), ms);
    // Subscribed either way, so a reply or error arriving after the timeout is handled, never unhandled.
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

async function sha1Hex(text: string): Promise<string | undefined> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) return undefined;
  const digest = await subtle.digest('SHA-1', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

const isNoScript = (error: unknown) => error instanceof Error && error.message.startsWith('NOSCRIPT');

/** A number as Redis and Lua read it back exactly (`String(1.5)` → `'1.5'`). */
function num(name: string, value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`RedisStore: ${name} must be a finite number, got ${value}`);
  return String(value);
}

/**
 * Sessions in Redis, shared by every server instance that uses the same client target and prefix.
 *
 * Commands per operation: `touch` one `EVALSHA` (one extra `EVAL` the first time after a Redis
 * restart, failover or `SCRIPT FLUSH`), `create` and `settleEndReport` the same, `delete` one `DEL`.
 *
 * Failures (unreachable, timed out, error reply) reject with {@link RedisStoreError}; the handler
 * answers them 503 with `Retry-After`, never as an ended session. Nothing is cached locally, so the
 * store works again as soon as the client reconnects.
 *
 * @example
 * ```ts
 * import { Redis } from 'ioredis'
 * const store = new RedisStore({ client: new Redis(process.env.REDIS_URL), prefix: 'myapp:idle:' })
 * ```
 */
export class RedisStore implements SessionStore {
  /** The key prefix in use. */
  readonly prefix: string;
  readonly #run: Run;
  readonly #timeout: number;
  readonly #endOnRestart: string;
  #sha: string | undefined;
  /** The reading of Redis' clock under way or done... */
  #clock: Promise<RedisClock> | undefined;
  /** ...and, once done, the clock itself (no promise to await on the request path). */
  #ready: RedisClock | undefined;
  #warned = false;

  constructor({ client, prefix = 'session-timeout:', timeout = DEFAULT_TIMEOUT, endSessionsOnRestart = true }: RedisStoreOptions) {
    if (!client) throw new TypeError('RedisStore: `client` is required (a connected node-redis or ioredis client)');
    if (!(timeout > 0)) throw new RangeError(`RedisStore: timeout must be > 0 ms, got ${timeout}`);
    if (typeof endSessionsOnRestart !== 'boolean') throw new TypeError('RedisStore: endSessionsOnRestart must be true or false');
    this.prefix = prefix;
    this.#timeout = timeout;
    this.#run = runnerFor(client);
    this.#endOnRestart = endSessionsOnRestart ? '1' : '0';
  }

  async create(
    id: string,
    now: number,
    { subject, policy, ...request }: CreateRequest,
  ): Promise<void> {
    const limits = policy ? { expireAfter: policy.expireAfter, absoluteTimeout: policy.absoluteTimeout } : {};
    const own = policy
      ? [num('expireAfter', policy.expireAfter), num('warnAfter', policy.warnAfter), policy.absoluteTimeout === null ? '' : num('absoluteTimeout', policy.absoluteTimeout)]
      : ['', '', ''];
    // The session's own closeAfter is stored ('off': none for it); absent, each touch's applies.
    const ownClose = policy?.closeAfter === undefined ? '' : policy.closeAfter === null ? 'off' : num('closeAfter', policy.closeAfter);
    const closeAfter = closeAfterOf(policy, request);
    await this.#script(id, 'create', { ...request, ...limits, closeAfter, now, activity: null, touchAfter: 0 }, subject, own, ownClose);
  }

  async touch(id: string, request: TouchRequest): Promise<TouchResult> {
    const [reply, offset] = await this.#script(id, 'touch', request);
    if (!Array.isArray(reply)) throw new RedisStoreError(`RedisStore: unexpected script reply ${String(reply)}`);
    const status = String(reply[0]);
    if (status === 'alive') {
      // Back from Redis' clock to the caller's.
      const [lastActivity, createdAt, subject] = [Number(String(reply[1])) - offset, Number(String(reply[2])) - offset, String(reply[3] ?? '')];
      const warnAfter = String(reply[5] ?? '');
      const absolute = String(reply[6] ?? '');
      const close = String(reply[8] ?? '');
      const presence = close === '' ? {} : { closeAfter: close === 'off' ? null : Number(close) };
      const policy: SessionPolicy | undefined = warnAfter
        ? { expireAfter: Number(String(reply[4])), warnAfter: Number(warnAfter), absoluteTimeout: absolute ? Number(absolute) : null, ...presence }
        : undefined;
      const moved = String(reply[7] ?? '') === '1';
      return { status, lastActivity, createdAt, ...(subject ? { subject } : {}), ...(policy ? { policy } : {}), ...(moved ? { moved } : {}) };
    }
    if (status === 'ended') {
      const subject = String(reply[3] ?? '');
      return { status, reason: String(reply[1]) as EndReason, first: String(reply[2]) === '1', ...(subject ? { subject } : {}) };
    }
    return { status: 'missing' };
  }

  async settleEndReport(id: string, reported: boolean): Promise<void> {
    await this.#eval(id, await this.#clockFor(this.prefix + id), ['settle', reported ? '1' : '0']);
  }

  async delete(id: string): Promise<void> {
    await this.#call(this.prefix + id, ['DEL', this.prefix + id]);
  }

  /**
   * A touch or create, its times put on Redis' clock (the caller's plus the measured offset, see
   * {@link RedisClock}); answers the reply and that offset, to put the reply's times back.
   */
  async #script(id: string, op: 'touch' | 'create', r: TouchRequest, subject = '', policy = ['', '', ''], ownClose = ''): Promise<[unknown, number]> {
    const clock = await this.#clockFor(this.prefix + id);
    const offset = clock.offset();
    const reply = await this.#eval(id, clock, [
      op,
      num('now', r.now + offset),
      num('expireAfter', r.expireAfter),
      r.absoluteTimeout == null ? '' : num('absoluteTimeout', r.absoluteTimeout),
      r.activity == null ? '' : num('activity', r.activity + offset),
      num('touchAfter', r.touchAfter),
      num('tombstoneFor', r.tombstoneFor),
      String(END_REPORT_LEASE),
      subject,
      ...policy,
      this.#endOnRestart,
      r.closeAfter == null ? '' : num('closeAfter', r.closeAfter),
      r.closing === true ? '1' : '',
      String(CLOSING_GRACE),
      ownClose,
    ]);
    return [reply, offset];
  }

  /** Runs a script operation with its valid-until instant inserted after the op (`argv`'s first). */
  async #eval(id: string, clock: RedisClock, [op, ...rest]: string[]): Promise<unknown> {
    const key = this.prefix + id;
    // The instant, on Redis' clock, at which #call gives up waiting (the EVAL retry gets its own): read
    // from the monotonic clock, so a step of this server's wall clock neither moves it later (a command
    // given up on would then be applied when Redis wakes) nor earlier.
    const validUntil = () => String(Math.floor(clock.now()) + this.#timeout);
    const reply = await this.#evalScript(key, [op!, validUntil(), ...rest], (args) => (args[5] = validUntil()));
    if (reply === 'late') {
      // Refused although we were still waiting: the clocks drifted apart. Read Redis' time again next time.
      this.#clock = this.#ready = undefined;
      throw new RedisStoreError('RedisStore: the command reached Redis after its valid-until instant (clock drift?)');
    }
    return reply;
  }

  /** Runs the script by SHA; on NOSCRIPT (Redis restarted, failed over, flushed) once by `EVAL`, which also reloads it. */
  async #evalScript(key: string, argv: string[], beforeRetry?: (args: string[]) => void): Promise<unknown> {
    const sha = this.#sha ?? (this.#sha = await this.#loadSha(key));
    const args = ['EVALSHA', sha, '1', key, ...argv];
    try {
      return await this.#call(key, args);
    } catch (error) {
      if (!isNoScript(error)) throw error;
      args[0] = 'EVAL';
      args[1] = SCRIPT;
      beforeRetry?.(args);
      return this.#call(key, args);
    }
  }

  /**
   * Redis' clock as this process reads it: read once with the script's `TIME` (low: Redis' time against
   * when the reply arrived), then carried by the monotonic clock, and read again in the background
   * every few minutes. The first reading also warns once when Redis may evict sessions.
   */
  #clockFor(key: string): RedisClock | Promise<RedisClock> {
    const ready = this.#ready;
    if (ready !== undefined) {
      if (ready.stale) this.#readAgain(ready, key);
      return ready;
    }
    return (this.#clock ??= this.#readClock(key).then(
      ([redisTime, readAt, roundTrip]) => (this.#ready = new RedisClock(redisTime, readAt, roundTrip)),
      (error: unknown) => {
        this.#clock = undefined;
        throw error;
      },
    ));
  }

  /** Reads Redis' time again off the request path; until answered, the old reading serves (and is not re-read). */
  #readAgain(clock: RedisClock, key: string): void {
    clock.read(clock.now(), performance.now());
    this.#readClock(key).then(([redisTime, readAt, roundTrip]) => clock.read(redisTime, readAt, roundTrip), () => undefined);
  }

  /** Redis' time (ms), when its reply arrived (`performance.now()`), and how long the reply took (ms). */
  async #readClock(key: string): Promise<[number, number, number]> {
    const sentAt = performance.now();
    const reply = await this.#evalScript(key, ['clock']);
    const readAt = performance.now();
    if (!Array.isArray(reply)) throw new RedisStoreError(`RedisStore: unexpected clock reply ${String(reply)}`);
    this.#warnIfEvicting(String(reply[2] ?? ''));
    return [Number(String(reply[0])) * 1000 + Number(String(reply[1])) / 1000, readAt, readAt - sentAt];
  }

  /** Says once when Redis may evict sessions under memory pressure (any policy but `noeviction`: every key has a TTL). */
  #warnIfEvicting(policy: string): void {
    if (this.#warned || policy === '' || policy === 'noeviction') return;
    this.#warned = true;
    console.warn(
      `[session-timeout] RedisStore: Redis' maxmemory-policy is ${policy}: when Redis is full it evicts sessions, ` +
        'signing users out early (every session key has a TTL, so volatile-* policies evict them too). ' +
        'Use maxmemory-policy noeviction for the sessions (a Redis of their own if the app also caches in Redis).',
    );
  }

  /** The script's SHA1: by Web Crypto where present (no round trip), else from the server's SCRIPT LOAD. */
  async #loadSha(key: string): Promise<string> {
    const local = await sha1Hex(SCRIPT).catch(() => undefined);
    return local ?? String(await this.#call(key, ['SCRIPT', 'LOAD', SCRIPT]));
  }

  async #call(key: string, args: string[]): Promise<unknown> {
    try {
      return await withTimeout(this.#run(key, args), this.#timeout);
    } catch (error) {
      if (error instanceof RedisStoreError) throw error;
      if (isNoScript(error)) throw error;
      const message = error instanceof Error ? error.message : String(error);
      throw new RedisStoreError(`RedisStore: ${args[0]} failed: ${message}`, { cause: error });
    }
  }
}
