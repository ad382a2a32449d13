import { describe, expect, it } from 'vitest';
import { createEmulator } from '../create-emulator';
import { defaultAssistantId } from '../default-credentials';

const publicAuth = { Authorization: 'Bearer emulator-public-key', 'Content-Type': 'application/json' };
const privateAuth = { Authorization: 'Bearer emulator-private-key', 'Content-Type': 'application/json' };

function postWeb(
  emulator: ReturnType<typeof createEmulator>,
  body: unknown,
  headers: Record<string, string> = {},
) {
  return emulator.app.request('/chat/web', {
    method: 'POST',
    headers: { ...publicAuth, ...headers },
    body: JSON.stringify(body),
  });
}

async function readEvents(response: Response): Promise<Record<string, unknown>[]> {
  const text = await response.text();
  return text
    .split('\n\n')
    .filter((block) => block !== '')
    .map((block) => JSON.parse(block.replace(/^data: /, '')) as Record<string, unknown>);
}

describe('POST /chat/web', () => {
  it('creates a session on the first turn and answers a WebChat {id, sessionId, output}', async () => {
    const emulator = createEmulator();
    const response = await postWeb(emulator, { assistantId: defaultAssistantId, input: 'My name is Alice' });
    expect(response.status).toBe(201);
    const reply = (await response.json()) as Record<string, unknown>;
    expect(Object.keys(reply)).toEqual(['id', 'sessionId', 'output']);
    expect(reply.output).toEqual([
      { role: 'assistant', content: 'Nice to meet you, Alice! How can I help you with TechFlow today?' },
    ]);
    const session = (await (
      await emulator.app.request(`/session/${reply.sessionId as string}`, { headers: privateAuth })
    ).json()) as { status: string; expirationSeconds: number; assistantId: string };
    expect(session).toMatchObject({
      status: 'active',
      expirationSeconds: 86400,
      assistantId: defaultAssistantId,
    });
  });

  it('puts sessionId on every chunk and remembers the name across the session, assistantId sent each turn', async () => {
    const emulator = createEmulator();
    const first = await readEvents(
      await postWeb(emulator, { assistantId: defaultAssistantId, input: 'My name is Alice', stream: true }),
    );
    const sessionId = first[0]!.sessionId as string;
    expect(sessionId).toBeTypeOf('string');
    for (const event of first) {
      expect(Object.keys(event)).toEqual(['id', 'sessionId', 'path', 'delta']);
      expect(event.sessionId).toBe(sessionId);
    }
    const second = await readEvents(
      await postWeb(emulator, {
        assistantId: defaultAssistantId,
        sessionId,
        input: "What's my name?",
        stream: true,
      }),
    );
    expect(second.map((event) => event.delta).join('')).toBe('Your name is Alice.');
    expect(second[0]!.sessionId).toBe(sessionId);
  });

  it('learns about a client-side greeting sent as an assistant message', async () => {
    const emulator = createEmulator();
    const reply = (await (
      await postWeb(emulator, {
        assistantId: defaultAssistantId,
        input: [
          { role: 'assistant', content: 'Hello! How can I help?' },
          { role: 'user', content: 'How do I reset my password?' },
        ],
      })
    ).json()) as { sessionId: string };
    const session = (await (
      await emulator.app.request(`/session/${reply.sessionId}`, { headers: privateAuth })
    ).json()) as { messages: { role: string }[] };
    expect(session.messages.map((message) => message.role)).toEqual(['assistant', 'user', 'assistant']);
  });

  it('starts a new session when the session has expired, honouring sessionExpirationSeconds', async () => {
    let now = new Date('2026-01-01T00:00:00.000Z');
    const emulator = createEmulator({ now: () => now });
    const first = (await (
      await postWeb(emulator, {
        assistantId: defaultAssistantId,
        sessionExpirationSeconds: 60,
        input: 'My name is Alice',
      })
    ).json()) as { sessionId: string };
    now = new Date('2026-01-01T00:00:59.000Z');
    const same = (await (
      await postWeb(emulator, { assistantId: defaultAssistantId, sessionId: first.sessionId, input: 'hi' })
    ).json()) as { sessionId: string };
    expect(same.sessionId).toBe(first.sessionId);

    now = new Date('2026-01-01T00:01:00.000Z');
    const fresh = (await (
      await postWeb(emulator, {
        assistantId: defaultAssistantId,
        sessionId: first.sessionId,
        input: "What's my name?",
      })
    ).json()) as { sessionId: string; output: { content: string }[] };
    expect(fresh.sessionId).not.toBe(first.sessionId);
    expect(fresh.output[0]!.content).toBe("I don't know your name yet. Tell me with *My name is …*.");
  });

  it('completes the session on sessionEnd: true without processing the input, then starts a new one', async () => {
    const emulator = createEmulator();
    const first = (await (
      await postWeb(emulator, { assistantId: defaultAssistantId, input: 'hi' })
    ).json()) as {
      sessionId: string;
    };
    const ended = await postWeb(emulator, {
      assistantId: defaultAssistantId,
      sessionId: first.sessionId,
      input: 'Ending chat...',
      sessionEnd: true,
      stream: true,
    });
    expect(ended.status).toBe(201);
    expect(ended.headers.get('content-type')).toBe('text/event-stream');
    expect(await ended.text()).toBe('');

    const session = (await (
      await emulator.app.request(`/session/${first.sessionId}`, { headers: privateAuth })
    ).json()) as { status: string; messages: unknown[] };
    expect(session.status).toBe('completed');
    expect(session.messages).toHaveLength(2);

    const next = (await (
      await postWeb(emulator, { assistantId: defaultAssistantId, sessionId: first.sessionId, input: 'hi' })
    ).json()) as { sessionId: string };
    expect(next.sessionId).not.toBe(first.sessionId);
  });

  it('answers sessionEnd without streaming as a WebChat with empty output, and always so with sessionEndReply: json', async () => {
    const emulator = createEmulator({ sessionEndReply: 'json' });
    const first = (await (
      await postWeb(emulator, { assistantId: defaultAssistantId, input: 'hi' })
    ).json()) as {
      sessionId: string;
    };
    const ended = await postWeb(emulator, {
      sessionId: first.sessionId,
      input: 'bye',
      sessionEnd: true,
      stream: true,
    });
    expect(ended.headers.get('content-type')).toContain('application/json');
    const reply = (await ended.json()) as { sessionId: string; output: unknown[] };
    expect(reply.sessionId).toBe(first.sessionId);
    expect(reply.output).toEqual([]);
  });

  it('refuses previousChatId, and a first turn without an assistant', async () => {
    const emulator = createEmulator();
    const withPrevious = await postWeb(emulator, {
      assistantId: defaultAssistantId,
      previousChatId: 'x',
      input: 'hi',
    });
    expect(withPrevious.status).toBe(400);
    expect(await withPrevious.json()).toEqual({
      message: ['property previousChatId should not exist'],
      error: 'Bad Request',
      statusCode: 400,
    });
    expect((await postWeb(emulator, { input: 'hi' })).status).toBe(400);
  });

  it('takes only public keys: a private key gets the Invalid Key 401', async () => {
    const emulator = createEmulator();
    const response = await postWeb(emulator, { assistantId: defaultAssistantId, input: 'hi' }, privateAuth);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      message:
        'Invalid Key. Hot tip, you may be using the private key instead of the public key, or vice versa.',
      error: 'Unauthorized',
      statusCode: 401,
    });
  });

  it('enforces a public key’s allowed assistants and transient-assistant flag', async () => {
    const emulator = createEmulator({
      publicKeys: [
        { key: 'site-key', allowedAssistantIds: [defaultAssistantId], allowTransientAssistant: false },
      ],
    });
    const headers = { Authorization: 'Bearer site-key' };
    expect((await postWeb(emulator, { assistantId: defaultAssistantId, input: 'hi' }, headers)).status).toBe(
      201,
    );
    expect((await postWeb(emulator, { assistantId: 'other', input: 'hi' }, headers)).status).toBe(401);
    expect((await postWeb(emulator, { assistant: { name: 'x' }, input: 'hi' }, headers)).status).toBe(401);
  });
});
