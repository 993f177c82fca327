import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resolveOptions, type SessionTimeoutOptions } from '../../../src/hono/options.js';
import { sessionTimeout } from '../../../src/hono/session-timeout.js';
import { createTestApp, SECRET } from './helpers.js';

const base: SessionTimeoutOptions = { expireAfter: 900, secret: SECRET };

describe('options', () => {
  it('throws a clear error at sessionTimeout() time for a missing secret', () => {
    assert.throws(() => sessionTimeout({ expireAfter: 900 }), /secret is required.*32/);
  });

  it('throws for a secret shorter than 32 characters, in any position of a rotation list', () => {
    assert.throws(() => sessionTimeout({ expireAfter: 900, secret: 'x'.repeat(31) }), /at least 32 characters/);
    assert.throws(() => sessionTimeout({ expireAfter: 900, secret: [SECRET, 'short'] }), /at least 32 characters/);
    assert.throws(() => sessionTimeout({ expireAfter: 900, secret: [] }), /secret is required/);
  });

  it('needs no secret when keyed on the application id', () => {
    assert.doesNotThrow(() => sessionTimeout({ expireAfter: 900, sessionId: () => undefined }));
  });

  for (const [name, value] of [
    ['expireAfter', 0],
    ['expireAfter', -5],
    ['expireAfter', Number.NaN],
    ['expireAfter', Number.POSITIVE_INFINITY],
    ['expireAfter', '900'],
    ['expireAfter', undefined],
    ['warnAfter', -1],
    ['warnAfter', 900],
    ['warnAfter', 1000],
    ['absoluteTimeout', 0],
    ['absoluteTimeout', Number.POSITIVE_INFINITY],
    ['touchAfter', -1],
    ['touchAfter', 900],
    ['tombstoneFor', Number.NaN],
    ['redirect', ''],
    ['passive', 'no-leading-slash'],
    ['origin', 'https://example.com/path'],
    ['now', 5],
    ['sessionId', 'sid'],
    ['store', {}],
  ] as const) {
    it(`refuses ${name} = ${typeof value === 'string' ? JSON.stringify(value) : String(value)}`, () => {
      assert.throws(
        () => sessionTimeout({ ...base, [name]: value } as unknown as SessionTimeoutOptions),
        (error: Error) => error.message.startsWith('sessionTimeout:') && error.message.includes(name === 'passive' ? 'passive' : name),
      );
    });
  }

  it('refuses a redirect with CR, LF or another control character with a TypeError at start-up, not a 500 later', () => {
    for (const redirect of ['/login\r\nSet-Cookie: x=1', '/login\n', '/login\r', '/lo\u0000gin', '/login\u007f']) {
      assert.throws(
        () => sessionTimeout({ ...base, redirect }),
        (error: Error) => error instanceof TypeError && /redirect/.test(error.message) && /control character/.test(error.message),
        JSON.stringify(redirect),
      );
    }
    assert.doesNotThrow(() => sessionTimeout({ ...base, redirect: '/login?next=%0D%0A' }), 'percent-encoded is fine');
  });

  it('refuses a duration that looks like milliseconds with a TypeError naming the unit (issue 21)', () => {
    for (const [name, value] of [
      ['expireAfter', 900_000], // 15 minutes in ms: 10.4 days
      ['expireAfter', 120_000],
      ['warnAfter', 840_000],
      ['touchAfter', 100_000],
      ['tombstoneFor', 900_000],
      ['absoluteTimeout', 28_800_000], // 8 hours in ms: 333 days
    ] as const) {
      assert.throws(
        () => sessionTimeout({ ...base, [name]: value }),
        (error: Error) => error instanceof TypeError && error.message.includes(name) && /seconds, not milliseconds/.test(error.message),
        `${name}: ${value}`,
      );
    }
    // The longest of each that is taken: an idle limit of a day, tombstones for a week, an absolute limit of 31 days.
    assert.doesNotThrow(() => sessionTimeout({ ...base, expireAfter: 86_400, warnAfter: 86_000, touchAfter: 3600, tombstoneFor: 7 * 86_400 }));
    assert.doesNotThrow(() => sessionTimeout({ ...base, absoluteTimeout: 31 * 86_400 }));
  });

  it('refuses an unknown option name with a TypeError listing the known ones, suggesting the near one (issue 21)', () => {
    for (const [typo, meant] of [['expireafter', 'expireAfter'], ['warn_after', 'warnAfter'], ['absoluteTimout', 'absoluteTimeout'], ['secrets', 'secret']] as [string, string][]) {
      assert.throws(
        () => sessionTimeout({ ...base, [typo]: 60 } as unknown as SessionTimeoutOptions),
        (error: Error) =>
          error instanceof TypeError && error.message.includes(`unknown option ${typo}`) && error.message.includes(`did you mean ${meant}?`) && error.message.includes('touchAfter'),
        typo,
      );
    }
    assert.throws(
      () => sessionTimeout({ ...base, cookie: { name: 'x', samesite: 'Strict' } as unknown as SessionTimeoutOptions['cookie'] }),
      (error: Error) => error instanceof TypeError && /unknown option cookie\.samesite.*did you mean cookie\.sameSite\?/.test(error.message),
    );
  });

  it('refuses cookie names that are not tokens or carry a prefix', () => {
    assert.throws(() => sessionTimeout({ ...base, cookie: { name: 'a b' } }), /cookie.name/);
    assert.throws(() => sessionTimeout({ ...base, cookie: { name: '__Host-x' } }), /prefix/);
  });

  it('defaults warnAfter to a minute before expireAfter, or half of a short one', () => {
    assert.equal(resolveOptions({ ...base, expireAfter: 900 }).warnAfterSeconds, 840);
    assert.equal(resolveOptions({ ...base, expireAfter: 60 }).warnAfterSeconds, 30);
  });

  it('defaults tombstoneFor to expireAfter and touchAfter to 0, and converts to milliseconds', () => {
    const o = resolveOptions({ ...base, expireAfter: 30, absoluteTimeout: 600 });
    assert.deepEqual(
      [o.expireAfter, o.warnAfterSeconds, o.absoluteTimeout, o.tombstoneFor, o.touchAfter],
      [30_000, 15, 600_000, 30_000, 0],
    );
  });

  it('reports expireAfter and warnAfter to the client as configured', async () => {
    const t = createTestApp({ expireAfter: 30, warnAfter: 20 });
    const body = await (await t.ping(await t.login())).json();
    assert.deepEqual([body.expireAfter, body.warnAfter], [30, 20]);
  });
});
