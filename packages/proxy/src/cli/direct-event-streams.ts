import type { Http2Bindings, HttpBindings } from '@hono/node-server';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import { TurnEventStream } from '../routes/sse-response';

type AppFetch = (request: Request, env: HttpBindings | Http2Bindings) => Response | Promise<Response>;

/**
 * Wraps an app's `fetch` for `@hono/node-server` so a turn's event stream is written straight to Node's
 * response: the response's status and headers (every middleware's included) go out as they are, then each
 * event as text, with no web stream between the turn and the socket. That is the proxy's hot path: per
 * delta it saves a stream read, a `Uint8Array` encoding and `@hono/node-server`'s copy loop. Any other
 * response, and a stream already being read, passes through unchanged.
 *
 * @example
 * serve({ fetch: directEventStreams(app.fetch), port: 8787 });
 */
export function directEventStreams(fetch: AppFetch): AppFetch {
  return async (request, env) => {
    const response = await fetch(request, env);
    if (!response.headers.get('content-type')?.startsWith('text/event-stream')) return response;
    const body = response.body;
    const { outgoing } = env;
    if (!(body instanceof TurnEventStream) || body.locked || !outgoing) return response;
    const headers: Record<string, string | string[]> = {};
    response.headers.forEach((value, name) => {
      headers[name] = value;
    });
    const cookies = response.headers.getSetCookie();
    if (cookies.length > 0) headers['set-cookie'] = cookies;
    outgoing.writeHead(response.status, headers);
    body.writeTo(outgoing);
    return RESPONSE_ALREADY_SENT;
  };
}
