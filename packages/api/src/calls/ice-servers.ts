import type { AuthedContext } from '../trpc.js';
import { turnCredentials } from './turn-credentials.js';

/** ICE servers as the deployment configures them (ICE_SERVERS, TURN_SECRET). */
export interface CallSettings {
  /** stun:, stuns:, turn: and turns: URLs. */
  iceUrls: string[];
  /** coturn's static-auth-secret; required when any URL is a TURN one. */
  turnSecret: string | null;
  turnTtlSeconds: number;
}

export interface IceServer {
  urls: string[];
  username?: string;
  credential?: string;
}

const isTurn = (url: string) => /^turns?:/i.test(url);

/**
 * What a device passes to `new RTCPeerConnection({ iceServers })`: the STUN servers, and the
 * TURN servers with credentials made for this user now, valid for `ttlSeconds`.
 */
export async function iceServers(ctx: AuthedContext): Promise<{ iceServers: IceServer[]; expiresAt: string | null }> {
  const settings = ctx.deps.calls;
  const urls = settings?.iceUrls ?? [];
  const stun = urls.filter((u) => !isTurn(u));
  const turn = urls.filter(isTurn);
  const servers: IceServer[] = stun.length > 0 ? [{ urls: stun }] : [];
  if (turn.length === 0 || !settings?.turnSecret) return { iceServers: servers, expiresAt: null };
  const { username, credential, expiresAt } = turnCredentials(settings.turnSecret, ctx.user.id, ctx.deps.clock.now(), settings.turnTtlSeconds);
  return { iceServers: [...servers, { urls: turn, username, credential }], expiresAt: expiresAt.toISOString() };
}
