/**
 * The load client of the proxy bench, in its own process so its work is not charged to a server:
 * runs the streams it is sent over IPC with `fetch` and answers with what it saw and when.
 */
import type {
  ClientReply,
  ClientRequest,
  StreamResult,
  StreamsCommand,
  StreamTarget,
} from './load-protocol.ts';

const now = () => Number(process.hrtime.bigint());

function requestBody(target: StreamTarget, key: string, index: number): string {
  return target.format === 'proxy'
    ? JSON.stringify({ sessionId: `bench-${process.pid}-${index}-${Date.now()}`, message: key })
    : JSON.stringify({ assistantId: target.assistantId, input: key, stream: true });
}

/** Which SSE event a block is, in the path's wire format. */
function eventKind(target: StreamTarget, block: string): 'start' | 'delta' | 'other' {
  if (target.format === 'proxy') {
    if (block.startsWith('event: delta')) return 'delta';
    return block.startsWith('event: start') ? 'start' : 'other';
  }
  return block.startsWith('data: ') && block.includes('"delta"') ? 'delta' : 'other';
}

async function runStream(
  target: StreamTarget,
  key: string,
  index: number,
  abortAfterDeltas: number | undefined,
): Promise<StreamResult> {
  const controller = new AbortController();
  const deltaArrivals: number[] = [];
  let startEventAt: number | undefined;
  let abortedAt: number | undefined;
  let status = 0;
  const startedAt = now();
  try {
    const response = await fetch(target.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...target.headers },
      body: requestBody(target, key, index),
      signal: controller.signal,
    });
    status = response.status;
    if (!response.ok || !response.body) {
      await response.body?.cancel();
      return { key, startedAt, status, deltaArrivals, error: `HTTP ${status}` };
    }
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    for (;;) {
      const { done, value } = await reader.read();
      // Every event completed by this read arrived now.
      const arrivedAt = now();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let end = buffer.indexOf('\n\n');
      while (end !== -1) {
        const kind = eventKind(target, buffer.slice(0, end));
        buffer = buffer.slice(end + 2);
        if (kind === 'delta') deltaArrivals.push(arrivedAt);
        else if (kind === 'start') startEventAt ??= arrivedAt;
        end = buffer.indexOf('\n\n');
      }
      if (abortAfterDeltas !== undefined && deltaArrivals.length >= abortAfterDeltas) {
        abortedAt = now();
        controller.abort();
        break;
      }
    }
    return { key, startedAt, status, startEventAt, deltaArrivals, abortedAt };
  } catch (error) {
    if (abortedAt !== undefined) return { key, startedAt, status, startEventAt, deltaArrivals, abortedAt };
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return { key, startedAt, status, startEventAt, deltaArrivals, error: message };
  }
}

async function runStreams(command: StreamsCommand): Promise<StreamResult[]> {
  const results: StreamResult[] = [];
  let next = 0;
  const worker = async () => {
    while (next < command.total) {
      const index = next;
      next += 1;
      // The message is the stream's name upstream; the question keeps the same scripted reply.
      const key = `How do I reset my password? [${command.keyPrefix}-${index}]`;
      results.push(await runStream(command.target, key, index, command.abortAfterDeltas));
    }
  };
  await Promise.all(Array.from({ length: Math.min(command.concurrency, command.total) }, worker));
  return results;
}

process.on('message', (message: ClientRequest) => {
  runStreams(message.command).then(
    (results) => process.send!({ id: message.id, ok: true, results } satisfies ClientReply),
    (error: unknown) =>
      process.send!({
        id: message.id,
        ok: false,
        error: error instanceof Error ? error.message : String(error),
      } satisfies ClientReply),
  );
});
process.once('disconnect', () => process.exit(0));
console.log('Ready');
