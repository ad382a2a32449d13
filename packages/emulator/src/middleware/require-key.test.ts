import { describe, expect, it } from 'vitest';
import { createEmulator } from '../create-emulator';
import { defaultAssistantId } from '../default-credentials';

const invalidKey = {
  message: 'Invalid Key. Hot tip, you may be using the private key instead of the public key, or vice versa.',
  error: 'Unauthorized',
  statusCode: 401,
};

describe('requireKey', () => {
  it.each([
    ['no Authorization header', {}],
    ['an unknown key', { Authorization: 'Bearer sk-unknown' }],
    ['the public key on a private endpoint', { Authorization: 'Bearer emulator-public-key' }],
    ['a key without the Bearer scheme', { Authorization: 'emulator-private-key' }],
  ])('answers Vapi’s exact 401 body for %s', async (_name, headers) => {
    const emulator = createEmulator();
    const response = await emulator.app.request('/chat', { headers });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual(invalidKey);
  });

  it('accepts configured keys of each kind on their own endpoints only', async () => {
    const emulator = createEmulator({ privateKeys: ['server-a', 'server-b'], publicKeys: ['browser-a'] });
    expect(
      (await emulator.app.request('/chat', { headers: { Authorization: 'Bearer server-b' } })).status,
    ).toBe(200);
    expect(
      (await emulator.app.request('/chat', { headers: { Authorization: 'Bearer emulator-private-key' } }))
        .status,
    ).toBe(401);
    const web = await emulator.app.request('/chat/web', {
      method: 'POST',
      headers: { Authorization: 'Bearer browser-a', 'Content-Type': 'application/json' },
      body: JSON.stringify({ assistantId: defaultAssistantId, input: 'hi' }),
    });
    expect(web.status).toBe(201);
  });

  it('lets a public key read private endpoints with publicKeyOnPrivateEndpoints: allow', async () => {
    const emulator = createEmulator({ publicKeyOnPrivateEndpoints: 'allow' });
    const response = await emulator.app.request('/chat', {
      headers: { Authorization: 'Bearer emulator-public-key' },
    });
    expect(response.status).toBe(200);
  });
});
