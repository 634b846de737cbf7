import { lookup as dnsLookup } from 'node:dns/promises';
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { checkAddress } from './address-policy.js';

export interface FetchLimits {
  /** Test-only: loopback and private ranges may be fetched (link-local, multicast and the like never). */
  allowPrivate: boolean;
  timeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
}

export const PREVIEW_LIMITS: Omit<FetchLimits, 'allowPrivate'> = { timeoutMs: 5_000, maxBytes: 1024 * 1024, maxRedirects: 3 };

/** Ports a preview may use unless private addresses are allowed (tests listen on random ones). */
const WEB_PORTS = new Set([80, 443, 8080, 8443]);

/** Why no preview was made; logged, never shown to the sender beyond "no preview". */
export class PreviewRefused extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'PreviewRefused';
  }
}

export interface FetchedPage {
  /** Where the page was finally found (after redirects): the base for relative URLs. */
  url: string;
  html: string;
}

/**
 * GETs an HTML page for a link preview without letting the link reach inside our network:
 * each hop's host is resolved here, every address it resolves to is checked, and the socket
 * connects to the checked address (so DNS cannot answer differently in between). Redirects
 * are followed by hand, at most `maxRedirects`, each checked the same way. The whole fetch
 * has one deadline, and at most `maxBytes` of the body are read.
 */
export async function fetchPage(link: string, limits: FetchLimits): Promise<FetchedPage> {
  const deadline = AbortSignal.timeout(limits.timeoutMs);
  let url = new URL(link);
  for (let hop = 0; ; hop++) {
    const target = await vet(url, limits, deadline);
    const response = await request(url, target, deadline);
    const status = response.statusCode ?? 0;
    if (status >= 300 && status < 400 && response.headers.location) {
      response.destroy();
      if (hop >= limits.maxRedirects) throw new PreviewRefused('too many redirects');
      url = new URL(response.headers.location, url);
      continue;
    }
    if (status !== 200) {
      response.destroy();
      throw new PreviewRefused(`status ${status}`);
    }
    const type = String(response.headers['content-type'] ?? '').toLowerCase();
    if (!type.includes('text/html') && !type.includes('application/xhtml+xml')) {
      response.destroy();
      throw new PreviewRefused('not an HTML page');
    }
    const body = await readAtMost(response, limits.maxBytes, deadline);
    return { url: url.toString(), html: decode(body, type) };
  }
}

interface VettedTarget {
  address: string;
  family: 4 | 6;
}

async function vet(url: URL, limits: FetchLimits, deadline: AbortSignal): Promise<VettedTarget> {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new PreviewRefused('not an http(s) link');
  if (url.username || url.password) throw new PreviewRefused('link carries credentials');

  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const addresses = isIP(host) ? [{ address: host, family: isIP(host) }] : await beforeDeadline(dnsLookup(host, { all: true, verbatim: true }).catch(() => []), deadline);
  if (addresses.length === 0) throw new PreviewRefused('host does not resolve');
  // All of them, not only the first: a name with one private address is refused outright.
  for (const { address } of addresses) {
    const verdict = checkAddress(address, limits);
    if (!verdict.allowed) throw new PreviewRefused(verdict.reason);
  }
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  if (!limits.allowPrivate && !WEB_PORTS.has(port)) throw new PreviewRefused(`port ${port} is not a web port`);
  const chosen = addresses[0]!;
  return { address: chosen.address, family: chosen.family === 6 ? 6 : 4 };
}

function beforeDeadline<T>(work: Promise<T>, deadline: AbortSignal): Promise<T> {
  if (deadline.aborted) return Promise.reject(new PreviewRefused('timed out'));
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(new PreviewRefused('timed out'));
    deadline.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => deadline.removeEventListener('abort', onAbort));
  });
}

function request(url: URL, target: VettedTarget, signal: AbortSignal): Promise<IncomingMessage> {
  // Whatever name the socket asks for, it gets the address vetted above.
  const pinned: LookupFunction = (_hostname, options, callback) => {
    if (options.all) (callback as (e: null, a: { address: string; family: number }[]) => void)(null, [target]);
    else callback(null, target.address, target.family);
  };
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(url, {
      method: 'GET',
      agent: false,
      lookup: pinned,
      signal,
      headers: {
        'user-agent': 'ConfabLinkPreview/1.0 (+https://confab.invalid/link-previews)',
        accept: 'text/html,application/xhtml+xml;q=0.9',
        'accept-encoding': 'identity',
      },
    });
    req.once('response', resolve);
    req.once('error', (error) => reject(signal.aborted ? new PreviewRefused('timed out') : new PreviewRefused(`fetch failed: ${error.message}`)));
    req.end();
  });
}

/** Up to maxBytes of the body; the rest is never read (the head, where Open Graph lives, comes first). */
function readAtMost(response: IncomingMessage, maxBytes: number, signal: AbortSignal): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = () => {
      signal.removeEventListener('abort', onAbort);
      resolve(Buffer.concat(chunks, Math.min(size, maxBytes)).subarray(0, maxBytes));
    };
    const onAbort = () => {
      response.destroy();
      reject(new PreviewRefused('timed out'));
    };
    signal.addEventListener('abort', onAbort, { once: true });
    response.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
      if (size >= maxBytes) {
        response.destroy();
        finish();
      }
    });
    response.once('end', finish);
    response.once('error', () => finish());
  });
}

function decode(body: Buffer, contentType: string): string {
  const charset = /charset=["']?([\w-]+)/.exec(contentType)?.[1];
  try {
    return new TextDecoder(charset ?? 'utf-8').decode(body);
  } catch {
    return new TextDecoder('utf-8').decode(body);
  }
}
