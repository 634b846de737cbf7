import { describe, expect, it } from 'vitest';
import { chooseDisplaySource, handleScreenShare, type DisplayRequest, type DisplaySource } from './screen-share.js';
import { APP_ENTRY_URL, APP_ORIGIN } from './security.js';

const origins = [APP_ORIGIN];
const screens: DisplaySource[] = [
  { id: 'window:42:0', name: 'Terminal' },
  { id: 'screen:1:0', name: 'Screen 2', display_id: '2' },
  { id: 'screen:0:0', name: 'Entire screen', display_id: '1' },
];
const fromApp: DisplayRequest = { videoRequested: true, securityOrigin: APP_ORIGIN, frame: { url: APP_ENTRY_URL, parent: null } };

/** The session's handler as Electron would call it, answering one request. */
async function ask(request: DisplayRequest, listScreens: () => Promise<DisplaySource[]> = async () => screens) {
  let handler: ((request: unknown, callback: (streams: unknown) => void) => void) | null = null;
  let options: unknown;
  const logged: string[] = [];
  handleScreenShare(
    {
      setDisplayMediaRequestHandler: ((h: typeof handler, opts: unknown) => {
        handler = h;
        options = opts;
      }) as never,
    },
    origins,
    { listScreens, primaryDisplayId: () => '1', log: (message) => void logged.push(message) },
  );
  const streams = await new Promise((resolve) => handler!(request, resolve));
  return { streams, options, logged };
}

describe('screen sharing on the desktop (the display-media handler)', () => {
  it('gives the app’s page the primary screen, and lets macOS show its own picker where it has one', async () => {
    const { streams, options } = await ask(fromApp);
    expect(streams).toEqual({ video: { id: 'screen:0:0', name: 'Entire screen' } });
    expect(options).toEqual({ useSystemPicker: true });
  });

  it('takes the first screen when the primary display is not known, never a window', () => {
    expect(chooseDisplaySource(fromApp, screens, origins)?.id).toBe('screen:1:0');
    expect(chooseDisplaySource(fromApp, [{ id: 'window:1:0', name: 'Only a window' }], origins)).toBeNull();
  });

  it('refuses an iframe, another origin, a frame that is gone, and audio-only requests', async () => {
    for (const request of [
      { ...fromApp, frame: { url: APP_ENTRY_URL, parent: {} } },
      { ...fromApp, frame: { url: 'https://evil.example/', parent: null }, securityOrigin: 'https://evil.example' },
      { ...fromApp, frame: null },
      { ...fromApp, videoRequested: false },
    ]) {
      expect((await ask(request)).streams).toEqual({});
    }
  });

  it('refuses (and logs) when the screens cannot be listed, so the page’s request fails instead of hanging', async () => {
    const { streams, logged } = await ask(fromApp, () => Promise.reject(new Error('no screen access')));
    expect(streams).toEqual({});
    expect(logged).toEqual(['screen sources could not be listed']);
  });
});
