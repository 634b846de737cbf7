import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AppError, appRouter, type Deps } from '@confab/api';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import type { Logger } from 'pino';
import { admissionPort, createAdmissionGate } from './admission/index.js';
import { createApp, type AppOverrides } from './app.js';
import type { Config } from './config.js';
import { clientAddressResolver, trustedProxyCheck } from './http/client-address.js';
import { capConnectionsPerAddress, ConnectionCounter } from './http/connections-per-address.js';
import { contextFromRequest } from './http/context.js';
import { health, sendJson } from './http/health.js';
import { createListener } from './http/listener.js';
import { handleMedia } from './http/media-routes.js';
import { asMediaRefusal, type MediaAdmission } from './http/media/respond.js';
import { createMetrics } from './http/metrics.js';
import { serveMetrics, startMetricsServer } from './http/metrics-endpoint.js';
import { dropStalledBody } from './http/stalled-body.js';
import { serveWebClient } from './http/static-files.js';
import { startJobs, type Jobs } from './jobs/index.js';
import { attachWebSocket, uncountedSocket } from './ws/websocket.js';

export interface RunningServer {
  url: string;
  port: number;
  deps: Deps;
  http: Server;
  /** METRICS_PORT's listener, when set. */
  metricsUrl: string | null;
  /** Background work (disappearing-message sweeper, presence heartbeat); tests may run it now. */
  jobs: Jobs;
  /** Graceful: stop accepting, tell sockets to reconnect, drain, close the pool. */
  close(): Promise<void>;
}

const MAX_JSON_BODY = 1024 * 1024;

