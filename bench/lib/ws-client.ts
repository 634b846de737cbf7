import type { AppRouter } from '@confab/api';
import { createTRPCClient, createWSClient, wsLink, type TRPCClient } from '@trpc/client';
import WebSocket from 'ws';

export interface WsUserClient {
  trpc: TRPCClient<AppRouter>;
  close(): Promise<void>;
}

export interface WsClientOptions {
  /** Source address (127.0.0.x), so many sockets do not exhaust one address's ephemeral ports. */
  localAddress?: string;
  onClose?: () => void;
  /** Delay before reconnect attempt `attempt` (0 first); default 1 s every time. */
  retryDelayMs?: (attempt: number) => number;
  /** Each WebSocket as it is created (the first and every reconnect). */
  onSocket?: (socket: WebSocket) => void;
}

/** One device: a single WebSocket that carries queries, mutations and the sync subscription. */
export function connectWs(baseUrl: string, token: string, options: WsClientOptions = {}): WsUserClient {
  const { localAddress, onSocket } = options;
  const SocketClass =
    localAddress || onSocket
      ? class extends WebSocket {
          constructor(address: string | URL, protocols?: string | string[]) {
            super(address, protocols, localAddress ? { localAddress } : {});
            onSocket?.(this);
          }
        }
      : WebSocket;
  const wsClient = createWSClient({
    url: `${baseUrl.replace(/^http/, 'ws')}/trpc`,
    WebSocket: SocketClass as unknown as typeof globalThis.WebSocket,
    connectionParams: { token },
    retryDelayMs: options.retryDelayMs ?? (() => 1000),
    onClose: () => options.onClose?.(),
  });
  const trpc = createTRPCClient<AppRouter>({ links: [wsLink({ client: wsClient })] });
  return { trpc, close: () => wsClient.close() };
}

/** tRPC hands a tracked() value over as {id, data}; ephemeral events come bare. */
export function unwrapEvent(value: unknown): { type?: string; [key: string]: unknown } {
  const v = value as { id?: unknown; data?: unknown; type?: unknown };
  if (v && typeof v === 'object' && v.type === undefined && 'data' in v && 'id' in v) return v.data as { type?: string };
  return v as { type?: string };
}
