import { describe, expect, it } from 'vitest';
import { createEmulator } from './create-emulator';
import { defaultAssistantId } from './default-credentials';

const auth = { Authorization: 'Bearer emulator-private-key', 'Content-Type': 'application/json' };

describe('createEmulator', () => {
  it('answers an unknown route with Nest’s 404 body', async () => {
    const emulator = createEmulator();
    const response = await emulator.app.request('/calls', { headers: auth });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      message: 'Cannot GET /calls',
      error: 'Not Found',
      statusCode: 404,
    });
  });

  it('serves requests through fetch, for injection as an upstream', async () => {
    const emulator = createEmulator();
    const response = await emulator.fetch(
      new Request('http://vapi.test/chat', {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({ assistantId: defaultAssistantId, input: 'How do I reset my password?' }),
      }),
    );
    expect(response.status).toBe(201);
    expect(((await response.json()) as { output: { content: string }[] }).output[0]!.content).toContain(
      'Forgot password',
    );
  });

  it('can stand in for the global fetch, with a URL and an init', async () => {
    const emulator = createEmulator();
    const upstream: typeof fetch = emulator.fetch;
    const response = await upstream('https://api.vapi.ai/chat', {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ assistantId: defaultAssistantId, input: 'My name is Alice' }),
    });
    expect(response.status).toBe(201);
    expect(((await response.json()) as { output: { content: string }[] }).output[0]!.content).toBe(
      'Nice to meet you, Alice! How can I help you with TechFlow today?',
    );
  });

  it('keeps two emulators apart and forgets everything on reset', async () => {
    const first = createEmulator();
    const second = createEmulator();
    await first.app.request('/chat', {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ assistantId: defaultAssistantId, input: 'hi' }),
    });
    const count = async (emulator: ReturnType<typeof createEmulator>) =>
      (
        (await (await emulator.app.request('/chat', { headers: auth })).json()) as {
          metadata: { totalItems: number };
        }
      ).metadata.totalItems;
    expect(await count(first)).toBe(1);
    expect(await count(second)).toBe(0);
    first.reset();
    expect(await count(first)).toBe(0);
  });

  it('exposes the resolved defaults', () => {
    const emulator = createEmulator();
    expect(emulator.options.privateKeys).toEqual(['emulator-private-key']);
    expect(emulator.options.publicKeys).toEqual([{ key: 'emulator-public-key' }]);
    expect(emulator.options.assistants.map((assistant) => assistant.id)).toEqual([defaultAssistantId]);
    expect(emulator.options.successStatus).toBe(201);
    expect(emulator.options.deltaDelayMs).toBe(0);
    expect(emulator.activeGenerations()).toBe(0);
  });
});
