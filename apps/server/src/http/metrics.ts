import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';

/** Prometheus metrics for one server process. */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    httpRequests: new Counter({ name: 'confab_http_requests_total', help: 'HTTP requests by route and status', labelNames: ['route', 'status'], registers: [registry] }),
    wsConnections: new Gauge({ name: 'confab_ws_connections', help: 'Open WebSocket connections', registers: [registry] }),
    trpcErrors: new Counter({ name: 'confab_trpc_errors_total', help: 'tRPC errors by code', labelNames: ['code'], registers: [registry] }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
