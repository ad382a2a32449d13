import { proxyVisitorTokenHeader } from '@vapi-chat-kit/core/protocol';
import type { MiddlewareHandler } from 'hono';
import { errorResponse, errorText } from '../http/error-body';
import type { ProxyLogger } from '../logging/logger';
import type { ProxyEnv } from '../proxy-env';
import { verifyVisitorToken } from './visitor-token';

/** The longest visitor token read; a longer header is refused unread. */
const tokenMaxLength = 4096;
/** The default longest lifetime of a token. */
const defaultMaxAgeSeconds = 3600;

/**
 * Verifies the `X-Visitor-Token` of a request (after `widgetAuth`) with its widget key's visitor secret and
 * sets `visitor`. A request without one is anonymous (unless the key requires visitors). A token that
 * fails, or one sent with a key that takes none, is a 401 with `code: "visitor_token_invalid"`: it never
 * falls back to anonymous, which would show a signed-in visitor someone else's (empty) conversations.
 * The log says why (`expired`, `signature`, `algorithm`, `claims`, `malformed`), never the token or a claim.
 *
 * @example
 * app.use('/v1/*', visitorAuth(logger, Date.now));
 */
export function visitorAuth(logger: ProxyLogger, now: () => number): MiddlewareHandler<ProxyEnv> {
  return async (c, next) => {
    const widgetKey = c.get('widgetKey');
    const keyId = widgetKey.id ?? widgetKey.key;
    const token = c.req.header(proxyVisitorTokenHeader);
    const refuse = (reason: string, code: string) => {
      logger({ level: 'warn', event: 'visitor-refused', key: keyId, reason });
      return errorResponse(c, 401, errorText.unauthorized, { code });
    };
    if (token === undefined || token === '') {
      if (widgetKey.visitors?.required === true) return refuse('missing', 'visitor_required');
      c.set('visitor', undefined);
      return next();
    }
    if (widgetKey.visitors === undefined) return refuse('not-enabled', 'visitor_token_invalid');
    if (token.length > tokenMaxLength) return refuse('malformed', 'visitor_token_invalid');
    const result = await verifyVisitorToken(token, {
      secret: widgetKey.visitors.secret,
      widgetKeyId: keyId,
      maxAgeSeconds: widgetKey.visitors.maxAgeSeconds ?? defaultMaxAgeSeconds,
      now,
    });
    if (!result.ok) return refuse(result.reason, 'visitor_token_invalid');
    c.set('visitor', result.visitor);
    return next();
  };
}
