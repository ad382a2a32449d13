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

describe('CORS on /chat/web*', () => {
  it('answers a preflight with the origin echoed and the requested headers allowed', async () => {
    const emulator = createEmulator();
    const response = await emulator.app.request('/chat/web', {
      method: 'OPTIONS',
      headers: {
        Origin: 'https://shop.example',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'authorization, content-type, x-client-id',
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    expect(response.headers.get('access-control-allow-methods')).toBe('POST, OPTIONS');
    expect(response.headers.get('access-control-allow-headers')).toBe(
      'authorization, content-type, x-client-id',
    );
  });

  it('echoes the origin on replies and errors, for keys without an origin list', async () => {
    const emulator = createEmulator();
    const ok = await postWeb(
      emulator,
      { assistantId: defaultAssistantId, input: 'hi' },
      { Origin: 'https://a.example' },
    );
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://a.example');
    const unauthorized = await postWeb(
      emulator,
      { assistantId: defaultAssistantId, input: 'hi' },
      { Origin: 'https://a.example', Authorization: 'Bearer wrong' },
    );
    expect(unauthorized.status).toBe(401);
    expect(unauthorized.headers.get('access-control-allow-origin')).toBe('https://a.example');
  });

  it('refuses an origin outside the key’s list with 401 (or 403 when configured) and no allow-origin header', async () => {
    const publicKeys = [{ key: 'site-key', allowedOrigins: ['https://shop.example'] }];
    const emulator = createEmulator({ publicKeys });
    const headers = { Authorization: 'Bearer site-key' };
    const allowed = await postWeb(
      emulator,
      { assistantId: defaultAssistantId, input: 'hi' },
      { ...headers, Origin: 'https://shop.example' },
    );
    expect(allowed.status).toBe(201);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://shop.example');

    const refused = await postWeb(
      emulator,
      { assistantId: defaultAssistantId, input: 'hi' },
      { ...headers, Origin: 'https://evil.example' },
    );
    expect(refused.status).toBe(401);
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
    expect(((await refused.json()) as { error: string }).error).toBe('Unauthorized');

    const strict = createEmulator({ publicKeys, disallowedOriginStatus: 403 });
    const forbidden = await postWeb(
      strict,
      { assistantId: defaultAssistantId, input: 'hi' },
      { ...headers, Origin: 'https://evil.example' },
    );
    expect(forbidden.status).toBe(403);
    expect(await forbidden.json()).toEqual({
      message: 'Origin https://evil.example is not allowed for this key',
      error: 'Forbidden',
      statusCode: 403,
    });
  });

  it('sends no CORS headers on private endpoints', async () => {
    const emulator = createEmulator();
    const response = await emulator.app.request('/chat', {
      method: 'POST',
      headers: { ...privateAuth, Origin: 'https://a.example' },
      body: JSON.stringify({ assistantId: defaultAssistantId, input: 'hi' }),
    });
    expect(response.status).toBe(201);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });
});
