import { describe, expect, it } from 'vitest';
import { createEmulator } from '../create-emulator';
import { defaultAssistantId } from '../default-credentials';

const privateAuth = { Authorization: 'Bearer emulator-private-key', 'Content-Type': 'application/json' };
const publicAuth = { Authorization: 'Bearer emulator-public-key', 'Content-Type': 'application/json' };

function post(
  emulator: ReturnType<typeof createEmulator>,
  path: string,
  body: unknown,
  headers = privateAuth,
) {
  return emulator.app.request(path, { method: 'POST', headers, body: JSON.stringify(body) });
}

async function readEvents(response: Response): Promise<Record<string, unknown>[]> {
  const text = await response.text();
  return text
    .split('\n\n')
    .filter((block) => block !== '')
    .map((block) => JSON.parse(block.replace(/^data: /, '')) as Record<string, unknown>);
}

describe('POST /chat/responses', () => {
  it('streams when stream is omitted: deltas, then output_text.done, then response.completed', async () => {
    const emulator = createEmulator();
    const response = await post(emulator, '/chat/responses', {
      assistantId: defaultAssistantId,
      model: 'gpt-4o',
      input: 'My name is Alice',
    });
    expect(response.status).toBe(201);
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    const events = await readEvents(response);
    const types = events.map((event) => event.type);
    expect(types.slice(-2)).toEqual(['response.output_text.done', 'response.completed']);
    expect(new Set(types.slice(0, -2))).toEqual(new Set(['response.output_text.delta']));

    const first = events[0]!;
    expect(Object.keys(first)).toEqual(['type', 'item_id', 'output_index', 'content_index', 'delta']);
    expect(first).toMatchObject({ output_index: 0, content_index: 0, delta: 'Nice ' });
    const text = events
      .filter((event) => event.type === 'response.output_text.delta')
      .map((event) => event.delta)
      .join('');
    expect(text).toBe('Nice to meet you, Alice! How can I help you with TechFlow today?');
    expect(events.at(-2)).toMatchObject({ text, item_id: first.item_id });

    const completed = events.at(-1)!.response as Record<string, unknown>;
    expect(completed).toMatchObject({
      object: 'response',
      status: 'completed',
      error: null,
      output: [
        {
          id: first.item_id,
          type: 'message',
          role: 'assistant',
          status: 'completed',
          content: [{ type: 'output_text', text, annotations: [] }],
        },
      ],
    });
    const chat = await emulator.app.request(`/chat/${completed.id as string}`, { headers: privateAuth });
    expect(chat.status).toBe(200);
  });

  it('answers a ResponseObject with stream: false whose id chains as previousChatId', async () => {
    const emulator = createEmulator();
    const first = (await (
      await post(emulator, '/chat/responses', {
        assistantId: defaultAssistantId,
        input: 'My name is Alice',
        stream: false,
      })
    ).json()) as { id: string; object: string; created_at: number };
    expect(first.object).toBe('response');
    expect(first.created_at).toBeTypeOf('number');

    const second = (await (
      await post(emulator, '/chat/responses', {
        previousChatId: first.id,
        input: "What's my name?",
        stream: false,
      })
    ).json()) as { output: { content: { text: string }[] }[] };
    expect(second.output[0]!.content[0]!.text).toBe('Your name is Alice.');
  });

  it('ignores previous_response_id by default and treats it as previousChatId with previousResponseId: alias', async () => {
    const lenient = createEmulator();
    const first = (await (
      await post(lenient, '/chat/responses', {
        assistantId: defaultAssistantId,
        input: 'My name is Alice',
        stream: false,
      })
    ).json()) as { id: string };
    const ignored = (await (
      await post(lenient, '/chat/responses', {
        assistantId: defaultAssistantId,
        previous_response_id: first.id,
        input: "What's my name?",
        stream: false,
      })
    ).json()) as { output: { content: { text: string }[] }[] };
    expect(ignored.output[0]!.content[0]!.text).toBe(
      "I don't know your name yet. Tell me with *My name is …*.",
    );

    const alias = createEmulator({ previousResponseId: 'alias' });
    const aliasFirst = (await (
      await post(alias, '/chat/responses', {
        assistantId: defaultAssistantId,
        input: 'My name is Alice',
        stream: false,
      })
    ).json()) as { id: string };
    const chained = (await (
      await post(alias, '/chat/responses', {
        previous_response_id: aliasFirst.id,
        input: "What's my name?",
        stream: false,
      })
    ).json()) as { output: { content: { text: string }[] }[] };
    expect(chained.output[0]!.content[0]!.text).toBe('Your name is Alice.');
  });

  it('answers JSON when stream is omitted with responsesStreamByDefault: false', async () => {
    const emulator = createEmulator({ responsesStreamByDefault: false });
    const response = await post(emulator, '/chat/responses', {
      assistantId: defaultAssistantId,
      input: 'hi',
    });
    expect(response.headers.get('content-type')).toContain('application/json');
  });

  it('adds response.created, response.in_progress and sequence_number with responsesExtraEvents', async () => {
    const emulator = createEmulator({ responsesExtraEvents: true });
    const events = await readEvents(
      await post(emulator, '/chat/responses', { assistantId: defaultAssistantId, input: 'hi' }),
    );
    expect(events.slice(0, 2).map((event) => event.type)).toEqual([
      'response.created',
      'response.in_progress',
    ]);
    expect(events.map((event) => event.sequence_number)).toEqual(events.map((_event, index) => index));
    expect((events[0]!.response as { status: string }).status).toBe('in_progress');
  });

  it('applies the /chat validation rules', async () => {
    const emulator = createEmulator();
    expect((await post(emulator, '/chat/responses', { input: 'hi' })).status).toBe(400);
    expect(
      (await post(emulator, '/chat/responses', { sessionId: 'a', previousChatId: 'b', input: 'hi' })).status,
    ).toBe(400);
  });

  it('takes the private key only', async () => {
    const emulator = createEmulator();
    const response = await post(
      emulator,
      '/chat/responses',
      { assistantId: defaultAssistantId, input: 'hi' },
      publicAuth,
    );
    expect(response.status).toBe(401);
  });
});

