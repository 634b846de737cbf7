// Boots the built main process (out/main/index.js) on the Electron stand-in and reports, as one
// JSON line, what it did: window options, protocol, IPC, hardening, tray, sign-in, quit.
// Usage: node --import ./register.mjs drive-main.mjs <out/main/index.js> <phone>
// Asks for the sign-in code on stdout ("NEED_CODE") and reads it from stdin.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';

const [mainFile, phone] = process.argv.slice(2);
const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();

const waitFor = async (check, what) => {
  const deadline = Date.now() + 20_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

await import(pathToFileURL(mainFile).href);
const e = globalThis.__electron;
e.makeReady();
await waitFor(() => e.windows[0]?.loadedUrl && e.trays[0]?.tooltip, 'the window and the tray');

const win = e.windows[0];
const contents = win.webContents;
const trusted = { senderFrame: { url: 'app://confab/index.html', parent: null } };
const invoke = (channel, event, payload) => e.ipc.get(channel)(event, payload);
const facts = { name: e.name, loadedUrl: win.loadedUrl, webPreferences: win.options.webPreferences, privileged: e.privileged, channels: [...e.ipc.keys()] };
facts.preloadExists = existsSync(win.options.webPreferences.preload);
facts.trayIconExists = existsSync(e.trays[0].image.path);
facts.tray = { tooltip: e.trays[0].tooltip, title: e.trays[0].title, menu: e.trays[0].menu.map((item) => item.label ?? item.type) };

const page = await e.protocols.get('app')(new Request('app://confab/index.html'));
facts.page = { status: page.status, csp: page.headers.get('content-security-policy'), hasRoot: (await page.text()).includes('<div id="root">') };

facts.willNavigateCancelled = (() => {
  let prevented = false;
  contents.emit('will-navigate', { preventDefault: () => (prevented = true) }, 'https://example.com/article');
  return prevented;
})();
facts.windowOpen = contents.windowOpenHandler({ url: 'https://example.com/link' });
facts.windowOpenFile = contents.windowOpenHandler({ url: 'file:///etc/passwd' });
facts.openedExternally = [...e.openedExternally];
facts.permissions = Object.fromEntries(
  ['notifications', 'geolocation', 'media'].map((permission) => {
    let granted = null;
    e.permissionRequest(contents, permission, (g) => (granted = g), { requestingUrl: 'app://confab/index.html', mediaTypes: ['audio'] });
    return [permission, granted];
  }),
);

facts.restore = await invoke('confab:session.restore', trusted, {});
facts.fromIframe = await invoke('confab:session.restore', { senderFrame: { url: 'app://confab/index.html', parent: {} } }, {});
facts.badPayload = await invoke('confab:session.requestCode', trusted, { phone: 5 });
facts.requestCode = await invoke('confab:session.requestCode', trusted, { phone });
console.log('NEED_CODE');
const code = (await lines.next()).value.trim();
facts.verifyCode = await invoke('confab:session.verifyCode', trusted, { phone, code });
await waitFor(() => contents.sent.some(([, event]) => event.type === 'shell.connection' && event.state === 'online'), 'the core to be online');
facts.eventChannels = [...new Set(contents.sent.map(([channel]) => channel))];
const secrets = path.join(process.env.FAKE_ELECTRON_USER_DATA, 'secrets.json');
facts.secretsFile = existsSync(secrets) ? readFileSync(secrets, 'utf8') : null;
facts.listChats = await invoke('confab:chats.list', trusted, {});

facts.closeHides = win.fire('close') && !win.visible;
e.appEvents.emit('activate');
facts.activateShows = win.visible;

e.appEvents.emit('before-quit', { preventDefault() {} }); // a first quit request closes the core…
await waitFor(() => e.quitCalls > 0, 'the core to close and the app to quit');
facts.quitCloseLetsWindowGo = !win.fire('close');

console.log(`FACTS ${JSON.stringify(facts)}`);
process.exit(0);
