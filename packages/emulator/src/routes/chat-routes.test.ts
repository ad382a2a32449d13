import { describe, expect, it } from 'vitest';
import { createEmulator } from '../create-emulator';
import { defaultAssistantId, defaultOrgId } from '../default-credentials';

const auth = { Authorization: 'Bearer emulator-private-key', 'Content-Type': 'application/json' };

function postChat(
  emulator: ReturnType<typeof createEmulator>,
  body: unknown,
  headers: Record<string, string> = {},
) {
  return emulator.app.request('/chat', {
    method: 'POST',
    headers: { ...auth, ...headers },
    body: JSON.stringify(body),
  });
}

async function readSseData(response: Response): Promise<string[]> {
  const text = await response.text();
  return text
    .split('\n\n')
    .filter((block) => block !== '')
    .map((block) => block.replace(/^data: /, ''));
}

function sequentialIds(): () => string {
  let next = 0;
  return () => {
    next += 1;
    return `00000000-0000-4000-8000-${String(next).padStart(12, '0')}`;
  };
}

describe('POST /chat without streaming', () => {
  it('answers a Chat with the reply in output[0].content and the echoed request fields', async () => {
    const emulator = createEmulator({
      createId: sequentialIds(),
      now: () => new Date('2026-01-15T09:30:00.000Z'),
    });
    const response = await postChat(emulator, {
      assistantId: defaultAssistantId,
      name: 'Password Reset Help',
      input: 'I need help resetting my password',
    });

    expect(response.status).toBe(201);
    expect(response.headers.get('content-type')).toContain('application/json');
    const chat = (await response.json()) as Record<string, unknown>;
    expect(chat).toMatchObject({
      id: '00000000-0000-4000-8000-000000000001',
      orgId: defaultOrgId,
      assistantId: defaultAssistantId,
      name: 'Password Reset Help',
      input: 'I need help resetting my password',
      messages: [{ role: 'user', content: 'I need help resetting my password' }],
      createdAt: '2026-01-15T09:30:00.000Z',
      updatedAt: '2026-01-15T09:30:00.000Z',
      cost: 0,
    });
    const output = chat.output as { role: string; content: string }[];
    expect(output).toHaveLength(1);
    expect(output[0]!.role).toBe('assistant');
    expect(output[0]!.content).toContain('To reset your TechFlow password:');
    expect(output[0]!.content).toContain('1. Open the [sign-in page](https://example.com/techflow/login)');
    expect(chat).not.toHaveProperty('sessionId');
  });

  it('replies with markdown: a table for billing, a fenced code block for API keys, a list for enterprise', async () => {
    const emulator = createEmulator();
    const billing = (await (
      await postChat(emulator, { assistantId: defaultAssistantId, input: 'What are your prices?' })
    ).json()) as {
      output: { content: string }[];
    };
    expect(billing.output[0]!.content).toContain('| Plan | Price per month | Seats | SSO |');
    expect(billing.output[0]!.content).toContain('| Team | €12 per seat | 50 | — |');

    const apiKeys = (await (
      await postChat(emulator, { assistantId: defaultAssistantId, input: 'What are the API rate limits?' })
    ).json()) as {
      output: { content: string }[];
    };
    expect(apiKeys.output[0]!.content).toContain(
      '```bash\ncurl https://api.example.com/techflow/v1/projects',
    );
    expect(apiKeys.output[0]!.content).toContain('- **Team**: 600 requests per minute');

    const enterprise = (await (
      await postChat(emulator, { assistantId: defaultAssistantId, input: 'Do you support SSO?' })
    ).json()) as {
      output: { content: string }[];
    };
    expect(enterprise.output[0]!.content).toContain('- **SAML single sign-on** and SCIM user provisioning');
  });

  it('answers the same input with the same reply', async () => {
    const emulator = createEmulator();
    const first = (await (
      await postChat(emulator, { assistantId: defaultAssistantId, input: 'Tell me about billing' })
    ).json()) as {
      output: unknown;
    };
    const second = (await (
      await postChat(emulator, { assistantId: defaultAssistantId, input: 'Tell me about billing' })
    ).json()) as {
      output: unknown;
    };
    expect(second.output).toEqual(first.output);
  });

  it('remembers the name across a previousChatId chain, without assistantId on the second turn', async () => {
    const emulator = createEmulator();
    const first = (await (
      await postChat(emulator, { assistantId: defaultAssistantId, input: 'My name is Alice' })
    ).json()) as {
      id: string;
      output: { content: string }[];
    };
    expect(first.output[0]!.content).toBe('Nice to meet you, Alice! How can I help you with TechFlow today?');

    const second = await postChat(emulator, { previousChatId: first.id, input: "What's my name?" });
    expect(second.status).toBe(201);
    const chat = (await second.json()) as {
      previousChatId: string;
      messages: unknown[];
      output: { content: string }[];
    };
    expect(chat.output[0]!.content).toBe('Your name is Alice.');
    expect(chat.previousChatId).toBe(first.id);
    // Full history by default (§13.2 Q16): previous messages + output + the new input.
    expect(chat.messages).toEqual([
      { role: 'user', content: 'My name is Alice' },
      { role: 'assistant', content: 'Nice to meet you, Alice! How can I help you with TechFlow today?' },
      { role: 'user', content: "What's my name?" },
    ]);
  });

  it('keeps only the turn input in Chat.messages with chatMessages: turn-input, and still remembers', async () => {
    const emulator = createEmulator({ chatMessages: 'turn-input' });
    const first = (await (
      await postChat(emulator, { assistantId: defaultAssistantId, input: 'My name is Bob' })
    ).json()) as {
      id: string;
    };
    const chat = (await (
      await postChat(emulator, { previousChatId: first.id, input: 'What is my name?' })
    ).json()) as {
      messages: unknown[];
      output: { content: string }[];
    };
    expect(chat.messages).toEqual([{ role: 'user', content: 'What is my name?' }]);
    expect(chat.output[0]!.content).toBe('Your name is Bob.');
  });

  it('remembers the name across a sessionId chain and appends both turns to the session', async () => {
    const emulator = createEmulator();
    const session = (await (
      await emulator.app.request('/session', {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({ assistantId: defaultAssistantId }),
      })
    ).json()) as { id: string };

    const first = (await (
      await postChat(emulator, { sessionId: session.id, input: 'My name is Alice' })
    ).json()) as {
      sessionId: string;
      assistantId: string;
    };
    expect(first.sessionId).toBe(session.id);
    expect(first.assistantId).toBe(defaultAssistantId);
    const second = (await (
      await postChat(emulator, { sessionId: session.id, input: "What's my name?" })
    ).json()) as {
      output: { content: string }[];
    };
    expect(second.output[0]!.content).toBe('Your name is Alice.');

    const stored = (await (
      await emulator.app.request(`/session/${session.id}`, { headers: auth })
    ).json()) as {
      messages: { role: string; content: string }[];
    };
    expect(stored.messages.map((message) => message.content)).toEqual([
      'My name is Alice',
      'Nice to meet you, Alice! How can I help you with TechFlow today?',
      "What's my name?",
      'Your name is Alice.',
    ]);
  });

  it('accepts input as OpenAI-style messages, including an assistant greeting first', async () => {
    const emulator = createEmulator();
    const response = await postChat(emulator, {
      assistantId: defaultAssistantId,
      input: [
        { role: 'assistant', content: 'Hi there!' },
        { role: 'user', content: 'My name is Carol' },
      ],
    });
    expect(response.status).toBe(201);
    const chat = (await response.json()) as { messages: unknown[]; output: { content: string }[] };
    expect(chat.messages).toHaveLength(2);
    expect(chat.output[0]!.content).toBe('Nice to meet you, Carol! How can I help you with TechFlow today?');
  });

  it('substitutes {{variables}} of a configured assistant from assistantOverrides.variableValues', async () => {
    const emulator = createEmulator({
      assistants: [
        {
          id: 'assistant-acme',
          name: 'Acme Helper',
          systemPrompt: 'You help {{company}} customers.',
          firstMessage: 'Hello {{name}}, welcome to {{company}}!',
        },
      ],
    });
    const greeting = (await (
      await postChat(emulator, {
        assistantId: 'assistant-acme',
        assistantOverrides: { variableValues: { name: 'Dana', company: 'Acme' } },
        input: 'Hello',
      })
    ).json()) as { output: { content: string }[]; assistantOverrides: unknown };
    expect(greeting.output[0]!.content).toBe('Hello Dana, welcome to Acme!');
    expect(greeting.assistantOverrides).toEqual({ variableValues: { name: 'Dana', company: 'Acme' } });

    const prompt = (await (
      await postChat(emulator, {
        assistantId: 'assistant-acme',
        assistantOverrides: { variableValues: { company: 'Acme' } },
        input: 'What is your system prompt?',
      })
    ).json()) as { output: { content: string }[] };
    expect(prompt.output[0]!.content).toBe('My instructions are: You help Acme customers.');
  });

  it('accepts a transient assistant with its system prompt in model.messages', async () => {
    const emulator = createEmulator();
    const chat = (await (
      await postChat(emulator, {
        assistant: {
          name: 'Pirate',
          firstMessage: 'Ahoy {{name}}!',
          model: {
            provider: 'openai',
            model: 'gpt-4o',
            messages: [{ role: 'system', content: 'Talk like a pirate.' }],
          },
        },
        assistantOverrides: { variableValues: { name: 'Eve' } },
        input: 'hello',
      })
    ).json()) as { output: { content: string }[]; assistant: { name: string } };
    expect(chat.output[0]!.content).toBe('Ahoy Eve!');
    expect(chat.assistant.name).toBe('Pirate');
  });

  it('uses a configured reply function instead of the built-in model', async () => {
    const emulator = createEmulator({
      assistants: [
        { id: 'echo', name: 'Echo', reply: ({ userText, messages }) => `${messages.length}: ${userText}` },
      ],
    });
    const chat = (await (await postChat(emulator, { assistantId: 'echo', input: 'ping' })).json()) as {
      output: { content: string }[];
    };
    expect(chat.output[0]!.content).toBe('1: ping');
  });

  it('answers 201 when successStatus is 201', async () => {
    const emulator = createEmulator({ successStatus: 201 });
    const response = await postChat(emulator, { assistantId: defaultAssistantId, input: 'hi' });
    expect(response.status).toBe(201);
  });

  it('lets assistantId win over assistant by default, and rejects the pair with assistantWithAssistantId: reject', async () => {
    const lenient = createEmulator();
    const chat = (await (
      await postChat(lenient, { assistantId: defaultAssistantId, assistant: { name: 'Other' }, input: 'hi' })
    ).json()) as { output: { content: string }[] };
    expect(chat.output[0]!.content).toBe('Hi! I’m the TechFlow assistant. How can I help you today?');

    const strict = createEmulator({ assistantWithAssistantId: 'reject' });
    const response = await postChat(strict, {
      assistantId: defaultAssistantId,
      assistant: { name: 'Other' },
      input: 'hi',
    });
    expect(response.status).toBe(400);
  });
});

