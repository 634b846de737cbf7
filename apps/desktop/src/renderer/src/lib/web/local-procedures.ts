import type { UserView } from '@confab/api';
import type { ConnectionState as CoreConnection } from '../../../../core/types';
import { toClientError } from '../../../../shared/errors';
import type { Handlers, LocalName } from '../../../../shared/procedures';
import type { AuthSession } from './auth-session';
import type { HttpClient } from './clients';
import type { LiveSync } from './live-sync';
import type { MediaCache } from './media-cache';
import type { TokenStore } from './token-store';
import { uploadWithProgress } from './upload';
import { forgetPushDevice } from './push-subscription';

export interface WebDevice {
  baseUrl: string;
  tokens: TokenStore;
  session: AuthSession;
  sync: LiveSync;
  media: MediaCache;
  http(): HttpClient;
  /** Signed out: the stream stops and what this tab holds is dropped. */
  forget(): void;
}

/**
 * The device's procedures as a browser tab does them: the session is the browser's (shared by its tabs),
 * a message is sent at once (there is no outbox to outlive the tab), files are fetched with the
 * token and shown from blob: URLs, and the page itself knows which chat is on screen.
 */
export function webLocalProcedures(device: WebDevice): Handlers<LocalName> {
  const { tokens, session, sync, media, http } = device;
  const authed = <T>(run: () => Promise<T>) => session.call(run);
  const anonymous = async <T>(run: () => Promise<T>) => {
    try {
      return await run();
    } catch (error) {
      throw toClientError(error);
    }
  };

  async function currentUser(): Promise<UserView> {
    const user = await authed(() => http().me.get.query());
    tokens.update({ user });
    return user;
  }

  return {
    'session.restore': async () => {
      if (!tokens.get()) return { user: null };
      try {
        const user = await currentUser();
        void sync.start();
        return { user };
      } catch (error) {
        if (toClientError(error).code === 'UNAUTHORIZED') {
          await session.end(false);
          return { user: null };
        }
        // Offline at start-up: carry on with the stored user; the stream connects when it can.
        void sync.start();
        return { user: tokens.get()!.user };
      }
    },
    'session.requestCode': ({ phone }) => anonymous(() => http().auth.requestCode.mutate({ phone })),
    'session.verifyCode': async ({ phone, code }) => {
      const result = await anonymous(() => http().auth.verifyCode.mutate({ phone, code, deviceName: deviceName() }));
      await session.begin({
        accessToken: result.accessToken,
        refreshToken: result.refreshToken,
        accessTokenExpiresAt: result.accessTokenExpiresAt,
        sessionId: result.sessionId,
        user: result.user,
      });
      void sync.start();
      return { user: result.user, isNewUser: result.isNewUser };
    },
    'session.signOut': async () => {
      try {
        if (tokens.get()) {
          await forgetPushDevice(http());
          await authed(() => http().auth.logout.mutate());
        }
      } catch {
        // Signing out locally must work even when the server cannot be reached.
      } finally {
        device.forget();
        await session.end(false);
      }
      return null;
    },

    'outbox.send': ({ chatId, clientId, text, replyToId, mentions }) =>
      authed(() => http().messages.send.mutate({ chatId, clientId, kind: 'text', text, ...(replyToId ? { replyToId } : {}), ...(mentions?.length ? { mentions } : {}) })),
    // Nothing outlives the tab: a message is sent at once or its failure shown right away.
    'outbox.unsent': async () => [],
    'outbox.discard': async () => null,

    'files.url': ({ mediaId, variant }) => media.url(mediaId, variant ?? 'full'),
    'files.upload': async ({ bytes, contentType, fileName, kind }) => {
      const url = `${device.baseUrl}/media${kind ? `?kind=${kind}` : ''}`;
      const file = new File([bytes as Uint8Array<ArrayBuffer>], fileName ?? 'file', { type: contentType });
      return uploadWithProgress(url, file, await session.freshToken(), () => undefined);
    },

    // The page itself is what decides about browser notifications; there is no one to tell.
    'shell.setOpenChat': async () => null,
    // A tab has no tray to show the call in.
    'shell.setCall': async () => null,
    'shell.connectionState': async () => coreStateOf(sync.state.get()),
  };
}

function coreStateOf(state: ReturnType<LiveSync['state']['get']>): CoreConnection {
  if (state === 'connecting') return 'syncing';
  return state === 'cache' ? 'reading-from-cache' : state;
}

/** "Chrome on Linux": what the sessions list shows for this sign-in. */
function deviceName(): string {
  const ua = navigator.userAgent;
  const browser = /Edg\//.test(ua) ? 'Edge' : /Firefox\//.test(ua) ? 'Firefox' : /Chrome\//.test(ua) ? 'Chrome' : /Safari\//.test(ua) ? 'Safari' : 'Browser';
  const os = /Windows/.test(ua) ? 'Windows' : /Mac OS/.test(ua) ? 'macOS' : /Android/.test(ua) ? 'Android' : /iPhone|iPad/.test(ua) ? 'iOS' : /Linux/.test(ua) ? 'Linux' : '';
  return `Confab Web · ${browser}${os ? ` on ${os}` : ''}`;
}
