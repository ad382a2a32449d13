import { describe, expect, it } from 'vitest';
import { createEmulator } from './create-emulator';
import { defaultAssistantId, defaultPrivateKey } from './default-credentials';
import { specProblems } from './test-support/vapi-openapi';

// The emulator's answers, checked against Vapi's published OpenAPI spec (the chat part, in the shared
// reference), so the model of Vapi's server cannot drift from what Vapi documents. Where a variant models
// an answer that contradicts the spec on purpose (reference §15), the test says which part disagrees.

const auth = { Authorization: `Bearer ${defaultPrivateKey}`, 'Content-Type': 'application/json' };

function post(emulator: ReturnType<typeof createEmulator>, path: string, body: unknown) {
  return emulator.app.request(path, { method: 'POST', headers: auth, body: JSON.stringify(body) });
}

async function dataEvents(response: Response): Promise<Record<string, unknown>[]> {
  const text = await response.text();
  return text
    .split(/\n\n/)
    .map((block) =>
      block
        .split('\n')
        .find((line) => line.startsWith('data: '))
        ?.slice(6),
    )
    .filter((data): data is string => data !== undefined && data !== '[DONE]')
    .map((data) => JSON.parse(data) as Record<string, unknown>);
}

describe("the emulator's answers against Vapi's OpenAPI spec", () => {
  it('the checker finds what the spec refuses', () => {
    expect(specProblems('Chat', { id: 'c', orgId: 'o', createdAt: 'yesterday' })).toEqual([
      "/ must have required property 'updatedAt'",
      '/createdAt must match format "date-time"',
    ]);
    expect(specProblems('CreateChatStreamResponse', { id: 's', delta: 'Hi' })).toEqual([
      "/ must have required property 'path'",
    ]);
  });

  it('POST /chat: a Chat, on a previousChatId chain and with tool calls', async () => {
    const emulator = createEmulator();
    const first = await post(emulator, '/chat', {
      assistantId: defaultAssistantId,
      input: 'My name is Alice',
    });
    expect(first.status).toBe(201);
    const chat = (await first.json()) as { id: string };
    expect(specProblems('Chat', chat)).toEqual([]);

    const second = await post(emulator, '/chat', { previousChatId: chat.id, input: "What's my name?" });
    expect(specProblems('Chat', await second.json())).toEqual([]);

    const tools = createEmulator({ toolCalls: true });
    const withTools = await post(tools, '/chat', {
      assistantId: defaultAssistantId,
      input: 'Reset my password',
    });
    expect(specProblems('Chat', await withTools.json())).toEqual([]);
  });

  it('GET /chat and GET /session: the paginated responses', async () => {
    const emulator = createEmulator({ cursorPagination: true });
    await post(emulator, '/chat', { assistantId: defaultAssistantId, input: 'Hi' });
    await post(emulator, '/session', { assistantId: defaultAssistantId });
    const chats = await emulator.app.request('/chat?limit=1', { headers: auth });
    expect(specProblems('ChatPaginatedResponse', await chats.json())).toEqual([]);
    const sessions = await emulator.app.request('/session', { headers: auth });
    expect(specProblems('SessionPaginatedResponse', await sessions.json())).toEqual([]);
  });

  it('POST /chat with stream: true: every chunk is a CreateChatStreamResponse', async () => {
    const emulator = createEmulator();
    const session = (await (
      await post(emulator, '/session', { assistantId: defaultAssistantId })
    ).json()) as {
      id: string;
    };
    const response = await post(emulator, '/chat', {
      sessionId: session.id,
      input: 'Pricing?',
      stream: true,
    });
    const chunks = await dataEvents(response);
    expect(chunks.length).toBeGreaterThan(3);
    for (const chunk of chunks) expect(specProblems('CreateChatStreamResponse', chunk)).toEqual([]);
  });

  it('POST /session, GET, PATCH: a Session', async () => {
    const emulator = createEmulator();
    const created = await post(emulator, '/session', { assistantId: defaultAssistantId, name: 'Support' });
    expect(created.status).toBe(201);
    const session = (await created.json()) as { id: string };
    expect(specProblems('Session', session)).toEqual([]);
    await post(emulator, '/chat', { sessionId: session.id, input: 'My name is Alice' });
    const read = await emulator.app.request(`/session/${session.id}`, { headers: auth });
    expect(specProblems('Session', await read.json())).toEqual([]);
  });

  it('POST /chat/responses: a ResponseObject, and the stream events of the spec', async () => {
    const emulator = createEmulator();
    const whole = await post(emulator, '/chat/responses', {
      assistantId: defaultAssistantId,
      input: 'Hi',
      stream: false,
    });
    expect(specProblems('ResponseObject', await whole.json())).toEqual([]);

    const schemaByType: Record<string, string> = {
      'response.output_text.delta': 'ResponseTextDeltaEvent',
      'response.output_text.done': 'ResponseTextDoneEvent',
      'response.completed': 'ResponseCompletedEvent',
      error: 'ResponseErrorEvent',
    };
    const stream = await post(emulator, '/chat/responses', { assistantId: defaultAssistantId, input: 'Hi' });
    const events = await dataEvents(stream);
    expect(events.at(-1)?.['type']).toBe('response.completed');
    for (const event of events) {
      expect(specProblems(schemaByType[event['type'] as string]!, event)).toEqual([]);
    }

    const interrupted = createEmulator({ faults: 'cut-after=1, cut-mode=error-event' });
    const failed = await dataEvents(
      await post(interrupted, '/chat/responses', { assistantId: defaultAssistantId, input: 'Hi' }),
    );
    expect(failed.at(-1)?.['type']).toBe('error');
    expect(specProblems('ResponseErrorEvent', failed.at(-1))).toEqual([]);
  });

  it('responses-docs-shape answers what the docs page shows, which the spec does not accept', async () => {
    const emulator = createEmulator({ variants: ['responses-docs-shape'] });
    const whole = await post(emulator, '/chat/responses', {
      assistantId: defaultAssistantId,
      input: 'Hi',
      stream: false,
    });
    const problems = specProblems('ResponseObject', await whole.json());
    expect(problems).toContain('/object must be equal to one of the allowed values');
    expect(problems).toContain("/ must have required property 'created_at'");
  });

  it('our requests: what the transports send is a valid CreateChatDTO / CreateSessionDTO', () => {
    expect(
      specProblems('CreateChatDTO', {
        assistantId: defaultAssistantId,
        previousChatId: 'c',
        input: [
          { role: 'assistant', content: 'Hi! How can I help?' },
          { role: 'user', content: 'Yes please' },
        ],
        stream: true,
      }),
    ).toEqual([]);
    expect(specProblems('CreateSessionDTO', { assistantId: defaultAssistantId })).toEqual([]);
    expect(specProblems('CreateChatDTO', { assistantId: defaultAssistantId })).toEqual([
      "/ must have required property 'input'",
    ]);
  });
});
