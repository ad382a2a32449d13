/**
 * The upstream of the proxy bench, in its own process: the Vapi emulator on a loopback port, wrapped so it
 * records when each delta of a `/chat` stream is written and when the stream's connection closes.
 * Usage: node --import tsx emulator-host.ts <deltaDelayMs>. Prints `Listening on http://127.0.0.1:PORT`.
 */
import { createServer, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener, type Http2Bindings, type HttpBindings } from '@hono/node-server';
import { createEmulator } from '@vapi-chat-kit/emulator';
import type { TakeReply, UpstreamRecord } from './load-protocol.ts';

interface MutableRecord {
  deltaWrites: number[];
  closedAt?: number;
  finished: boolean;
}

const deltaDelayMs = Number(process.argv[2] ?? '10');
const emulator = createEmulator({ deltaDelayMs });
const records = new Map<string, MutableRecord>();

const now = () => Number(process.hrtime.bigint());

/** Counts the delta events in one write: with the default write mode that is one per write. */
function deltasIn(chunk: unknown): number {
  const text =
    typeof chunk === 'string'
      ? chunk
      : chunk instanceof Uint8Array
        ? Buffer.from(chunk).toString('utf8')
        : '';
  let count = 0;
  for (let at = text.indexOf('"delta"'); at !== -1; at = text.indexOf('"delta"', at + 1)) count += 1;
  return count;
}

function track(outgoing: ServerResponse, key: string): void {
  const record: MutableRecord = { deltaWrites: [], finished: false };
  records.set(key, record);
  const write = outgoing.write.bind(outgoing) as (...args: unknown[]) => boolean;
  // Timed before the socket write, as the proxy's own timer would see it.
  outgoing.write = ((chunk: unknown, ...rest: unknown[]) => {
    const at = now();
    for (let count = deltasIn(chunk); count > 0; count -= 1) record.deltaWrites.push(at);
    return write(chunk, ...rest);
  }) as ServerResponse['write'];
  outgoing.once('close', () => {
    record.closedAt = now();
    record.finished = outgoing.writableFinished;
  });
}

const listener = getRequestListener(async (request: Request, env: HttpBindings | Http2Bindings) => {
  const url = new URL(request.url);
  if (url.pathname === '/__bench/take') {
    // Closed streams only: an open one is still being written, and is taken once it closes.
    const taken: Record<string, UpstreamRecord> = {};
    for (const [key, record] of records) {
      if (record.closedAt === undefined) continue;
      taken[key] = record;
      records.delete(key);
    }
    const reply: TakeReply = { records: taken, activeGenerations: emulator.activeGenerations() };
    return Response.json(reply);
  }
  if (request.method === 'POST' && url.pathname === '/chat') {
    const body = await request.text();
    try {
      const input = (JSON.parse(body) as { input?: unknown }).input;
      if (typeof input === 'string' && env.outgoing instanceof ServerResponse) track(env.outgoing, input);
    } catch {
      // Not JSON: the emulator answers 400, nothing to record.
    }
    return emulator.fetch(
      new Request(request.url, { method: 'POST', headers: request.headers, body, signal: request.signal }),
    );
  }
  return emulator.fetch(request);
});

const server = createServer((incoming, outgoing) => void listener(incoming, outgoing));
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  console.log(`Listening on http://127.0.0.1:${port}`);
});
const stop = () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