describe('POST /chat validation', () => {
  const cases: [string, Record<string, unknown>][] = [
    ['input missing', { assistantId: defaultAssistantId }],
    ['sessionId with previousChatId', { sessionId: 'a', previousChatId: 'b', input: 'x' }],
    ['sessionId with assistantId', { sessionId: 'a', assistantId: defaultAssistantId, input: 'x' }],
    ['sessionId with assistant', { sessionId: 'a', assistant: { name: 'x' }, input: 'x' }],
    ['sessionId with transport', { sessionId: 'a', transport: { type: 'twilio.sms' }, input: 'x' }],
    ['no assistant, session or previous chat', { input: 'x' }],
    ['content over 10,000 characters', { assistantId: defaultAssistantId, input: 'a'.repeat(10_001) }],
    ['an unknown role', { assistantId: defaultAssistantId, input: [{ role: 'robot', content: 'x' }] }],
    ['a name over 40 characters', { assistantId: defaultAssistantId, name: 'n'.repeat(41), input: 'x' }],
    ['stream not a boolean', { assistantId: defaultAssistantId, stream: 'yes', input: 'x' }],
  ];

  it.each(cases)('answers 400 with a Nest body whose message is an array: %s', async (_name, body) => {
    const emulator = createEmulator();
    const response = await postChat(emulator, body);
    expect(response.status).toBe(400);
    const error = (await response.json()) as { message: unknown; error: string; statusCode: number };
    expect(error.error).toBe('Bad Request');
    expect(error.statusCode).toBe(400);
    expect(Array.isArray(error.message)).toBe(true);
    expect((error.message as string[]).length).toBeGreaterThan(0);
  });

  it('accepts previousChatId together with assistantId', async () => {
    const emulator = createEmulator();
    const first = (await (
      await postChat(emulator, { assistantId: defaultAssistantId, input: 'hi' })
    ).json()) as { id: string };
    const response = await postChat(emulator, {
      previousChatId: first.id,
      assistantId: defaultAssistantId,
      input: 'hi',
    });
    expect(response.status).toBe(201);
  });

  it('answers each combination rule with its configured status', async () => {
    const emulator = createEmulator({
      ruleStatus: { 'session-with-previous-chat': 422, 'missing-input': 422 },
    });
    expect((await postChat(emulator, { sessionId: 'a', previousChatId: 'b', input: 'x' })).status).toBe(422);
    expect((await postChat(emulator, { assistantId: defaultAssistantId })).status).toBe(422);
    expect((await postChat(emulator, { input: 'x' })).status).toBe(400);
  });

  it('answers 404 for an unknown previousChatId, sessionId or assistantId, or 400 when configured', async () => {
    const emulator = createEmulator();
    const previous = await postChat(emulator, { previousChatId: 'missing', input: 'x' });
    expect(previous.status).toBe(404);
    expect(await previous.json()).toEqual({
      message: 'Chat missing not found',
      error: 'Not Found',
      statusCode: 404,
    });
    expect((await postChat(emulator, { sessionId: 'missing', input: 'x' })).status).toBe(404);
    expect((await postChat(emulator, { assistantId: 'missing', input: 'x' })).status).toBe(404);

    const strict = createEmulator({ unknownReferenceStatus: 400 });
    expect((await postChat(strict, { previousChatId: 'missing', input: 'x' })).status).toBe(400);
  });

  it('rejects unknown fields by default, and ignores them with unknownFields: ignore', async () => {
    const lenient = createEmulator({ unknownFields: 'ignore' });
    expect(
      (await postChat(lenient, { assistantId: defaultAssistantId, input: 'x', colour: 'blue' })).status,
    ).toBe(201);

    const strict = createEmulator();
    const response = await postChat(strict, { assistantId: defaultAssistantId, input: 'x', colour: 'blue' });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      message: ['property colour should not exist'],
      error: 'Bad Request',
      statusCode: 400,
    });
  });

  it('answers 400 for a body that is not JSON', async () => {
    const emulator = createEmulator();
    const response = await emulator.app.request('/chat', {
      method: 'POST',
      headers: auth,
      body: '{"input": ',
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { statusCode: number }).statusCode).toBe(400);
  });

  it('refuses an expired or completed session with 400, or the configured status', async () => {
    let now = new Date('2026-01-01T00:00:00.000Z');
    const emulator = createEmulator({ now: () => now });
    const session = (await (
      await emulator.app.request('/session', {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({ assistantId: defaultAssistantId, expirationSeconds: 60 }),
      })
    ).json()) as { id: string };
    expect((await postChat(emulator, { sessionId: session.id, input: 'x' })).status).toBe(201);

    now = new Date('2026-01-01T00:01:00.000Z');
    const expired = await postChat(emulator, { sessionId: session.id, input: 'x' });
    expect(expired.status).toBe(400);
    expect(await expired.json()).toEqual({
      message: [`Session ${session.id} has expired`],
      error: 'Bad Request',
      statusCode: 400,
    });

    const other = createEmulator({ inactiveSessionStatus: 410 });
    const completed = (await (
      await other.app.request('/session', {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({ assistantId: defaultAssistantId, status: 'completed' }),
      })
    ).json()) as { id: string };
    expect((await postChat(other, { sessionId: completed.id, input: 'x' })).status).toBe(410);
  });
});

