import { describe, expect, it } from 'vitest';
import { createEmulator } from '../create-emulator';
import { defaultAssistantId, defaultOrgId } from '../default-credentials';

const auth = { Authorization: 'Bearer emulator-private-key', 'Content-Type': 'application/json' };

function createSession(emulator: ReturnType<typeof createEmulator>, body: unknown) {
  return emulator.app.request('/session', { method: 'POST', headers: auth, body: JSON.stringify(body) });
}

describe('session endpoints', () => {
  it('creates a session with 201, status active and 24 h expiry by default', async () => {
    const emulator = createEmulator({ now: () => new Date('2026-02-01T12:00:00.000Z') });
    const response = await createSession(emulator, { name: 'Support', assistantId: defaultAssistantId });
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({
      orgId: defaultOrgId,
      name: 'Support',
      assistantId: defaultAssistantId,
      status: 'active',
      expirationSeconds: 86400,
      messages: [],
      createdAt: '2026-02-01T12:00:00.000Z',
      updatedAt: '2026-02-01T12:00:00.000Z',
    });
  });

  it('rejects expirationSeconds outside 60–2,592,000 and an unknown status', async () => {
    const emulator = createEmulator();
    for (const body of [{ expirationSeconds: 59 }, { expirationSeconds: 2_592_001 }, { status: 'paused' }]) {
      const response = await createSession(emulator, body);
      expect(response.status).toBe(400);
      expect(Array.isArray(((await response.json()) as { message: unknown }).message)).toBe(true);
    }
    expect((await createSession(emulator, { expirationSeconds: 60 })).status).toBe(201);
    expect((await createSession(emulator, { expirationSeconds: 2_592_000 })).status).toBe(201);
  });

  it('ignores assistant when assistantId is given, and keeps variableValues in metadata', async () => {
    const emulator = createEmulator({
      assistants: [{ id: 'greeter', name: 'Greeter', firstMessage: 'Hi {{name}}!' }],
    });
    const session = (await (
      await createSession(emulator, {
        assistantId: 'greeter',
        assistant: { name: 'Ignored', firstMessage: 'Nope' },
        assistantOverrides: { variableValues: { name: 'Frank' } },
      })
    ).json()) as Record<string, unknown>;
    expect(session).not.toHaveProperty('assistant');
    expect(session.metadata).toEqual({ variableValues: { name: 'Frank' } });

    // Variables were substituted when the session was created; later overrides do not matter.
    const chat = (await (
      await emulator.app.request('/chat', {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({ sessionId: session.id, input: 'hello' }),
      })
    ).json()) as { output: { content: string }[] };
    expect(chat.output[0]!.content).toBe('Hi Frank!');
  });

  it('reads, patches, lists and deletes sessions', async () => {
    let now = new Date('2026-02-01T12:00:00.000Z');
    const emulator = createEmulator({ now: () => now });
    const first = (await (
      await createSession(emulator, { name: 'first', assistantId: defaultAssistantId })
    ).json()) as {
      id: string;
    };
    now = new Date('2026-02-01T12:01:00.000Z');
    const second = (await (await createSession(emulator, { name: 'second' })).json()) as { id: string };

    const read = await emulator.app.request(`/session/${first.id}`, { headers: auth });
    expect(((await read.json()) as { name: string }).name).toBe('first');

    now = new Date('2026-02-01T12:02:00.000Z');
    const patched = await emulator.app.request(`/session/${first.id}`, {
      method: 'PATCH',
      headers: auth,
      body: JSON.stringify({ name: 'renamed', status: 'completed', expirationSeconds: 120 }),
    });
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({
      name: 'renamed',
      status: 'completed',
      expirationSeconds: 120,
      updatedAt: '2026-02-01T12:02:00.000Z',
    });

    const list = (await (await emulator.app.request('/session', { headers: auth })).json()) as {
      results: { id: string }[];
      metadata: { totalItems: number };
    };
    expect(list.results.map((session) => session.id)).toEqual([second.id, first.id]);
    expect(list.metadata.totalItems).toBe(2);
    const filtered = (await (
      await emulator.app.request(`/session?assistantId=${defaultAssistantId}`, { headers: auth })
    ).json()) as { results: { id: string }[] };
    expect(filtered.results.map((session) => session.id)).toEqual([first.id]);

    const deleted = await emulator.app.request(`/session/${second.id}`, { method: 'DELETE', headers: auth });
    expect(((await deleted.json()) as { id: string }).id).toBe(second.id);
    const gone = await emulator.app.request(`/session/${second.id}`, { headers: auth });
    expect(gone.status).toBe(404);
    expect(await gone.json()).toEqual({
      message: `Session ${second.id} not found`,
      error: 'Not Found',
      statusCode: 404,
    });
  });

  it('rejects a public key', async () => {
    const emulator = createEmulator();
    const response = await emulator.app.request('/session', {
      headers: { Authorization: 'Bearer emulator-public-key' },
    });
    expect(response.status).toBe(401);
  });
});
