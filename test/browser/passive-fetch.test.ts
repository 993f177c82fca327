import { expect } from '@open-wc/testing';
import { passiveFetch } from '../../src/passive-fetch.js';
import { fakeEndpoint } from './fake-endpoint.js';

describe('passiveFetch', () => {
  it('sends the request marked passive, keeping the caller’s own headers and body', async () => {
    const endpoint = fakeEndpoint('respond=alive&remaining=42');
    const response = await passiveFetch(endpoint.url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ idle: 3 }),
    });
    expect((await response.json()).remaining).to.equal(42);
    const [request] = await endpoint.requests();
    expect(request).to.include({ method: 'POST', passive: '1', contentType: 'application/json' });
    expect(request!.body).to.deep.equal({ idle: 3 });
  });

  it('keeps the headers of a Request passed in', async () => {
    const endpoint = fakeEndpoint('respond=alive&remaining=1');
    await passiveFetch(new Request(endpoint.url, { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: '{}' }));
    const [request] = await endpoint.requests();
    expect(request).to.include({ passive: '1', contentType: 'text/plain' });
  });
});
