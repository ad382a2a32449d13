import type { Context, MiddlewareHandler } from 'hono';
import type { ProxyEnv } from '../../proxy-env';
import { createAddressMatcher, normalizeAddress } from './address-matcher';

export interface ClientAddressOptions {
  /** Addresses and CIDR ranges of trusted reverse proxies (and `loopback`, `private`). */
  readonly trustedProxies: readonly string[];
  /** The peer address; the default reads `@hono/node-server`'s socket. */
  readonly remoteAddress?: ((c: Context) => string | undefined) | undefined;
}

/**
 * The socket address `@hono/node-server` exposes as `c.env.incoming`, read without importing it.
 *
 * @example
 * createProxy({ ...options, remoteAddress: (c) => c.req.header('cf-connecting-ip') ?? nodeRemoteAddress(c) });
 */
export function nodeRemoteAddress(c: Context): string | undefined {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress;
}

/**
 * Sets `clientAddress`: the peer address, or, when the peer is a trusted proxy, the nearest address in
 * `X-Forwarded-For` that is not a trusted proxy (walking right to left, as each proxy appends). A client
 * can write anything at the left of that header, so nothing left of the first untrusted hop is believed.
 *
 * @example
 * app.use(clientAddress({ trustedProxies: ['10.0.0.0/8'] }));
 */
export function clientAddress(options: ClientAddressOptions): MiddlewareHandler<ProxyEnv> {
  const isTrusted = createAddressMatcher(options.trustedProxies);
  const remoteAddress = options.remoteAddress ?? nodeRemoteAddress;
  return async (c, next) => {
    const peer = remoteAddress(c);
    let address = (peer && normalizeAddress(peer)) ?? peer ?? 'unknown';
    if (peer !== undefined && isTrusted(peer)) {
      const hops = (c.req.header('x-forwarded-for') ?? '')
        .split(',')
        .map((hop) => hop.trim())
        .filter((hop) => hop !== '');
      for (let index = hops.length - 1; index >= 0; index--) {
        const hop = normalizeAddress(hops[index]!);
        if (hop === undefined) break;
        address = hop;
        if (!isTrusted(hop)) break;
      }
    }
    c.set('clientAddress', address);
    await next();
  };
}