describe('POST /chat with stream: true', () => {
  it('streams data: lines with id, path and word-sized deltas, and the body closes at the end', async () => {
    const emulator = createEmulator();
    const response = await postChat(emulator, {
      assistantId: defaultAssistantId,
      input: 'My name is Alice',
      stream: true,
    });

    expect(response.status).toBe(201);
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(response.headers.get('connection')).toBe('keep-alive');
    const events = (await readSseData(response)).map((data) => JSON.parse(data) as Record<string, unknown>);
    expect(events.map((event) => event.delta)).toEqual([
      'Nice ',
      'to ',
      'meet ',
      'you, ',
      'Alice! ',
      'How ',
      'can ',
      'I ',
      'help ',
      'you ',
      'with ',
      'TechFlow ',
      'today?',
    ]);
    const id = events[0]!.id as string;
    for (const event of events) {
      expect(Object.keys(event)).toEqual(['id', 'path', 'delta']);
      expect(event.id).toBe(id);
      expect(event.path).toBe('chat.output[0].content');
    }

    const stored = await emulator.app.request(`/chat/${id}`, { headers: auth });
    expect(stored.status).toBe(200);
    const chat = (await stored.json()) as { output: { content: string }[]; stream: boolean };
    expect(chat.stream).toBe(true);
    expect(chat.output[0]!.content).toBe('Nice to meet you, Alice! How can I help you with TechFlow today?');
  });

  it('writes each event in one chunk, and the deltas join to the exact reply with its newlines', async () => {
    const emulator = createEmulator();
    const response = await postChat(emulator, {
      assistantId: defaultAssistantId,
      input: 'show me everything',
      stream: true,
    });
    const chunks: string[] = [];
    const decoder = new TextDecoder();
    for await (const chunk of response.body!) chunks.push(decoder.decode(chunk));
    for (const chunk of chunks) {
      expect(chunk.startsWith('data: {')).toBe(true);
      expect(chunk.endsWith('}\n\n')).toBe(true);
    }
    const text = chunks.map((chunk) => (JSON.parse(chunk.slice(6)) as { delta: string }).delta).join('');
    const id = (JSON.parse(chunks[0]!.slice(6)) as { id: string }).id;
    const chat = (await (await emulator.app.request(`/chat/${id}`, { headers: auth })).json()) as {
      output: { content: string }[];
    };
    expect(text).toBe(chat.output[0]!.content);
    expect(text).toContain('| Enterprise | custom | unlimited | ✓ |');
  });

  it('puts sessionId on every chunk of a session turn', async () => {
    const emulator = createEmulator();
    const session = (await (
      await emulator.app.request('/session', { method: 'POST', headers: auth, body: JSON.stringify({}) })
    ).json()) as { id: string };
    const events = (
      await readSseData(await postChat(emulator, { sessionId: session.id, input: 'hi', stream: true }))
    ).map((data) => JSON.parse(data) as { sessionId: string });
    expect(events.length).toBeGreaterThan(3);
    for (const event of events) expect(event.sessionId).toBe(session.id);
  });

  it('chains the stream id as previousChatId', async () => {
    const emulator = createEmulator();
    const first = await readSseData(
      await postChat(emulator, { assistantId: defaultAssistantId, input: 'My name is Alice', stream: true }),
    );
    const id = (JSON.parse(first[0]!) as { id: string }).id;
    const second = await readSseData(
      await postChat(emulator, { previousChatId: id, input: "What's my name?", stream: true }),
    );
    expect(second.map((data) => (JSON.parse(data) as { delta: string }).delta).join('')).toBe(
      'Your name is Alice.',
    );
  });

  it('uses a distinct stream id with streamId: distinct, findable through GET /chat?previousChatId', async () => {
    const emulator = createEmulator({ streamId: 'distinct' });
    const first = (await (
      await postChat(emulator, { assistantId: defaultAssistantId, input: 'hi' })
    ).json()) as { id: string };
    const events = await readSseData(
      await postChat(emulator, { previousChatId: first.id, input: 'hi', stream: true }),
    );
    const streamId = (JSON.parse(events[0]!) as { id: string }).id;
    expect(streamId.startsWith('stream_')).toBe(true);
    expect((await emulator.app.request(`/chat/${streamId}`, { headers: auth })).status).toBe(404);
    const list = (await (
      await emulator.app.request(`/chat?previousChatId=${first.id}&limit=1`, { headers: auth })
    ).json()) as { results: { id: string; previousChatId: string }[] };
    expect(list.results).toHaveLength(1);
    expect(list.results[0]!.previousChatId).toBe(first.id);
  });

  it('ends with data: [DONE] and a whole-output event when terminalEvent is both', async () => {
    const emulator = createEmulator({ terminalEvent: 'both' });
    const events = await readSseData(
      await postChat(emulator, { assistantId: defaultAssistantId, input: 'My name is Alice', stream: true }),
    );
    expect(events.at(-1)).toBe('[DONE]');
    const output = JSON.parse(events.at(-2)!) as Record<string, unknown>;
    expect(Object.keys(output)).toEqual(['id', 'output']);
    expect(output.output).toBe('Nice to meet you, Alice! How can I help you with TechFlow today?');
  });

  it('streams a scripted tool-call turn on chat.output[2].content with toolCalls: true', async () => {
    const emulator = createEmulator({ toolCalls: true });
    const events = (
      await readSseData(
        await postChat(emulator, {
          assistantId: defaultAssistantId,
          input: 'My name is Alice',
          stream: true,
        }),
      )
    ).map((data) => JSON.parse(data) as { id: string; path: string });
    for (const event of events) expect(event.path).toBe('chat.output[2].content');
    const chat = (await (await emulator.app.request(`/chat/${events[0]!.id}`, { headers: auth })).json()) as {
      output: { role: string; tool_calls?: { function: { name: string } }[]; tool_call_id?: string }[];
    };
    expect(chat.output.map((message) => message.role)).toEqual(['assistant', 'tool', 'assistant']);
    expect(chat.output[0]!.tool_calls![0]!.function.name).toBe('search_knowledge_base');
  });
});