export async function startServer(config: Config, log: Logger, overrides: AppOverrides = {}): Promise<RunningServer> {
  const app = await createApp(config, log, overrides);
  const { deps } = app;
  const metrics = createMetrics();
  const clientIp = clientAddressResolver(config.trustedProxies);
  // Past capacity, refuse the excess with TOO_MANY_REQUESTS instead of queueing it forever.
  const admission = admissionPort(createAdmissionGate(config.admission, metrics));

  const trpc = createHTTPHandler({
    router: appRouter,
    basePath: '/trpc/',
    maxBodySize: MAX_JSON_BODY,
    createContext: async ({ req }) => ({ ...(await contextFromRequest(deps, req, clientIp(req))), admission }),
    onError: ({ error, path }) => {
      metrics.trpcErrors.inc({ code: error.code });
      if (error.code === 'INTERNAL_SERVER_ERROR') log.error({ err: error.cause ?? error, path }, 'procedure failed');
    },
    responseMeta: ({ errors }) => retryAfterHeader(errors),
  });

  // Media requests: their database and decoding work takes a place like any call (per address).
  const admitMedia =
    (req: IncomingMessage, res: ServerResponse): MediaAdmission =>
    async (work) => {
      const gone = new AbortController();
      res.once('close', () => gone.abort());
      const release = await admission.enter(`ip:${clientIp(req)}`, gone.signal).catch((error: unknown) => {
        throw asMediaRefusal(error);
      });
      try {
        return await work();
      } finally {
        release();
      }
    };

  const metricsAccess = { ...config.metrics, production: config.env === 'production' };
  const { headersMs, requestMs, idleMs } = config.httpTimeouts;
  const serverOptions = {
    // A request whose headers or body trickle in is answered 408 and closed (checked at least every second).
    headersTimeout: headersMs,
    requestTimeout: Math.max(requestMs, headersMs),
    connectionsCheckingInterval: Math.min(1000, Math.ceil(headersMs / 4)),
  };
  const http = createListener(config.tls, (req: IncomingMessage, res: ServerResponse) => {
    dropStalledBody(req, idleMs);
    const url = new URL(req.url ?? '/', 'http://localhost');
    const route = routeOf(url.pathname);
    res.once('finish', () => metrics.httpRequests.inc({ route, status: String(res.statusCode) }));
    void (async () => {
      switch (route) {
        case 'trpc':
          return trpc(req, res);
        case 'healthz':
          return health(deps, res);
        case 'metrics':
          return serveMetrics(metrics, metricsAccess, req, res);
        case 'media':
          return handleMedia(deps, req, res, url, admitMedia(req, res));
        default:
          return serveWebClient(config.webDir, req, res, url.pathname, config.publicUrl);
      }
    })().catch((error: unknown) => {
      log.error({ err: error, route }, 'request failed');
      if (!res.headersSent) sendJson(res, 500, { error: { code: 'INTERNAL_SERVER_ERROR', message: 'Something went wrong on our side' } });
      else res.destroy();
    });
  }, serverOptions);
  const connections = new ConnectionCounter(config.maxConnectionsPerAddress);
  const isTrustedProxy = trustedProxyCheck(config.trustedProxies);
  capConnectionsPerAddress(http, connections, isTrustedProxy);

  const ws = attachWebSocket(http, deps, metrics, {
    admission,
    maxPayloadBytes: config.wsMaxPayloadBytes,
    allowedOrigins: config.allowedOrigins,
    pingMs: config.wsPingMs,
    pongWaitMs: config.wsPongWaitMs,
    authTimeoutMs: config.wsAuthTimeoutMs,
    maxSubscriptions: config.wsMaxSubscriptions,
    // Behind our proxies, the clients they carry are counted per WebSocket here.
    capSocketsOf: (req) => (isTrustedProxy(req.socket.remoteAddress ?? '') ? connections.take(clientIp(req)) : uncountedSocket),
    clientIp,
  });

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(config.port, config.host, () => resolve());
  });
  const port = (http.address() as AddressInfo).port;
  const metricsServer = await startMetricsServer(metrics, metricsAccess, config.host);
  const metricsUrl = metricsServer ? `http://127.0.0.1:${(metricsServer.address() as AddressInfo).port}/metrics` : null;
  const scheme = config.tls ? 'https' : 'http';
  log.info({ port, database: deps.dbKind }, `Confab listening on ${scheme}://localhost:${port}`);
  const jobs = startJobs(deps, { disappearingSweepMs: config.disappearingSweepMs, callSweepMs: config.callSweepMs, eventRetentionDays: config.eventRetentionDays });

  let closing: Promise<void> | null = null;
  const close = () =>
    (closing ??= (async () => {
      log.info('shutting down');
      const stopped = new Promise<void>((resolve) => http.close(() => resolve()));
      ws.broadcastReconnect();
      // Give clients a moment to act on the reconnect notice, then close what is left.
      await new Promise((r) => setTimeout(r, Math.min(config.shutdownGraceMs, 500)));
      ws.closeAll(1012, 'server restarting');
      http.closeIdleConnections();
      const timeout = setTimeout(() => http.closeAllConnections(), config.shutdownGraceMs);
      await stopped;
      clearTimeout(timeout);
      ws.close();
      metricsServer?.close();
      await jobs.stop();
      await app.close();
      log.info('stopped');
    })());

  return { url: `${scheme}://127.0.0.1:${port}`, port, deps, http, metricsUrl, jobs, close };
}

/** HTTP clients and proxies also understand a refusal's wait as a Retry-After header. */
function retryAfterHeader(errors: readonly unknown[]): { headers?: Record<string, string> } {
  const seconds = errors.map((e) => (e instanceof AppError ? e.retryAfterSeconds : undefined)).filter((s) => s !== undefined);
  return seconds.length > 0 ? { headers: { 'retry-after': String(Math.max(...seconds)) } } : {};
}

function routeOf(pathname: string): 'trpc' | 'healthz' | 'metrics' | 'media' | 'web' {
  if (pathname === '/trpc' || pathname.startsWith('/trpc/')) return 'trpc';
  if (pathname === '/healthz') return 'healthz';
  if (pathname === '/metrics') return 'metrics';
  if (pathname === '/media' || pathname.startsWith('/media/')) return 'media';
  return 'web';
}
