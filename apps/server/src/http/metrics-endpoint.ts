import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Metrics } from './metrics.js';
import { bearerToken } from './context.js';
import { sendJson } from './health.js';

export interface MetricsAccess {
  /** METRICS_TOKEN: scrapers send it as a bearer token. */
  token: string | null;
  /** METRICS_PORT: /metrics is served there only, not on the app port. */
  port: number | null;
  /** Without either, /metrics on the app port is open outside production only. */
  production: boolean;
}

const sameSecret = (a: string, b: string) => {
  const [x, y] = [Buffer.from(a), Buffer.from(b)];
  return x.length === y.length && timingSafeEqual(x, y);
};

async function writeMetrics(metrics: Metrics, res: ServerResponse): Promise<void> {
  res.writeHead(200, { 'content-type': metrics.registry.contentType, 'cache-control': 'no-store' });
  res.end(await metrics.registry.metrics());
}

/**
 * GET /metrics on the app port. Process and traffic figures help an attacker time an attack,
 * so they are not public: behind METRICS_TOKEN, or moved to METRICS_PORT (an internal port).
 */
export async function serveMetrics(metrics: Metrics, access: MetricsAccess, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (access.port !== null || (access.production && access.token === null)) {
    return sendJson(res, 404, { error: { code: 'NOT_FOUND', message: 'Metrics are not served here (see METRICS_TOKEN and METRICS_PORT)' } });
  }
  if (access.token !== null) {
    const given = bearerToken(req);
    if (!given || !sameSecret(given, access.token)) {
      res.setHeader('www-authenticate', 'Bearer realm="metrics"');
      return sendJson(res, 401, { error: { code: 'UNAUTHORIZED', message: 'Send Authorization: Bearer <METRICS_TOKEN>' } });
    }
  }
  return writeMetrics(metrics, res);
}

/** METRICS_PORT: a listener of its own with only /metrics (bind it where only Prometheus reaches). */
export async function startMetricsServer(metrics: Metrics, access: MetricsAccess, host: string): Promise<Server | null> {
  if (access.port === null) return null;
  const server = createServer((req, res) => {
    const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (pathname !== '/metrics') return sendJson(res, 404, { error: { code: 'NOT_FOUND', message: 'Only /metrics is served here' } });
    if (access.token !== null && !sameSecret(bearerToken(req) ?? '', access.token)) {
      return sendJson(res, 401, { error: { code: 'UNAUTHORIZED', message: 'Send Authorization: Bearer <METRICS_TOKEN>' } });
    }
    void writeMetrics(metrics, res).catch(() => res.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(access.port!, host, () => resolve());
  });
  return server;
}
