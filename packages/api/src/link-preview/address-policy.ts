import { isIP } from 'node:net';

/**
 * Which addresses a link preview may connect to. The server sits inside a network: a preview
 * fetch must never reach its loopback, private ranges, cloud metadata (169.254.169.254) or
 * anything routed oddly. Checked on the resolved address of every hop, right before connecting.
 */
type Range = readonly [prefix: bigint, bits: number, width: 32 | 128];

const v4 = (cidr: string): Range => {
  const [address, bits] = cidr.split('/') as [string, string];
  return [parseIpv4(address)!, Number(bits), 32];
};
const v6 = (cidr: string): Range => {
  const [address, bits] = cidr.split('/') as [string, string];
  return [parseIpv6(address)!, Number(bits), 128];
};

/** Never fetched, whatever the settings: metadata endpoints, multicast, and addresses that embed another. */
const ALWAYS_REFUSED: readonly Range[] = [
  v4('0.0.0.0/8'), // "this network"
  v4('169.254.0.0/16'), // link-local, cloud metadata
  v4('224.0.0.0/4'), // multicast
  v4('240.0.0.0/4'), // reserved, broadcast
  v6('::/96'), // unspecified, IPv4-compatible
  v6('::ffff:0:0/96'), // IPv4-mapped
  v6('64:ff9b::/96'), // NAT64
  v6('64:ff9b:1::/48'), // local-use NAT64
  v6('2001::/32'), // Teredo
  v6('2002::/16'), // 6to4
  v6('fe80::/10'), // link-local
  v6('ff00::/8'), // multicast
];

/** Private, loopback, shared and documentation ranges; a test-only setting lets them through. */
const PRIVATE: readonly Range[] = [
  v4('10.0.0.0/8'),
  v4('100.64.0.0/10'), // CGNAT
  v4('127.0.0.0/8'),
  v4('172.16.0.0/12'),
  v4('192.0.0.0/24'),
  v4('192.0.2.0/24'),
  v4('192.88.99.0/24'),
  v4('192.168.0.0/16'),
  v4('198.18.0.0/15'),
  v4('198.51.100.0/24'),
  v4('203.0.113.0/24'),
  v6('::1/128'),
  v6('100::/64'), // discard-only
  v6('2001:db8::/32'), // documentation
  v6('fc00::/7'), // unique local
  v6('fec0::/10'), // old site-local
];

export type AddressVerdict = { allowed: true } | { allowed: false; reason: string };

export function checkAddress(address: string, options: { allowPrivate: boolean }): AddressVerdict {
  const family = isIP(address.split('%')[0]!);
  const value = family === 4 ? parseIpv4(address) : family === 6 ? parseIpv6(address) : null;
  if (value === null) return { allowed: false, reason: 'not an IP address' };
  const width = family === 4 ? 32 : 128;
  const within = (ranges: readonly Range[]) => ranges.some(([prefix, bits, w]) => w === width && value >> BigInt(w - bits) === prefix >> BigInt(w - bits));
  const loopbackV6 = width === 128 && value === 1n; // ::1 sits inside ::/96 but is plain loopback
  if (!loopbackV6 && within(ALWAYS_REFUSED)) return { allowed: false, reason: 'reserved, link-local or multicast address' };
  if (within(PRIVATE) && !options.allowPrivate) return { allowed: false, reason: 'private or loopback address' };
  return { allowed: true };
}

function parseIpv4(address: string): bigint | null {
  const parts = address.split('.');
  if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255)) return null;
  return parts.reduce((acc, p) => (acc << 8n) | BigInt(Number(p)), 0n);
}

function parseIpv6(input: string): bigint | null {
  let address = input.split('%')[0]!.toLowerCase();
  // A dotted IPv4 tail (::ffff:1.2.3.4) becomes two hextets.
  const tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  if (tail) {
    const four = parseIpv4(tail[1]!);
    if (four === null) return null;
    address = `${address.slice(0, -tail[1]!.length)}${(four >> 16n).toString(16)}:${(four & 0xffffn).toString(16)}`;
  }
  const halves = address.split('::');
  if (halves.length > 2) return null;
  const head = halves[0] ? halves[0].split(':') : [];
  const rest = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const missing = 8 - head.length - rest.length;
  if ((halves.length === 1 && missing !== 0) || (halves.length === 2 && missing < 1)) return null;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...rest];
  if (groups.length !== 8 || groups.some((g) => !/^[0-9a-f]{1,4}$/.test(g))) return null;
  return groups.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g, 16)), 0n);
}
