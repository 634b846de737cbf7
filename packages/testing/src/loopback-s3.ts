import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import S3rver from '@20minutes/s3rver';
import { HeadObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';

export interface LoopbackS3 {
  endpoint: string;
  bucket: string;
  /** The server's environment for MEDIA_STORE=s3 against this store. */
  env: Record<string, string>;
  /** Every key in the bucket (blobs/… and staging/…), sorted. */
  keys(): Promise<string[]>;
  /** An object's size and ETag, or null. */
  head(key: string): Promise<{ size: number; etag: string } | null>;
  /** Every request the store answered: method, path and the names of its query parameters. */
  requests: { method: string; path: string; params: string[] }[];
  close(): Promise<void>;
}

const ACCESS_KEY = 'S3RVER';
const SECRET_KEY = 'S3RVER';

/**
 * An S3-compatible server on a loopback port, over a temporary folder: s3rver speaks the S3
 * REST API (multipart uploads, ranges, copies, response-header overrides, presigned-link
 * expiry). Two gaps of s3rver are closed in front of it: like a real private bucket, unsigned
 * requests are refused; and presigned links are checked here, by SigV4's own rules, because
 * s3rver encodes `'` and `*` in query values differently from S3 (a Content-Disposition with
 * `filename*=UTF-8''…` never matched).
 */
export async function startLoopbackS3(): Promise<LoopbackS3> {
  const directory = await mkdtemp(path.join(tmpdir(), 'confab-s3-'));
  const bucket = 'confab-media';
  const s3rver = new S3rver({ silent: true, directory, configureBuckets: [{ name: bucket }], allowMismatchedSignatures: true });
  await s3rver.configureBuckets();
  const handle = s3rver.callback();
  const refuse = (res: import('node:http').ServerResponse, code: string) => {
    res.writeHead(403, { 'content-type': 'application/xml' });
    res.end(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${code}</Message></Error>`);
  };
  const requests: LoopbackS3['requests'] = [];
  const http = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://s3.invalid');
    requests.push({ method: req.method ?? '', path: decodeURIComponent(url.pathname), params: [...url.searchParams.keys()] });
    if (url.searchParams.has('X-Amz-Signature')) {
      if (!presignedSignatureMatches(req, url)) return refuse(res, 'SignatureDoesNotMatch');
    } else if (!req.headers.authorization) {
      return refuse(res, 'AccessDenied');
    }
    handle(req, res);
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  const client = new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: ACCESS_KEY, secretAccessKey: SECRET_KEY } });
  // s3rver signs bucket-level paths without the trailing slash the SDK sends (`/bucket/`): send it that way.
  client.middlewareStack.add(
    (next) => async (args) => {
      const request = args.request as { path?: string };
      if (request.path) request.path = request.path.replace(/(.)\/$/, '$1');
      return next(args);
    },
    { step: 'build' },
  );
  return {
    endpoint,
    bucket,
    env: {
      MEDIA_STORE: 's3',
      S3_ENDPOINT: endpoint,
      S3_BUCKET: bucket,
      S3_REGION: 'us-east-1',
      S3_FORCE_PATH_STYLE: '1',
      S3_ACCESS_KEY_ID: ACCESS_KEY,
      S3_SECRET_ACCESS_KEY: SECRET_KEY,
    },
    keys: async () => {
      const keys: string[] = [];
      let token: string | undefined;
      do {
        const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: token }));
        keys.push(...(page.Contents ?? []).map((o) => o.Key!));
        token = page.NextContinuationToken;
      } while (token);
      return keys.sort();
    },
    requests,
    head: async (key) => {
      const found = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key })).catch((error: { name?: string }) => {
        if (error.name === 'NotFound') return null;
        throw error;
      });
      return found ? { size: found.ContentLength ?? 0, etag: (found.ETag ?? '').replaceAll('"', '') } : null;
    },
    close: async () => {
      client.destroy();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
      await rm(directory, { recursive: true, force: true });
    },
  };
}

/** RFC 3986 percent-encoding, as SigV4 canonical requests use it. */
const rfc3986 = (text: string) => encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data, 'utf8').digest();

/** Recomputes a presigned GET's SigV4 signature (query authentication) with the store's secret. */
function presignedSignatureMatches(req: IncomingMessage, url: URL): boolean {
  const given = url.searchParams.get('X-Amz-Signature') ?? '';
  const [accessKey, ...scopeParts] = (url.searchParams.get('X-Amz-Credential') ?? '').split('/');
  if (accessKey !== ACCESS_KEY || scopeParts.length !== 4) return false;
  const [date, region, service] = scopeParts as [string, string, string, string];
  const query = [...url.searchParams.entries()]
    .filter(([key]) => key !== 'X-Amz-Signature')
    .map(([key, value]) => [rfc3986(key), rfc3986(value)] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, value]) => `${key}=${value}`)
    .join('&');
  const signedHeaders = (url.searchParams.get('X-Amz-SignedHeaders') ?? '').split(';');
  const headers = signedHeaders.map((name) => `${name}:${String(req.headers[name] ?? '').trim()}\n`).join('');
  const canonical = [req.method, url.pathname, query, headers, signedHeaders.join(';'), 'UNSIGNED-PAYLOAD'].join('\n');
  const toSign = ['AWS4-HMAC-SHA256', url.searchParams.get('X-Amz-Date'), scopeParts.join('/'), createHash('sha256').update(canonical).digest('hex')].join('\n');
  const key = hmac(hmac(hmac(hmac(`AWS4${SECRET_KEY}`, date), region), service), 'aws4_request');
  const expected = Buffer.from(hmac(key, toSign).toString('hex'));
  return expected.length === Buffer.from(given).length && timingSafeEqual(expected, Buffer.from(given));
}
