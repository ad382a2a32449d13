import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { ProxyEnv } from '../../proxy-env';
import { createAddressMatcher, normalizeAddress } from './address-matcher';
import { clientAddress } from './client-address';

function appWith(trustedProxies: string[]) {
  const app = new Hono<ProxyEnv>();
  app.use(clientAddress({ trustedProxies }));
  app.get('/', (c) => c.text(c.get('clientAddress')));
  return app;
}

const fromPeer = (remoteAddress: string) => ({ incoming: { socket: { remoteAddress } } });

describe('clientAddress', () => {
  it('uses the peer address and ignores X-Forwarded-For from an untrusted peer', async () => {
    const app = appWith(['10.0.0.0/8']);
    const response = await app.request(
      '/',
      { headers: { 'x-forwarded-for': '9.9.9.9' } },
      fromPeer('203.0.113.7'),
    );
    expect(await response.text()).toBe('203.0.113.7');
  });

  it('believes X-Forwarded-For from a trusted proxy, up to the first untrusted hop', async () => {
    const app = appWith(['10.0.0.0/8']);
    const headers = { 'x-forwarded-for': '6.6.6.6, 198.51.100.4, 10.0.0.2' };
    const response = await app.request('/', { headers }, fromPeer('10.0.0.1'));
    expect(await response.text()).toBe('198.51.100.4');
  });

  it('stops at a malformed hop and keeps the last good one', async () => {
    const app = appWith(['loopback']);
    const headers = { 'x-forwarded-for': '198.51.100.4, not-an-ip' };
    const response = await app.request('/', { headers }, fromPeer('127.0.0.1'));
    expect(await response.text()).toBe('127.0.0.1');
  });

  it('normalises IPv4-mapped IPv6 peers', async () => {
    const app = appWith([]);
    const response = await app.request('/', {}, fromPeer('::ffff:192.0.2.5'));
    expect(await response.text()).toBe('192.0.2.5');
  });

  it('says unknown when the runtime gives no address', async () => {
    const response = await appWith([]).request('/');
    expect(await response.text()).toBe('unknown');
  });
});

describe('createAddressMatcher', () => {
  it('matches addresses, ranges and aliases for IPv4 and IPv6', () => {
    const matches = createAddressMatcher(['loopback', '192.168.1.0/24', '2001:db8::/32', '203.0.113.9']);
    expect(matches('127.0.0.1')).toBe(true);
    expect(matches('127.255.0.1')).toBe(true);
    expect(matches('::1')).toBe(true);
    expect(matches('::ffff:127.0.0.1')).toBe(true);
    expect(matches('192.168.1.200')).toBe(true);
    expect(matches('192.168.2.1')).toBe(false);
    expect(matches('2001:db8:1::5')).toBe(true);
    expect(matches('2001:db9::5')).toBe(false);
    expect(matches('203.0.113.9')).toBe(true);
    expect(matches('203.0.113.10')).toBe(false);
    expect(matches('garbage')).toBe(false);
  });

  it('throws naming an entry it cannot read', () => {
    expect(() => createAddressMatcher(['10.0.0.0/33'])).toThrow(
      'Not an IP address or CIDR range: 10.0.0.0/33',
    );
    expect(() => createAddressMatcher(['example.com'])).toThrow('example.com');
  });

  it('normalises addresses', () => {
    expect(normalizeAddress('::FFFF:10.0.0.1')).toBe('10.0.0.1');
    expect(normalizeAddress('2001:DB8::1')).toBe('2001:db8:0:0:0:0:0:1');
    expect(normalizeAddress('[::1]')).toBe('0:0:0:0:0:0:0:1');
    expect(normalizeAddress('1.2.3')).toBeUndefined();
  });
});
