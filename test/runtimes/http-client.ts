/**
 * A bare HTTP/1.1 client for the protocol suite. Not `fetch`: Node's fetch sets its own
 * `Sec-Fetch-Mode: cors`, so it cannot send a navigation's fetch metadata, and the suite must.
 */
import { request } from 'node:http';

export interface Answer {
  status: number;
  header(name: string): string | undefined;
  setCookies: string[];
  json(): unknown;
}

export function send(url: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: init.method ?? 'GET', headers: init.headers ?? {} }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode!,
          header: (name) => {
            const value = res.headers[name.toLowerCase()];
            return Array.isArray(value) ? value.join(', ') : value;
          },
          setCookies: res.headers['set-cookie'] ?? [],
          json: () => JSON.parse(text),
        }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(init.body);
  });
}
