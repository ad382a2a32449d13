import { VapiChatError } from '../errors/vapi-chat-error';
import { parseJsonObject } from '../protocol/parse-json';
import { proxyVisitorTokenHeader } from '../protocol/proxy-protocol';
import { errorFromResponse } from './error-from-response';
import { fetchOrError } from './stream-turn';
import { joinUrl, resolveFetch, type TransportOptions } from './transport-options';

/** What every request to the proxy needs: where it is, the widget key, and a signed-in visitor's token. */
export interface ProxyRequestOptions extends Pick<TransportOptions, 'fetch' | 'headers'> {
  /** Where the proxy is: `'/api'` on the same origin, or `'https://chat.example.com'`. */
  readonly baseUrl: string;
  /** The site's widget key (public, tied to allowed origins), sent as `x-api-key`. */
  readonly widgetKey?: string | undefined;
  /**
   * A signed-in visitor's token (from the site's backend, `signVisitorToken`), asked for before each
   * request and sent as `X-Visitor-Token`: the conversation is then the visitor's, on any device. Return a
   * fresh one (a cached token until it nears its expiry); `undefined` for an anonymous visitor.
   */
  readonly visitorToken?: (() => string | undefined | Promise<string | undefined>) | undefined;
}

/** The headers of every proxy request: the caller's, the widget key, and the visitor's token if any. */
export async function proxyHeaders(options: ProxyRequestOptions): Promise<Record<string, string>> {
  const token = await options.visitorToken?.();
  return {
    ...options.headers,
    ...(options.widgetKey === undefined ? {} : { 'x-api-key': options.widgetKey }),
    ...(token ? { [proxyVisitorTokenHeader]: token } : {}),
  };
}

/**
 * One JSON request to the proxy (not a turn): its headers (widget key, visitor token), the answer's JSON
 * object, or a typed {@link VapiChatError} thrown (the proxy's error body read as a turn's is). `what`
 * names the answer in a protocol error.
 *
 * @example
 * const body = await requestProxyJson(options, '/v1/conversations', { signal }, 'The conversation list');
 */
export async function requestProxyJson(
  options: ProxyRequestOptions,
  path: string,
  init: {
    readonly method?: 'GET' | 'POST';
    readonly body?: unknown;
    readonly signal?: AbortSignal | undefined;
  },
  what: string,
): Promise<Record<string, unknown>> {
  const headers = await proxyHeaders(options);
  const response = await fetchOrError(resolveFetch(options), joinUrl(options.baseUrl, path), {
    method: init.method ?? 'GET',
    headers: init.body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    signal: init.signal ?? null,
  });
  if (VapiChatError.isInstance(response)) throw response;
  if (!response.ok) throw await errorFromResponse(response);
  const parsed = parseJsonObject(await response.text(), what);
  if (!parsed.ok) throw parsed.error;
  return parsed.value;
}