describe('POST /chat/web/responses', () => {
  it('streams Responses events with the public key and keeps context in the session', async () => {
    const emulator = createEmulator();
    const first = (await (
      await post(
        emulator,
        '/chat/web/responses',
        { assistantId: defaultAssistantId, input: 'My name is Alice', stream: false },
        publicAuth,
      )
    ).json()) as { id: string };
    const chat = (await (
      await emulator.app.request(`/chat/${first.id}`, { headers: privateAuth })
    ).json()) as {
      sessionId: string;
    };
    const events = await readEvents(
      await post(
        emulator,
        '/chat/web/responses',
        { assistantId: defaultAssistantId, sessionId: chat.sessionId, input: "What's my name?" },
        publicAuth,
      ),
    );
    expect(events.at(-2)).toMatchObject({ type: 'response.output_text.done', text: 'Your name is Alice.' });
  });

  it('takes the public key only', async () => {
    const emulator = createEmulator();
    const response = await post(emulator, '/chat/web/responses', {
      assistantId: defaultAssistantId,
      input: 'hi',
    });
    expect(response.status).toBe(401);
  });
});

describe('POST /chat/web/responses with sessionEnd', () => {
  it('completes the session and answers an empty stream, or an empty ResponseObject with stream: false', async () => {
    const emulator = createEmulator();
    const first = (await (
      await post(emulator, '/chat/web', { assistantId: defaultAssistantId, input: 'hi' }, publicAuth)
    ).json()) as { sessionId: string };
    const ended = await post(
      emulator,
      '/chat/web/responses',
      { sessionId: first.sessionId, input: 'bye', sessionEnd: true },
      publicAuth,
    );
    expect(ended.headers.get('content-type')).toBe('text/event-stream');
    expect(await ended.text()).toBe('');
    const session = (await (
      await emulator.app.request(`/session/${first.sessionId}`, { headers: privateAuth })
    ).json()) as { status: string };
    expect(session.status).toBe('completed');

    const json = await post(
      emulator,
      '/chat/web/responses',
      { sessionId: first.sessionId, input: 'bye', sessionEnd: true, stream: false },
      publicAuth,
    );
    expect(await json.json()).toMatchObject({ object: 'response', status: 'completed', output: [] });
  });
});
