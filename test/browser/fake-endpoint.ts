let counter = 0;
/** A fresh fake endpoint per test (see fake-server.mjs). */
export function fakeEndpoint(query = '') {
  const base = `/fake-ping/t${Date.now().toString(36)}${counter++}`;
  return {
    url: query ? `${base}?${query}` : base,
    async requests(): Promise<Array<{ method: string; body: unknown; contentType: string; passive: string; csrf: string }>> {
      return (await (await fetch(base)).json()).requests;
    },
    /** Forgets the requests so far (e.g. a tab's start-up ping). */
    async forget(): Promise<void> {
      await fetch(base, { method: 'DELETE' });
    },
    async script(plan: object[]): Promise<void> {
      await fetch(base, { method: 'PUT', body: JSON.stringify(plan) });
    },
  };
}