describe('GET /chat, GET /chat/{id}, DELETE /chat/{id}', () => {
  async function threeChats() {
    let minute = 0;
    const emulator = createEmulator({
      createId: sequentialIds(),
      now: () => new Date(Date.UTC(2026, 0, 1, 0, minute)),
    });
    for (const input of ['one', 'two', 'three']) {
      minute += 1;
      await postChat(emulator, { assistantId: defaultAssistantId, input });
    }
    return emulator;
  }

  it('lists newest first with page metadata', async () => {
    const emulator = await threeChats();
    const response = await emulator.app.request('/chat?limit=2', { headers: auth });
    expect(response.status).toBe(200);
    const page = (await response.json()) as {
      results: { input: string }[];
      metadata: Record<string, unknown>;
    };
    expect(page.results.map((chat) => chat.input)).toEqual(['three', 'two']);
    expect(page.metadata).toEqual({
      itemsPerPage: 2,
      totalItems: 3,
      currentPage: 1,
      totalPages: 2,
      hasNextPage: true,
      sortOrder: 'DESC',
    });
    const second = (await (await emulator.app.request('/chat?limit=2&page=2', { headers: auth })).json()) as {
      results: { input: string }[];
      metadata: { hasNextPage: boolean };
    };
    expect(second.results.map((chat) => chat.input)).toEqual(['one']);
    expect(second.metadata.hasNextPage).toBe(false);
  });

  it('sorts ascending, filters by date and id, and rejects a bad limit', async () => {
    const emulator = await threeChats();
    const ascending = (await (
      await emulator.app.request('/chat?sortOrder=ASC', { headers: auth })
    ).json()) as {
      results: { input: string }[];
    };
    expect(ascending.results.map((chat) => chat.input)).toEqual(['one', 'two', 'three']);

    const after = (await (
      await emulator.app.request('/chat?createdAtGt=2026-01-01T00:01:00.000Z', { headers: auth })
    ).json()) as { results: { input: string }[] };
    expect(after.results.map((chat) => chat.input)).toEqual(['three', 'two']);

    const byId = (await (
      await emulator.app.request(
        '/chat?idAny=00000000-0000-4000-8000-000000000001,00000000-0000-4000-8000-000000000003',
        {
          headers: auth,
        },
      )
    ).json()) as { results: { input: string }[] };
    expect(byId.results.map((chat) => chat.input)).toEqual(['three', 'one']);

    const bad = await emulator.app.request('/chat?limit=1001', { headers: auth });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({
      message: ['limit must not be greater than 1000'],
      error: 'Bad Request',
      statusCode: 400,
    });
  });

  it('pages by cursor with cursorPagination', async () => {
    let minute = 0;
    const emulator = createEmulator({
      cursorPagination: true,
      now: () => new Date(Date.UTC(2026, 0, 1, 0, minute)),
    });
    for (const input of ['one', 'two', 'three']) {
      minute += 1;
      await postChat(emulator, { assistantId: defaultAssistantId, input });
    }
    const first = (await (await emulator.app.request('/chat?limit=2', { headers: auth })).json()) as {
      results: { input: string }[];
      metadata: { nextCursor: string };
    };
    expect(first.metadata.nextCursor).toBeTypeOf('string');
    const second = (await (
      await emulator.app.request(`/chat?limit=2&cursor=${first.metadata.nextCursor}`, { headers: auth })
    ).json()) as { results: { input: string }[]; metadata: Record<string, unknown> };
    expect(second.results.map((chat) => chat.input)).toEqual(['one']);
    expect(second.metadata).not.toHaveProperty('nextCursor');
  });

  it('reads one chat, deletes it (returning it), then answers 404', async () => {
    const emulator = await threeChats();
    const id = '00000000-0000-4000-8000-000000000002';
    const read = await emulator.app.request(`/chat/${id}`, { headers: auth });
    expect(((await read.json()) as { input: string }).input).toBe('two');
    const deleted = await emulator.app.request(`/chat/${id}`, { method: 'DELETE', headers: auth });
    expect(deleted.status).toBe(200);
    expect(((await deleted.json()) as { id: string }).id).toBe(id);
    const gone = await emulator.app.request(`/chat/${id}`, { headers: auth });
    expect(gone.status).toBe(404);
    expect(await gone.json()).toEqual({
      message: `Chat ${id} not found`,
      error: 'Not Found',
      statusCode: 404,
    });
  });
});
