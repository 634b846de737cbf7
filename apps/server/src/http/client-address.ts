import type { IncomingMessage } from 'node:http';
import { BlockList, isIP } from 'node:net';

/** How the server tells who is asking, for per-IP limits and logs. */
export type ClientAddress = (req: IncomingMessage) => string;

/** "10.0.0.5" or "10.0.0.0/8" (IPv4 or IPv6): what TRUSTED_PROXIES may list. */
export function isAddressOrRange(value: string): boolean {
  const [address, bits, extra] = value.split('/');
  if (extra !== undefined || !address) return false;
  const family = isIP(address);
  if (family === 0) return false;
  if (bits === undefined) return true;
  const n = Number(bits);
  return /^\d+$/.test(bits) && n >= 0 && n <= (family === 4 ? 32 : 128);
}

/**
 * The address of the client. Without trusted proxies it is the socket's peer: X-Forwarded-For
 * is anyone's to write. Behind proxies we run, it is the nearest address in X-Forwarded-For
 * that is not one of ours — read from the right, because each proxy appends what it saw and
 * only the entries our own proxies added can be believed.
 */
export function clientAddressResolver(trustedProxies: readonly string[]): ClientAddress {
  if (trustedProxies.length === 0) return (req) => req.socket.remoteAddress ?? 'unknown';
  const isTrusted = trustedProxyCheck(trustedProxies);
  return (req) => {
    let address = req.socket.remoteAddress ?? 'unknown';
    const header = req.headers['x-forwarded-for'];
    const hops = (Array.isArray(header) ? header.join(',') : (header ?? ''))
      .split(',')
      .map((hop) => hop.trim())
      .filter(Boolean);
    while (isTrusted(address) && hops.length > 0) {
      const next = hops.pop()!;
      if (isIP(next) === 0) break; // garbage from further out: stop at the last proxy we trust
      address = next;
    }
    return address;
  };
}

/** Whether an address is one of TRUSTED_PROXIES (IPv4-mapped IPv6 included). */
export function trustedProxyCheck(trustedProxies: readonly string[]): (address: string) => boolean {
  if (trustedProxies.length === 0) return () => false;
  const trusted = new BlockList();
  for (const entry of trustedProxies) {
    const [address, bits] = entry.split('/') as [string, string | undefined];
    const type = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    if (bits === undefined) trusted.addAddress(address, type);
    else trusted.addSubnet(address, Number(bits), type);
  }
  return (address: string) => {
    const plain = address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
    const family = isIP(plain);
    return family !== 0 && trusted.check(plain, family === 6 ? 'ipv6' : 'ipv4');
  };
}
