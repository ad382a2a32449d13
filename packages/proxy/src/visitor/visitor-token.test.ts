import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { signVisitorToken, verifyVisitorToken, type VisitorTokenCheck } from './visitor-token';

const secret = 'a-visitor-secret-of-at-least-32-characters';
const otherSecret = 'another-widget-keys-secret-32-characters!';
const issuedAt = Date.parse('2026-12-06T10:00:00.000Z');
const check = (overrides: Partial<VisitorTokenCheck> = {}): VisitorTokenCheck => ({
  secret,
  widgetKeyId: 'site',
  maxAgeSeconds: 3600,
  now: () => issuedAt + 60_000,
  ...overrides,
});
const alice = {
  secret,
  widgetKeyId: 'site',
  visitorId: 'user-42',
  name: 'Alice',
  email: 'alice@example.com',
  plan: 'Team',
  locale: 'en-GB',
  now: () => issuedAt,
};

/** The token's three parts, its payload decoded. */
function parts(token: string) {
  const [header = '', payload = '', signature = ''] = token.split('.');
  return { header, payload: JSON.parse(Buffer.from(payload, 'base64url').toString()) as object, signature };
}
const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('visitor tokens', () => {
  it('signs an HS256 JWT for one widget key and verifies its visitor and claims', async () => {
    const token = await signVisitorToken(alice);
    expect(JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString())).toEqual({
      alg: 'HS256',
      typ: 'JWT',
    });
    expect(parts(token).payload).toMatchObject({ sub: 'user-42', aud: 'site', exp: issuedAt / 1000 + 600 });
    expect(await verifyVisitorToken(token, check())).toEqual({
      ok: true,
      visitor: {
        visitorId: 'user-42',
        name: 'Alice',
        email: 'alice@example.com',
        plan: 'Team',
        locale: 'en-GB',
      },
    });
  });

  it('refuses an expired token, allowing 30 seconds of clock skew', async () => {
    const token = await signVisitorToken({ ...alice, expiresInSeconds: 60 });
    expect((await verifyVisitorToken(token, check({ now: () => issuedAt + 85_000 }))).ok).toBe(true);
    expect(await verifyVisitorToken(token, check({ now: () => issuedAt + 95_000 }))).toEqual({
      ok: false,
      reason: 'expired',
    });
  });

  it('refuses a token issued longer ago than the key allows, whatever its expiry says', async () => {
    const token = await signVisitorToken({ ...alice, expiresInSeconds: 86_400 });
    expect((await verifyVisitorToken(token, check({ now: () => issuedAt + 3_500_000 }))).ok).toBe(true);
    expect((await verifyVisitorToken(token, check({ now: () => issuedAt + 3_700_000 }))).ok).toBe(false);
  });

  it('refuses a tampered token: another visitor in the payload, the same signature', async () => {
    const token = await signVisitorToken(alice);
    const { header, payload, signature } = parts(token);
    const tampered = `${header}.${encode({ ...payload, sub: 'user-1' })}.${signature}`;
    expect(await verifyVisitorToken(tampered, check())).toEqual({ ok: false, reason: 'signature' });
  });

  it("refuses a token signed with another key's secret, or for another widget key", async () => {
    const foreign = await signVisitorToken({ ...alice, secret: otherSecret });
    expect(await verifyVisitorToken(foreign, check())).toEqual({ ok: false, reason: 'signature' });
    const otherKey = await signVisitorToken({ ...alice, widgetKeyId: 'other-site' });
    expect(await verifyVisitorToken(otherKey, check())).toEqual({ ok: false, reason: 'claims' });
  });

  it('refuses another algorithm, "none" included, before using any key', async () => {
    const now = issuedAt / 1000;
    const hs512 = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS512' })
      .setSubject('user-42')
      .setAudience('site')
      .setIssuedAt(now)
      .setExpirationTime(now + 600)
      .sign(new TextEncoder().encode(secret));
    expect(await verifyVisitorToken(hs512, check())).toEqual({ ok: false, reason: 'algorithm' });
    const unsigned = `${encode({ alg: 'none', typ: 'JWT' })}.${encode({ sub: 'user-42', aud: 'site', iat: now, exp: now + 600 })}.`;
    const result = await verifyVisitorToken(unsigned, check());
    expect(result.ok).toBe(false);
    expect(['algorithm', 'malformed']).toContain(!result.ok && result.reason);
  });

  it('refuses claims of the wrong type, a missing visitor, and a token that is not one', async () => {
    const now = issuedAt / 1000;
    const key = new TextEncoder().encode(secret);
    const sign = (claims: Record<string, unknown>) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'HS256' })
        .setAudience('site')
        .setIssuedAt(now)
        .setExpirationTime(now + 600)
        .sign(key);
    expect(await verifyVisitorToken(await sign({ sub: 'user-42', name: 42 }), check())).toEqual({
      ok: false,
      reason: 'claims',
    });
    expect((await verifyVisitorToken(await sign({ name: 'Alice' }), check())).ok).toBe(false);
    expect(await verifyVisitorToken('not-a-token', check())).toEqual({ ok: false, reason: 'malformed' });
  });

  it('will not sign with a short secret or without a visitor id', async () => {
    await expect(signVisitorToken({ ...alice, secret: 'short' })).rejects.toThrow(/at least 32 characters/);
    await expect(signVisitorToken({ ...alice, visitorId: '' })).rejects.toThrow(/visitorId/);
  });
});
