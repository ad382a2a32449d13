/**
 * Parses IPv4 and IPv6 addresses and matches them against a list of addresses and CIDR ranges. Pure, so
 * it runs on any runtime (no `node:net`).
 */

interface ParsedAddress {
  readonly version: 4 | 6;
  readonly value: bigint;
}

interface Range {
  readonly version: 4 | 6;
  readonly network: bigint;
  readonly prefix: number;
}

function parseIpv4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0n;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return undefined;
    const octet = Number(part);
    if (octet > 255) return undefined;
    value = (value << 8n) | BigInt(octet);
  }
  return value;
}

function parseIpv6(text: string): bigint | undefined {
  let input = text;
  // An embedded IPv4 tail (`::ffff:10.0.0.1`) stands for the last two groups.
  const lastColon = input.lastIndexOf(':');
  if (lastColon >= 0 && input.slice(lastColon + 1).includes('.')) {
    const v4 = parseIpv4(input.slice(lastColon + 1));
    if (v4 === undefined) return undefined;
    input = `${input.slice(0, lastColon + 1)}${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
  }
  const halves = input.split('::');
  if (halves.length > 2) return undefined;
  const groups = (half: string | undefined) => (half ? half.split(':') : []);
  const head = groups(halves[0]);
  const rest = groups(halves[1]);
  const missing = 8 - head.length - rest.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const all = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...rest];
  let value = 0n;
  for (const group of all) {
    if (!/^[0-9a-f]{1,4}$/i.test(group)) return undefined;
    value = (value << 16n) | BigInt(parseInt(group, 16));
  }
  return value;
}

/** An address as a number; an IPv4-mapped IPv6 address (`::ffff:1.2.3.4`) becomes its IPv4 form. */
export function parseAddress(text: string): ParsedAddress | undefined {
  const trimmed = text
    .trim()
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/%.*$/, '');
  const v4 = parseIpv4(trimmed);
  if (v4 !== undefined) return { version: 4, value: v4 };
  const v6 = parseIpv6(trimmed);
  if (v6 === undefined) return undefined;
  if (v6 >> 32n === 0xffffn) return { version: 4, value: v6 & 0xffffffffn };
  return { version: 6, value: v6 };
}

const aliases: Readonly<Record<string, readonly string[]>> = {
  loopback: ['127.0.0.0/8', '::1/128'],
  private: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7'],
};

function parseRange(text: string): Range | undefined {
  const [addressText, prefixText] = text.split('/');
  const address = parseAddress(addressText ?? '');
  if (!address) return undefined;
  const bits = address.version === 4 ? 32 : 128;
  const prefix = prefixText === undefined ? bits : Number(prefixText);
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > bits) return undefined;
  const mask = prefix === 0 ? 0n : ((1n << BigInt(prefix)) - 1n) << BigInt(bits - prefix);
  return { version: address.version, network: address.value & mask, prefix };
}

/**
 * Compiles a list of addresses, CIDR ranges and the aliases `loopback` and `private` into a matcher.
 * Throws naming the first entry it cannot read.
 *
 * @example
 * const trusted = createAddressMatcher(['loopback', '10.0.0.0/8']);
 * trusted('10.1.2.3'); // true
 */
export function createAddressMatcher(entries: readonly string[]): (address: string) => boolean {
  const ranges = entries.flatMap((entry) => {
    const expanded = aliases[entry.trim().toLowerCase()] ?? [entry.trim()];
    return expanded.map((text) => {
      const range = parseRange(text);
      if (!range) throw new Error(`Not an IP address or CIDR range: ${entry}`);
      return range;
    });
  });
  return (text) => {
    const address = parseAddress(text);
    if (!address) return false;
    return ranges.some((range) => {
      if (range.version !== address.version) return false;
      const bits = address.version === 4 ? 32 : 128;
      const mask =
        range.prefix === 0 ? 0n : ((1n << BigInt(range.prefix)) - 1n) << BigInt(bits - range.prefix);
      return (address.value & mask) === range.network;
    });
  };
}

/** The canonical text of an address (IPv4-mapped IPv6 as IPv4), or `undefined` if it is none. */
export function normalizeAddress(text: string): string | undefined {
  const address = parseAddress(text);
  if (!address) return undefined;
  if (address.version === 4) {
    const value = address.value;
    return [24n, 16n, 8n, 0n].map((shift) => String((value >> shift) & 0xffn)).join('.');
  }
  const groups: string[] = [];
  for (let shift = 112n; shift >= 0n; shift -= 16n)
    groups.push(((address.value >> shift) & 0xffffn).toString(16));
  return groups.join(':');
}
