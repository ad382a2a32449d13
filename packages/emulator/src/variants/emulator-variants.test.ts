import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCliArguments } from '../cli-arguments';
import { createEmulator, type Emulator } from '../create-emulator';
import { defaultAssistantId, defaultPrivateKey, defaultPublicKey } from '../default-credentials';
import { billingMessages } from '../http/billing-messages';
import { invalidKeyMessage } from '../http/invalid-key-message';
import { emulatorVariants, parseVariantList, variantHeaderName } from './emulator-variants';

const privateAuth = { Authorization: `Bearer ${defaultPrivateKey}`, 'Content-Type': 'application/json' };
const publicAuth = { Authorization: `Bearer ${defaultPublicKey}`, 'Content-Type': 'application/json' };

function post(emulator: Emulator, path: string, body: unknown, headers: Record<string, string> = {}) {
  const auth = path.startsWith('/chat/web') ? publicAuth : privateAuth;
  return emulator.app.request(path, {
    method: 'POST',
    headers: { ...auth, ...headers },
    body: JSON.stringify(body),
  });
}

const turn = { assistantId: defaultAssistantId, input: 'My name is Alice' };

/** The `data:` payloads of an SSE body, in order (the last one may be unterminated). */
async function dataOf(response: Response): Promise<string[]> {
  const text = await response.text();
  return text
    .split(/\n\n/)
    .flatMap((block) => block.split('\n').filter((line) => line.startsWith('data: ')))
    .map((line) => line.slice(6));
}

describe('emulator variants', () => {
  it('each variant has a unique name, a behaviour, evidence and options that change something', () => {
    const names = emulatorVariants.map((variant) => variant.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names.length).toBe(22);
    for (const variant of emulatorVariants) {
      expect(variant.name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(variant.behaviour.length).toBeGreaterThan(20);
      expect(variant.evidence).toMatch(/\((likely|unknown|confirmed)\)/);
      const resolved = createEmulator({ variants: [variant.name] }).options;
      const defaults = createEmulator().options;
      const changed = Object.keys(variant.options).filter(
        (key) => resolved[key as keyof typeof resolved] !== defaults[key as keyof typeof defaults],
      );
      expect(changed.length).toBeGreaterThan(0);
    }
  });

  it('are selected per emulator, and options given explicitly win over them', () => {
    expect(createEmulator({ variants: ['success-200'] }).options.successStatus).toBe(200);
    expect(createEmulator({ variants: ['success-200'], successStatus: 201 }).options.successStatus).toBe(201);
    expect(() => createEmulator({ variants: ['no-such' as 'success-200'] })).toThrow(
      'Unknown emulator variant "no-such"',
    );
  });

  it('are selected per request with x-emulator-variant in test mode only, and a misspelt one is a 400', async () => {
    const testing = createEmulator({ testMode: true });
    expect((await post(testing, '/chat', turn, { [variantHeaderName]: 'success-200' })).status).toBe(200);
    expect((await post(testing, '/chat', turn)).status).toBe(201);
    const refused = await post(testing, '/chat', turn, { [variantHeaderName]: 'success-200, sucess-201' });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toEqual({
      message: ['x-emulator-variant: unknown variant "sucess-201"'],
      error: 'Bad Request',
      statusCode: 400,
    });

    const production = createEmulator();
    expect((await post(production, '/chat', turn, { [variantHeaderName]: 'success-200' })).status).toBe(201);
  });

  it('share the chats and sessions of the emulator, whatever the request asks for', async () => {
    const emulator = createEmulator({ testMode: true });
    const first = (await (await post(emulator, '/chat', turn)).json()) as { id: string };
    const second = await post(
      emulator,
      '/chat',
      { previousChatId: first.id, input: "What's my name?" },
      { [variantHeaderName]: 'success-200, lean-error-bodies' },
    );
    expect(second.status).toBe(200);
    expect(JSON.stringify(await second.json())).toContain('Your name is Alice');
  });

  it('are each listed in the README, with their evidence', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const section = readme.slice(readme.indexOf('## Variants'), readme.indexOf('## Switches'));
    const rows = section.split('\n').filter((line) => line.startsWith('| `'));
    expect(rows).toHaveLength(emulatorVariants.length);
    for (const variant of emulatorVariants) {
      const row = rows.find((line) => line.startsWith(`| \`${variant.name}\``));
      expect(row, variant.name).toMatch(/\((likely|unknown|confirmed)\)/);
    }
  });

  it('are parsed from a list, and the CLI takes --variant', () => {
    expect(parseVariantList(' Success-200 ,, done-marker ,nope')).toEqual({
      names: ['success-200', 'done-marker'],
      unknown: ['nope'],
    });
    const args = parseCliArguments(['--variant', 'distinct-stream-id', '--variant', 'plain-401']);
    expect(args.options.variants).toEqual(['distinct-stream-id', 'plain-401']);
    expect(() => parseCliArguments(['--variant', 'nope'])).toThrow('--variant: unknown variant nope');
  });
});

