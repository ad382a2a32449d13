import type * as Jose from 'jose';

/**
 * What a site's backend says of a signed-in visitor. Only `visitorId` is required; the others may reach the
 * assistant as variable values (see `VisitorTokenConfig.variables`).
 */
export interface VisitorClaims {
  /** The site's own id of the visitor (1–128 characters): their conversations are found by it. */
  readonly visitorId: string;
  readonly name?: string | undefined;
  readonly email?: string | undefined;
  readonly plan?: string | undefined;
  /** A BCP 47 language tag, e.g. `fr-FR`. */
  readonly locale?: string | undefined;
}

/** The claims besides the visitor's id, as a token carries them. */
export type VisitorClaimName = 'name' | 'email' | 'plan' | 'locale';

const claimNames: readonly VisitorClaimName[] = ['name', 'email', 'plan', 'locale'];

/** The one algorithm a visitor token may use: HMAC with SHA-256 over the widget key's visitor secret. */
export const visitorTokenAlgorithm = 'HS256';

/** How far the clocks of the site's backend and the proxy may disagree. */
const clockToleranceSeconds = 30;
/** The longest claim value kept. */
const claimMaxLength = 200;

/** Options of {@link signVisitorToken}. */
export interface SignVisitorTokenOptions extends VisitorClaims {
  /** The widget key's visitor secret (`widgetKeys[].visitors.secret`), at least 32 characters. */
  readonly secret: string;
  /** The widget key's id (or the key itself when it has none): the token is good for that key only. */
  readonly widgetKeyId: string;
  /** How long the token is good for. @default 600 (10 minutes) */
  readonly expiresInSeconds?: number | undefined;
  /** The clock, in epoch ms. @default Date.now */
  readonly now?: (() => number) | undefined;
}

/**
 * Signs a visitor token on the site's backend, for a visitor it has signed in: an HS256 JWT with the
 * visitor's id as `sub`, the widget key's id as `aud`, and the optional claims. The page hands it to the
 * widget (`visitorToken`); the proxy verifies it on every request. Never sign one in a browser: the secret
 * would be public.
 *
 * @example
 * const token = await signVisitorToken({
 *   secret: process.env.VISITOR_SECRET!,
 *   widgetKeyId: 'site',
 *   visitorId: user.id,
 *   name: user.name,
 *   plan: user.plan,
 * });
 */
export async function signVisitorToken(options: SignVisitorTokenOptions): Promise<string> {
  assertSecret(options.secret, 'signVisitorToken');
  const { SignJWT } = await loadJose();
  if (!isVisitorId(options.visitorId)) {
    throw new Error('signVisitorToken: visitorId must be 1-128 characters');
  }
  const issuedAt = Math.floor((options.now ?? Date.now)() / 1000);
  const claims: Record<string, string> = {};
  for (const name of claimNames) {
    const value = options[name];
    if (value !== undefined) claims[name] = value.slice(0, claimMaxLength);
  }
  return new SignJWT(claims)
    .setProtectedHeader({ alg: visitorTokenAlgorithm, typ: 'JWT' })
    .setSubject(options.visitorId)
    .setAudience(options.widgetKeyId)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + (options.expiresInSeconds ?? 600))
    .sign(secretBytes(options.secret));
}

/** Why a visitor token was refused (for the log; the client only learns that it was). */
export type VisitorTokenRefusal = 'expired' | 'signature' | 'algorithm' | 'claims' | 'malformed';

/** The outcome of {@link verifyVisitorToken}. */
export type VisitorTokenResult =
  | { readonly ok: true; readonly visitor: VisitorClaims }
  | { readonly ok: false; readonly reason: VisitorTokenRefusal };

/** How a widget key checks visitor tokens. */
export interface VisitorTokenCheck {
  readonly secret: string;
  readonly widgetKeyId: string;
  /** How long after it was issued (`iat`) a token is still accepted, whatever its `exp` says. */
  readonly maxAgeSeconds: number;
  /** The clock, in epoch ms. */
  readonly now: () => number;
}

/**
 * Verifies a visitor token: HS256 only (any other algorithm, `none` included, is refused before any key is
 * used), signed with this widget key's secret, for this key (`aud`), not expired (30 s of clock skew
 * allowed), issued at most `maxAgeSeconds` ago, with a visitor id and claims of the right types.
 *
 * @example
 * const result = await verifyVisitorToken(token, { secret, widgetKeyId: 'site', maxAgeSeconds: 3600, now: Date.now });
 * if (result.ok) console.log(result.visitor.visitorId);
 */
export async function verifyVisitorToken(
  token: string,
  check: VisitorTokenCheck,
): Promise<VisitorTokenResult> {
  const { errors, jwtVerify } = await loadJose();
  try {
    const { payload } = await jwtVerify(token, secretBytes(check.secret), {
      algorithms: [visitorTokenAlgorithm],
      audience: check.widgetKeyId,
      clockTolerance: clockToleranceSeconds,
      maxTokenAge: check.maxAgeSeconds,
      requiredClaims: ['sub', 'iat', 'exp'],
      currentDate: new Date(check.now()),
    });
    if (!isVisitorId(payload.sub)) return { ok: false, reason: 'claims' };
    const visitor: { -readonly [K in keyof VisitorClaims]: VisitorClaims[K] } = { visitorId: payload.sub };
    for (const name of claimNames) {
      const value = payload[name];
      if (value === undefined) continue;
      if (typeof value !== 'string' || value.length > claimMaxLength) return { ok: false, reason: 'claims' };
      visitor[name] = value;
    }
    return { ok: true, visitor };
  } catch (error) {
    return { ok: false, reason: refusalOf(error, errors) };
  }
}

/** jose, loaded when a token is first signed or checked: a proxy without signed-in visitors never loads it. */
function loadJose() {
  return import('jose');
}

function refusalOf(error: unknown, errors: typeof Jose.errors): VisitorTokenRefusal {
  if (error instanceof errors.JWTExpired) return 'expired';
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'signature';
  if (error instanceof errors.JOSEAlgNotAllowed) return 'algorithm';
  if (error instanceof errors.JWTClaimValidationFailed) return 'claims';
  return 'malformed';
}

function isVisitorId(value: unknown): value is string {
  return typeof value === 'string' && value.length >= 1 && value.length <= 128;
}

/** The shortest secret accepted: 256 bits, as HS256 asks. */
export const visitorSecretMinLength = 32;

/** Throws when a visitor secret is too short to be one. */
export function assertSecret(secret: string, where: string): void {
  if (typeof secret !== 'string' || secret.length < visitorSecretMinLength) {
    throw new Error(`${where}: a visitor secret must be at least ${visitorSecretMinLength} characters`);
  }
}

function secretBytes(secret: string): Uint8Array {
  // Copied into this realm's Uint8Array: where the encoder's comes from another realm (a DOM shim in
  // tests), jose's `instanceof Uint8Array` would refuse it.
  return Uint8Array.from(new TextEncoder().encode(secret));
}
