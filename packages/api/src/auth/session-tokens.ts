import type { Deps } from '../deps.js';
import { sha256Hex } from '../lib/hash.js';
import { newRefreshToken } from './auth.repo.js';
import { issueAccessToken } from './tokens.js';

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  accessTokenExpiresAt: string;
}

/** A fresh access token and a fresh refresh token; only the refresh token's hash is kept. */
export async function mintTokens(deps: Deps, userId: string, sessionId: string): Promise<TokenPair & { refreshHash: string }> {
  const now = deps.clock.now();
  const refreshToken = newRefreshToken();
  const accessToken = await issueAccessToken(deps.auth, { id: userId, sessionId }, now);
  return {
    accessToken,
    refreshToken,
    refreshHash: sha256Hex(refreshToken),
    accessTokenExpiresAt: new Date(now.getTime() + deps.auth.accessTokenSeconds * 1000).toISOString(),
  };
}