describe('what each variant answers', () => {
  it('success-200 (the default is 201)', async () => {
    expect((await post(createEmulator(), '/chat/web', turn)).status).toBe(201);
    expect((await post(createEmulator({ variants: ['success-200'] }), '/chat/web', turn)).status).toBe(200);
  });

  it('unknown-fields-ignored (the default refuses them, as Vapi does)', async () => {
    const body = { ...turn, metadata: { plan: 'pro' } };
    const refused = await post(createEmulator(), '/chat', body);
    expect([refused.status, await refused.json()]).toEqual([
      400,
      { message: ['property metadata should not exist'], error: 'Bad Request', statusCode: 400 },
    ]);
    expect((await post(createEmulator({ variants: ['unknown-fields-ignored'] }), '/chat', body)).status).toBe(
      201,
    );
  });

  it('lean-error-bodies: no `error`, and a 402 with `reason`', async () => {
    const emulator = createEmulator({ variants: ['lean-error-bodies'], billing: 'payment-method' });
    const refused = await post(emulator, '/chat', turn);
    expect(await refused.json()).toEqual({
      message: billingMessages['payment-method'],
      reason: 'payment_method_missing',
      statusCode: 402,
    });
    const invalid = await post(createEmulator({ variants: ['lean-error-bodies'] }), '/chat', { input: '' });
    expect(await invalid.json()).toEqual({
      message: ['input should not be empty'],
      statusCode: 400,
    });
  });

  it('plain-401: an unknown key gets a plain Unauthorized; a key of the wrong kind still the Hot tip', async () => {
    const emulator = createEmulator({ variants: ['plain-401'] });
    const unknown = await emulator.app.request('/chat', {
      method: 'POST',
      headers: { Authorization: 'Bearer nobody-issued-this', 'Content-Type': 'application/json' },
      body: JSON.stringify(turn),
    });
    expect(await unknown.json()).toEqual({ message: 'Unauthorized', error: 'Unauthorized', statusCode: 401 });
    const wrongKind = await emulator.app.request('/chat', {
      method: 'POST',
      headers: publicAuth,
      body: JSON.stringify(turn),
    });
    expect(await wrongKind.json()).toEqual({
      message: invalidKeyMessage,
      error: 'Unauthorized',
      statusCode: 401,
    });
  });

  it('user-agent-required: 403 `error code: 1010` in plain text without a User-Agent', async () => {
    const emulator = createEmulator({ variants: ['user-agent-required'] });
    const refused = await post(emulator, '/chat', turn);
    expect(refused.status).toBe(403);
    expect(refused.headers.get('content-type')).toBe('text/plain; charset=UTF-8');
    expect(await refused.text()).toBe('error code: 1010');
    expect((await post(emulator, '/chat', turn, { 'User-Agent': 'vapi-chat-kit' })).status).toBe(201);
  });

  it('stream-error-*: the billing gate inside a 201 stream, in each body shape; JSON turns still get a 402', async () => {
    const message = billingMessages['payment-method'];
    const expected = {
      'stream-error-nest': { message, error: 'Payment Required', statusCode: 402 },
      'stream-error-reason': { message, reason: 'payment_method_missing', statusCode: 402 },
      'stream-error-field': { error: message },
      'stream-error-list': { message: [message] },
    } as const;
    for (const [name, body] of Object.entries(expected)) {
      const emulator = createEmulator({
        variants: [name as keyof typeof expected],
        billing: 'payment-method',
      });
      const streamed = await post(emulator, '/chat/web', { ...turn, stream: true });
      expect(streamed.status).toBe(201);
      expect(streamed.headers.get('content-type')).toContain('text/event-stream');
      expect((await dataOf(streamed)).map((data) => JSON.parse(data) as unknown)).toEqual([body]);
      expect((await post(emulator, '/chat', turn)).status).toBe(402);
    }
    const responses = createEmulator({ variants: ['stream-error-nest'], billing: 'credits' });
    const events = await dataOf(await post(responses, '/chat/responses', turn));
    expect(events.map((data) => JSON.parse(data) as unknown)).toEqual([
      { type: 'error', code: 'credits_required', message: billingMessages.credits, sequence_number: 0 },
    ]);
  });

  it('stream-error-*: a 5xx fault inside the stream, and a cut ending with an error chunk', async () => {
    const emulator = createEmulator({ testMode: true, variants: ['stream-error-reason'] });
    const failed = await post(
      emulator,
      '/chat',
      { ...turn, stream: true },
      { 'x-emulator-fault': 'server-error' },
    );
    expect(failed.status).toBe(201);
    expect(await dataOf(failed)).toEqual([
      '{"message":"Internal server error","reason":"error","statusCode":500}',
    ]);
    const cut = await post(
      emulator,
      '/chat',
      { ...turn, stream: true },
      { 'x-emulator-fault': 'cut-after=2' },
    );
    const data = await dataOf(cut);
    expect(data).toHaveLength(3);
    expect(JSON.parse(data[2]!)).toEqual({
      message: 'The stream was interrupted.',
      reason: 'stream_interrupted',
      statusCode: 500,
    });
    const field = createEmulator({ testMode: true, variants: ['stream-error-field'] });
    const fieldCut = await post(
      field,
      '/chat',
      { ...turn, stream: true },
      { 'x-emulator-fault': 'cut-after=1' },
    );
    expect((await dataOf(fieldCut)).at(-1)).toBe('{"error":"The stream was interrupted."}');
  });

  it('unterminated-last-event: the body ends inside its last event', async () => {
    const emulator = createEmulator({ variants: ['unterminated-last-event'] });
    const text = await (await post(emulator, '/chat', { ...turn, stream: true })).text();
    expect(text.endsWith('"}')).toBe(true);
    expect(text.split('\n\n').length).toBeGreaterThan(3);
    const plain = await (await post(createEmulator(), '/chat', { ...turn, stream: true })).text();
    expect(plain.endsWith('"}\n\n')).toBe(true);
  });

  it('distinct-stream-id: the SSE id is not the chat id', async () => {
    const emulator = createEmulator({ variants: ['distinct-stream-id'] });
    const [first] = await dataOf(await post(emulator, '/chat', { ...turn, stream: true }));
    const streamId = (JSON.parse(first!) as { id: string }).id;
    expect(streamId).toMatch(/^stream_/);
    const unknown = await post(emulator, '/chat', { previousChatId: streamId, input: "What's my name?" });
    expect(unknown.status).toBe(404);
  });

  it('incomplete-chats-dropped: the chat of a cut or abandoned stream is forgotten, a finished one kept', async () => {
    const emulator = createEmulator({ testMode: true, variants: ['incomplete-chats-dropped'] });
    const chatIdOf = async (response: Response) =>
      (JSON.parse((await dataOf(response))[0]!) as { id: string }).id;
    const readChat = (id: string) => emulator.app.request(`/chat/${id}`, { headers: privateAuth });

    const finished = await chatIdOf(await post(emulator, '/chat', { ...turn, stream: true }));
    expect((await readChat(finished)).status).toBe(200);

    const cut = await chatIdOf(
      await post(emulator, '/chat', { ...turn, stream: true }, { 'x-emulator-fault': 'cut-after=2' }),
    );
    expect((await readChat(cut)).status).toBe(404);

    const client = new AbortController();
    const stalled = await emulator.app.request('/chat', {
      method: 'POST',
      headers: { ...privateAuth, 'x-emulator-fault': 'stall-after=1' },
      body: JSON.stringify({ ...turn, stream: true }),
      signal: client.signal,
    });
    const reader = stalled.body!.getReader();
    const firstChunk = new TextDecoder().decode((await reader.read()).value);
    const stalledId = (JSON.parse(firstChunk.slice(6)) as { id: string }).id;
    await reader.cancel();
    expect((await readChat(stalledId)).status).toBe(404);

    // A session loses the messages of the dropped chat too.
    const session = (await (
      await post(emulator, '/session', { assistantId: defaultAssistantId })
    ).json()) as {
      id: string;
    };
    await (
      await post(emulator, '/chat', { sessionId: session.id, input: 'My name is Alice', stream: true })
    ).text();
    await (
      await post(
        emulator,
        '/chat',
        { sessionId: session.id, input: 'My name is Bob', stream: true },
        { 'x-emulator-fault': 'cut-after=1' },
      )
    ).text();
    const stored = (await (
      await emulator.app.request(`/session/${session.id}`, { headers: privateAuth })
    ).json()) as {
      messages: { content: string }[];
    };
    expect(stored.messages.map((message) => message.content).join(' ')).not.toContain('Bob');
    expect(stored.messages).toHaveLength(2);
  });

  it('output-event-*: the final chunk carries `output` as a string, messages, content parts or nothing', async () => {
    const finalOf = async (name: Parameters<typeof createEmulator>[0] & object) => {
      const data = await dataOf(await post(createEmulator(name), '/chat', { ...turn, stream: true }));
      return JSON.parse(data.at(-1)!) as { output: unknown; delta?: string };
    };
    const reply = 'Nice to meet you, Alice!';
    const text = (await finalOf({ variants: ['output-event-string'] })).output as string;
    expect(text.startsWith(reply)).toBe(true);
    expect((await finalOf({ variants: ['output-event-messages'] })).output).toEqual([
      { role: 'assistant', content: text },
    ]);
    expect((await finalOf({ variants: ['output-event-parts'] })).output).toEqual([
      { role: 'assistant', content: [{ type: 'text', text }] },
    ]);
    expect((await finalOf({ variants: ['output-event-empty'] })).output).toEqual([]);
  });

  it('done-marker: a trailing data: [DONE]', async () => {
    const data = await dataOf(
      await post(createEmulator({ variants: ['done-marker'] }), '/chat', { ...turn, stream: true }),
    );
    expect(data.at(-1)).toBe('[DONE]');
  });

  it('responses-docs-shape: chat.response objects with parts of type text, streamed and whole', async () => {
    const emulator = createEmulator({ variants: ['responses-docs-shape'] });
    const whole = (await (
      await post(emulator, '/chat/responses', { ...turn, stream: false })
    ).json()) as Record<string, unknown>;
    expect(whole).toMatchObject({
      object: 'chat.response',
      output: [{ type: 'message', role: 'assistant', content: [{ type: 'text' }] }],
      usage: { prompt_tokens: 0 },
    });
    const events = (await dataOf(await post(emulator, '/chat/responses', turn))).map(
      (data) => JSON.parse(data) as { type: string; response?: Record<string, unknown> },
    );
    expect(events.at(-1)?.response).toMatchObject({
      object: 'chat.response',
      output: [{ content: [{ type: 'text' }] }],
    });
  });

  it('responses-no-completed: the stream ends after output_text.done', async () => {
    const emulator = createEmulator({ variants: ['responses-no-completed'] });
    const events = (await dataOf(await post(emulator, '/chat/responses', turn))).map(
      (data) => (JSON.parse(data) as { type: string }).type,
    );
    expect(events.at(-1)).toBe('response.output_text.done');
    expect(events).not.toContain('response.completed');
  });

  it('unknown-reference-400: an unknown previousChatId or sessionId is a 400', async () => {
    const emulator = createEmulator({ variants: ['unknown-reference-400'] });
    expect((await post(emulator, '/chat', { previousChatId: 'gone', input: 'x' })).status).toBe(400);
    expect((await post(emulator, '/chat/web', { ...turn, sessionId: 'gone' })).status).toBe(400);
  });

  it('web-unknown-session-new: /chat/web starts a new session for an unknown one (the default is 404)', async () => {
    expect((await post(createEmulator(), '/chat/web', { ...turn, sessionId: 'gone' })).status).toBe(404);
    const emulator = createEmulator({ variants: ['web-unknown-session-new'] });
    const reply = (await (await post(emulator, '/chat/web', { ...turn, sessionId: 'gone' })).json()) as {
      sessionId: string;
    };
    expect(reply.sessionId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('session-expiry-inactivity: a session used within its lifetime lives on', async () => {
    let clock = Date.parse('2026-01-01T00:00:00Z');
    const run = async (variants: readonly 'session-expiry-inactivity'[]) => {
      clock = Date.parse('2026-01-01T00:00:00Z');
      const emulator = createEmulator({ variants, now: () => new Date(clock) });
      const session = (await (
        await post(emulator, '/session', { assistantId: defaultAssistantId, expirationSeconds: 3600 })
      ).json()) as { id: string };
      clock += 50 * 60 * 1000;
      expect((await post(emulator, '/chat', { sessionId: session.id, input: 'Hi' })).status).toBe(201);
      clock += 50 * 60 * 1000;
      return (await post(emulator, '/chat', { sessionId: session.id, input: 'Hi again' })).status;
    };
    expect(await run([])).toBe(400);
    expect(await run(['session-expiry-inactivity'])).toBe(201);
  });
});
