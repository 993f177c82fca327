/**
 * A small stand-in for Upstash's REST API in front of a real redis-server, so `@upstash/redis` can be
 * tested without the network: `POST /` with a command as a JSON array answers `{ result }` (or
 * `{ error }`, 400), `POST /pipeline` an array of those; with `Upstash-Encoding: base64` every string
 * in a result is base64 (what the client asks for by default). Counts the commands it forwards.
 */
import { createServer, type Server } from 'node:http';
import { createClient } from 'redis';

type Reply = { result: unknown } | { error: string };

export interface UpstashRest {
  url: string;
  /** Commands forwarded so far, by name (upper case). */
  commands: string[];
  /** HTTP requests answered so far. */
  requests(): number;
  close(): Promise<void>;
}

export async function startUpstashRest(redisPort: number): Promise<UpstashRest> {
  const redis = createClient({ socket: { host: '127.0.0.1', port: redisPort } });
  redis.on('error', () => {});
  await redis.connect();
  const commands: string[] = [];
  let requests = 0;

  const run = async (command: unknown[], base64: boolean): Promise<Reply> => {
    const args = command.map(String);
    commands.push(args[0]!.toUpperCase());
    try {
      const result = await redis.sendCommand(args);
      return { result: base64 ? encode(result) : result };
    } catch (error) {
      return { error: error instanceof Error ? error.message : String(error) };
    }
  };

  const server: Server = createServer(async (req, res) => {
    requests++;
    let body = '';
    for await (const chunk of req) body += chunk;
    const base64 = req.headers['upstash-encoding'] === 'base64';
    const parsed = JSON.parse(body) as unknown[];
    let reply: Reply | Reply[];
    if (req.url?.startsWith('/pipeline') || req.url?.startsWith('/multi-exec')) {
      reply = await Promise.all((parsed as unknown[][]).map((command) => run(command, base64)));
    } else {
      reply = await run(parsed, base64);
    }
    res.writeHead(!Array.isArray(reply) && 'error' in reply ? 400 : 200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(reply));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    commands,
    requests: () => requests,
    async close() {
      await new Promise((resolve) => server.close(resolve));
      redis.destroy();
    },
  };
}

/** Upstash's base64 response encoding: strings (also inside arrays) as base64 of their UTF-8; `OK` as is. */
function encode(value: unknown): unknown {
  if (typeof value === 'string') return value === 'OK' ? value : Buffer.from(value, 'utf8').toString('base64');
  if (Array.isArray(value)) return value.map(encode);
  return value;
}
