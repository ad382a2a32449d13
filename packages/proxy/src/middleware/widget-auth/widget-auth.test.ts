import { describe, expect, it } from 'vitest';
import {
  createHarness,
  historyHeaders,
  siteOrigin,
  turnInit,
  widgetKey,
} from '../../test-support/proxy-harness';
import { constantTimeEqual } from './constant-time-equal';
import { originMatches } from './origin-pattern';

describe('widget keys', () => {
  const refused: [string, Record<string, string>][] = [
    ['no key', { 'x-api-key': '' }],
    ['a wrong key', { 'x-api-key': 'wk_test_public_kez' }],
    ['a prefix of the key', { 'x-api-key': widgetKey.slice(0, -1) }],
    ['the key from an origin it does not allow', { origin: 'https://evil.example' }],
    ['the key from a look-alike origin', { origin: 'https://shop.example.evil.example' }],
  ];

  it.each(refused)('answers 401 {"error":"Unauthorized"} for %s', async (_name, headers) => {
    const harness = createHarness();
    const response = await harness.app.request(
      '/v1/chat',
      turnInit({ sessionId: 's1', message: 'Hi' }, headers),
    );
    expect(response.status).toBe(401);
    expect(await response.text()).toBe('{"error":"Unauthorized"}');
    const stream = await harness.app.request(
      '/v1/chat/stream',
      turnInit({ sessionId: 's1', message: 'Hi' }, headers),
    );
    expect(stream.status).toBe(401);
    const historyResponse = await harness.app.request('/v1/chat/history?sessionId=s1&conversationId=conv_1', {
      headers: { ...historyHeaders, ...headers },
    });
    expect(historyResponse.status).toBe(401);
    expect(await historyResponse.text()).toBe('{"error":"Unauthorized"}');
    expect(harness.calls).toHaveLength(0);
  });

  it('accepts x-widget-api-key, a localhost origin on any port, and no origin at all', async () => {
    const harness = createHarness();
    const viaWidgetHeader = turnInit({ sessionId: 's1', message: 'Hi' });
    const headers = new Headers(viaWidgetHeader.headers);
    headers.delete('x-api-key');
    headers.set('x-widget-api-key', widgetKey);
    expect((await harness.app.request('/v1/chat', { ...viaWidgetHeader, headers })).status).toBe(200);
    const localhost = turnInit({ sessionId: 's2', message: 'Hi' }, { origin: 'http://localhost:5173' });
    expect((await harness.app.request('/v1/chat', localhost)).status).toBe(200);
    const noOrigin = turnInit({ sessionId: 's3', message: 'Hi' });
    const noOriginHeaders = new Headers(noOrigin.headers);
    noOriginHeaders.delete('origin');
    expect((await harness.app.request('/v1/chat', { ...noOrigin, headers: noOriginHeaders })).status).toBe(
      200,
    );
  });
});

describe('originMatches', () => {
  it('matches exact origins, any port, and *', () => {
    expect(originMatches('https://shop.example', siteOrigin)).toBe(true);
    expect(originMatches('https://shop.example/', 'HTTPS://SHOP.EXAMPLE')).toBe(true);
    expect(originMatches('https://shop.example', 'http://shop.example')).toBe(false);
    expect(originMatches('http://localhost:*', 'http://localhost:5173')).toBe(true);
    expect(originMatches('http://localhost:*', 'http://localhost')).toBe(true);
    expect(originMatches('http://localhost:*', 'http://localhost.evil.example')).toBe(false);
    expect(originMatches('http://localhost:*', 'http://localhost:80x')).toBe(false);
    expect(originMatches('*', 'https://anything.example')).toBe(true);
  });
});

describe('constantTimeEqual', () => {
  it('is true only for identical strings', () => {
    expect(constantTimeEqual('abc', 'abc')).toBe(true);
    expect(constantTimeEqual('abd', 'abc')).toBe(false);
    expect(constantTimeEqual('ab', 'abc')).toBe(false);
    expect(constantTimeEqual('abcd', 'abc')).toBe(false);
    expect(constantTimeEqual('', 'abc')).toBe(false);
    expect(constantTimeEqual('', '')).toBe(true);
  });
});
