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
    trpcInFlight: new Gauge({ name: 'confab_trpc_in_flight', help: 'Queries and mutations running now (admission control)', registers: [registry] }),
    trpcWaiting: new Gauge({ name: 'confab_trpc_waiting', help: 'Queries and mutations waiting for a slot (admission control)', registers: [registry] }),
    trpcRefused: new Counter({
      name: 'confab_trpc_refused_total',
      help: 'Calls refused with TOO_MANY_REQUESTS by admission control: server_busy, client_busy, waited_too_long',
      labelNames: ['reason'],
      registers: [registry],
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
