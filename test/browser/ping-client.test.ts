import { expect } from '@open-wc/testing';
import { PingClient } from '../../src/browser/ping-client.js';
import { fakeEndpoint } from './fake-endpoint.js';

describe('PingClient', () => {
  it('POSTs {"idle": seconds} as JSON and reads a 200 answer', async () => {
    const endpoint = fakeEndpoint('respond=alive&remaining=42.5&expireAfter=900&warnAfter=840&absoluteRemaining=3600');
    const result = await new PingClient({ url: endpoint.url }).ping(12.25);
    expect(result).to.deep.equal({ kind: 'alive', remaining: 42.5, expireAfter: 900, warnAfter: 840, absoluteRemaining: 3600, subject: null, closeAfter: null });
    const [request] = await endpoint.requests();
    // Marked passive, so a middleware mounted over the ping never counts it as activity (issue 21).
    expect(request).to.include({ method: 'POST', contentType: 'application/json', passive: '1' });
    expect(request!.body).to.deep.equal({ idle: 12.25 });
  });

  it('reads the subject; a malformed one is ignored (issue 12)', async () => {
    const read = async (subject: unknown) => {
      const endpoint = fakeEndpoint();
      await endpoint.script([{ respond: 'alive', expireAfter: 90, subject }]);
      const result = await new PingClient({ url: endpoint.url }).ping(0);
      return result.kind == 'alive' ? result.subject : 'not alive';
    };
    expect(await read('k3yed-Hash_1')).to.equal('k3yed-Hash_1');
    for (const bad of ['', 42, 'a b', 'x'.repeat(129), null]) expect(await read(bad), String(bad)).to.equal(null);
  });

  it('reads closeAfter (presence); a malformed one is ignored', async () => {
    const read = async (closeAfter: unknown) => {
      const endpoint = fakeEndpoint();
      await endpoint.script([{ respond: 'alive', expireAfter: 90, closeAfter }]);
      const result = await new PingClient({ url: endpoint.url }).ping(0);
      return result.kind == 'alive' ? result.closeAfter : 'not alive';
    };
    expect(await read(180)).to.equal(180);
    expect(await read(2.5)).to.equal(2.5);
    expect(await read(undefined), 'absent: presence off').to.equal(null);
    for (const bad of [0, -3, '180', null, true]) expect(await read(bad), String(bad)).to.equal(null);
  });

  it('adds the app’s headers (e.g. a CSRF token) and credentials mode, keeping the JSON Content-Type', async () => {
    const endpoint = fakeEndpoint();
    const seen: RequestInit[] = [];
    const client = new PingClient({
      url: endpoint.url,
      request: { headers: { 'X-CSRF-Token': 't0k3n', 'Content-Type': 'text/plain' }, credentials: 'include' },
      fetch: (input, init) => (seen.push(init!), fetch(input, init)),
    });
    await client.ping(1);
    const [request] = await endpoint.requests();
    expect(request).to.include({ csrf: 't0k3n', contentType: 'application/json' });
    expect(seen[0]!.credentials).to.equal('include');
  });

  it('sends {"idle": 0} for an explicit extend and never a negative idle', async () => {
    const endpoint = fakeEndpoint();
    const client = new PingClient({ url: endpoint.url });
    await client.ping(0);
    await client.ping(-3);
    expect((await endpoint.requests()).map((request) => request.body)).to.deep.equal([{ idle: 0 }, { idle: 0 }]);
  });

  it('a 401 means ended, with the server reason mapped; "missing" (no session at all) is told apart', async () => {
    for (const [reason, expected] of [['idle', 'idle'], ['absolute', 'absolute'], ['closed', 'closed'], ['missing', 'server'], ['other', 'server']]) {
      const result = await new PingClient({ url: fakeEndpoint(`respond=expired&reason=${reason}`).url }).ping(1);
      expect(result).to.deep.equal({ kind: 'ended', reason: expected, missing: reason == 'missing' });
    }
  });

  it('a 500 is unknown, never ended', async () => {
    const result = await new PingClient({ url: fakeEndpoint('respond=error').url }).ping(1);
    expect(result.kind).to.equal('unknown');
    expect(result).to.include({ status: 500 });
  });

  it('a 503 is unknown', async () => {
    const result = await new PingClient({ url: fakeEndpoint('respond=unavailable').url }).ping(1);
    expect(result).to.include({ kind: 'unknown', status: 503 });
  });

  it('a dropped connection is unknown, with status 0', async () => {
    const result = await new PingClient({ url: fakeEndpoint('respond=drop').url }).ping(1);
    expect(result).to.include({ kind: 'unknown', status: 0 });
    expect((result as { error: Error }).error).to.be.an('error');
  });

  it('a 200 that is not the expected JSON is unknown', async () => {
    const result = await new PingClient({ url: fakeEndpoint('respond=garbage').url }).ping(1);
    expect(result).to.include({ kind: 'unknown', status: 200 });
  });

  it('gives up after its timeout', async () => {
    const started = performance.now();
    const result = await new PingClient({ url: fakeEndpoint('delay=2000').url, timeout: 0.1 }).ping(1);
    expect(result).to.include({ kind: 'unknown', status: 0 });
    expect((result as { error: Error }).error.name).to.equal('TimeoutError');
    expect(performance.now() - started).to.be.below(1500);
  });

  it('abort() cancels requests in flight; they resolve as unknown', async () => {
    const client = new PingClient({ url: fakeEndpoint('delay=2000').url });
    const pending = client.ping(1);
    client.abort();
    const result = await pending;
    expect(result).to.include({ kind: 'unknown', status: 0 });
    expect((result as { error: Error }).error.name).to.equal('AbortError');
  });

  it('reports the abort reason, not the engine\'s AbortError, when a fetch is aborted', async () => {
    // What WebKit's fetch does: reject with a plain AbortError whatever the signal's reason.
    const webkitFetch: typeof fetch = (_input, init) => new Promise((_resolve, reject) => {
      init!.signal!.addEventListener('abort', () => reject(new DOMException('Fetch is aborted', 'AbortError')));
    });
    const result = await new PingClient({ url: '/never', timeout: 0.05, fetch: webkitFetch }).ping(1);
    expect(result).to.include({ kind: 'unknown', status: 0 });
    expect((result as { error: Error }).error.name).to.equal('TimeoutError');
  });
});
