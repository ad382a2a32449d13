import { describe, expect, it } from 'vitest';
import { createEmulator } from '../create-emulator';
import { defaultAssistantId } from '../default-credentials';

const auth = { Authorization: 'Bearer emulator-private-key', 'Content-Type': 'application/json' };
const turn = JSON.stringify({ assistantId: defaultAssistantId, input: 'My name is Alice', stream: true });

function postChat(
  emulator: ReturnType<typeof createEmulator>,
  fault: string | undefined,
  init: RequestInit = {},
) {
  return emulator.app.request('/chat', {
    method: 'POST',
    headers: { ...auth, ...(fault === undefined ? {} : { 'x-emulator-fault': fault }) },
    body: turn,
    ...init,
  });
}

describe('x-emulator-fault', () => {
  it('is ignored unless testMode is on', async () => {
    const emulator = createEmulator();
    const response = await postChat(emulator, 'status=500');
    expect(response.status).toBe(201);
  });

  it('answers 429 with Retry-After: 1 by default, a chosen value, or none', async () => {
    const emulator = createEmulator({ testMode: true });
    const limited = await postChat(emulator, 'rate-limit');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    expect(await limited.json()).toEqual({
      message: 'Too Many Requests',
      error: 'Too Many Requests',
      statusCode: 429,
    });
    expect((await postChat(emulator, 'status=429, retry-after=30')).headers.get('retry-after')).toBe('30');
    const bare = await postChat(emulator, 'rate-limit, retry-after=none');
    expect(bare.status).toBe(429);
    expect(bare.headers.get('retry-after')).toBeNull();
  });

  it('answers 402 with either documented billing message', async () => {
    const emulator = createEmulator({ testMode: true });
    expect(await (await postChat(emulator, 'payment-required')).json()).toEqual({
      message: 'Add a payment method to use chat. Pay-as-you-go orgs require a card on file.',
      error: 'Payment Required',
      statusCode: 402,
    });
    expect(await (await postChat(emulator, 'status=402, billing=credits')).json()).toEqual({
      message: 'Purchase credits to use chat. New pay-as-you-go orgs require a completed payment.',
      error: 'Payment Required',
      statusCode: 402,
    });
  });

  it('answers 500 and 503 with Nest bodies', async () => {
    const emulator = createEmulator({ testMode: true });
    expect(await (await postChat(emulator, 'server-error')).json()).toEqual({
      message: 'Internal server error',
      error: 'Internal Server Error',
      statusCode: 500,
    });
    expect((await postChat(emulator, 'status=503')).status).toBe(503);
  });

  it('still answers a bad key with 401 before any fault', async () => {
    const emulator = createEmulator({ testMode: true });
    const response = await emulator.app.request('/chat', {
      method: 'POST',
      headers: { Authorization: 'Bearer nope', 'x-emulator-fault': 'status=500' },
      body: turn,
    });
    expect(response.status).toBe(401);
  });

  it('answers 400 for a misspelt fault', async () => {
    const emulator = createEmulator({ testMode: true });
    const response = await postChat(emulator, 'cut-afterr=3');
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      message: ['x-emulator-fault: unknown fault "cut-afterr"'],
      error: 'Bad Request',
      statusCode: 400,
    });
  });

  it('shapes the stream: done-marker, output-event, event-lines, crlf', async () => {
    const emulator = createEmulator({ testMode: true });
    const text = await (await postChat(emulator, 'done-marker, output-event, event-lines, crlf')).text();
    const blocks = text.split('\r\n\r\n').filter(Boolean);
    expect(blocks[0]!.startsWith('event: delta\r\ndata: {"id":')).toBe(true);
    expect(blocks.at(-2)!.startsWith('event: output\r\ndata: {"id":')).toBe(true);
    expect(blocks.at(-1)).toBe('event: done\r\ndata: [DONE]');
  });

  it('cuts the stream after N deltas while GET /chat/{id} still has the whole reply', async () => {
    const emulator = createEmulator({ testMode: true });
    const text = await (await postChat(emulator, 'cut-after=3')).text();
    const events = text
      .split('\n\n')
      .filter(Boolean)
      .map((block) => JSON.parse(block.slice(6)) as { id: string; delta: string });
    expect(events.map((event) => event.delta)).toEqual(['Nice ', 'to ', 'meet ']);
    const chat = (await (await emulator.app.request(`/chat/${events[0]!.id}`, { headers: auth })).json()) as {
      output: { content: string }[];
    };
    expect(chat.output[0]!.content).toBe('Nice to meet you, Alice! How can I help you with TechFlow today?');
  });

  it('applies faults from the faults option to every request, header on top', async () => {
    const emulator = createEmulator({ testMode: true, faults: 'done-marker' });
    expect((await (await postChat(emulator, undefined)).text()).endsWith('data: [DONE]\n\n')).toBe(true);
    expect((await (await postChat(emulator, 'done-marker=off')).text()).includes('[DONE]')).toBe(false);
  });

  it('stops a latency wait at once when the client aborts', async () => {
    const emulator = createEmulator({ testMode: true });
    const client = new AbortController();
    const pending = postChat(emulator, 'latency=60000', { signal: client.signal });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(emulator.activeGenerations()).toBe(1);
    client.abort();
    await pending;
    expect(emulator.activeGenerations()).toBe(0);
  });

  it('ends generation when the client aborts a paced stream, leaving no work running', async () => {
    const emulator = createEmulator({ testMode: true });
    const client = new AbortController();
    const response = await postChat(emulator, 'delay=60000', { signal: client.signal });
    expect(response.status).toBe(201);
    expect(emulator.activeGenerations()).toBe(1);
    const reader = response.body!.getReader();
    const pendingRead = reader.read();
    client.abort();
    await expect(pendingRead).rejects.toThrow();
    expect(emulator.activeGenerations()).toBe(0);
  });

  it('ends a stalled stream when the client aborts', async () => {
    const emulator = createEmulator({ testMode: true });
    const client = new AbortController();
    const response = await postChat(emulator, 'stall-after=2', { signal: client.signal });
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    const first = decoder.decode((await reader.read()).value);
    const second = decoder.decode((await reader.read()).value);
    expect(JSON.parse(first.slice(6))).toMatchObject({ delta: 'Nice ' });
    expect(JSON.parse(second.slice(6))).toMatchObject({ delta: 'to ' });
    expect(emulator.activeGenerations()).toBe(1);
    client.abort();
    await expect(reader.read()).rejects.toThrow();
    expect(emulator.activeGenerations()).toBe(0);
  });

  it('uses tool-calls and distinct-stream-id per request', async () => {
    const emulator = createEmulator({ testMode: true });
    const text = await (await postChat(emulator, 'tool-calls, distinct-stream-id')).text();
    const first = JSON.parse(text.split('\n\n')[0]!.slice(6)) as { id: string; path: string };
    expect(first.path).toBe('chat.output[2].content');
    expect(first.id.startsWith('stream_')).toBe(true);
  });

  it('applies to /chat/responses streams: cut-mode=error-event writes an error event', async () => {
    const emulator = createEmulator({ testMode: true });
    const response = await emulator.app.request('/chat/responses', {
      method: 'POST',
      headers: { ...auth, 'x-emulator-fault': 'cut-after=2, cut-mode=error-event' },
      body: JSON.stringify({ assistantId: defaultAssistantId, input: 'hi' }),
    });
    const events = (await response.text())
      .split('\n\n')
      .filter(Boolean)
      .map((block) => JSON.parse(block.slice(6)) as Record<string, unknown>);
    expect(events.map((event) => event.type)).toEqual([
      'response.output_text.delta',
      'response.output_text.delta',
      'error',
    ]);
    expect(events[2]).toEqual({
      type: 'error',
      code: 'ERR_STREAM_INTERRUPTED',
      message: 'The stream was interrupted.',
      sequence_number: 2,
    });
  });
});
