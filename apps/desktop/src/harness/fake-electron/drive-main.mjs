// Boots the built main process (out/main/index.js) on the Electron stand-in and reports, as one
// JSON line, what it did: window options, protocol, IPC, hardening, tray, sign-in, quit.
// Usage: node --import ./register.mjs drive-main.mjs <out/main/index.js> <phone>
// Asks for the sign-in code on stdout ("NEED_CODE") and reads it from stdin; then asks the test
// for a chat and calls from another user ("CHAT <userId>", "CALL video|voice", "HANGUP <callId>"),
// reading each answer from stdin. It plays macOS, so call notifications have their buttons.
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

Object.defineProperty(process, 'platform', { value: 'darwin' });
const ask = async (line) => {
  console.log(line);
  return (await lines.next()).value.trim();
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

// Calls from Ben: a ring raises the hidden window with Answer/Decline, Decline refuses it; a call
// he gives up on closes its notification and leaves a missed one; answered here, the tray offers
// to hang up.
const me = facts.verifyCode.value.user.id;
const chatId = await ask(`CHAT ${me}`);
await waitFor(() => contents.sent.some(([, event]) => event.type === 'message.new' && event.message.chatId === chatId), 'the chat to arrive');
const sentOf = (type, callId) => contents.sent.find(([, event]) => event.type === type && event.call?.id === callId)?.[1];
const newNotification = async (before, what) => {
  await waitFor(() => e.notifications.length > before, what);
  return e.notifications[before];
};
win.hide();
let count = e.notifications.length;
const declined = await ask('CALL video');
const ring = await newNotification(count, 'the ringing notification');
facts.ringing = { title: ring.options.title, body: ring.options.body, actions: ring.options.actions, shown: ring.shown, windowRaised: win.visible };
ring.emit('action', { actionIndex: 1 }, 1);
await waitFor(() => sentOf('call.ended', declined), 'the declined call to end');
facts.declined = sentOf('call.ended', declined).call.endReason;

count = e.notifications.length;
const missed = await ask('CALL voice');
const missedRing = await newNotification(count, 'the second ringing notification');
await ask(`HANGUP ${missed}`);
const missedNote = await newNotification(count + 1, 'the missed-call notification');
facts.missed = { ringClosed: missedRing.closed, title: missedNote.options.title, actions: missedNote.options.actions ?? null };

count = e.notifications.length;
const answered = await ask('CALL voice');
const answeredRing = await newNotification(count, 'the third ringing notification');
facts.accepted = (await invoke('confab:calls.accept', trusted, { callId: answered })).ok;
// The page's call controller declares the call it joined; the tray follows that declaration.
await invoke('confab:shell.setCall', trusted, { call: { callId: answered, chatId } });
await waitFor(() => e.trays[0].tooltip.includes('In call') && answeredRing.closed, 'the tray to show the call');
facts.inCallTray = { tooltip: e.trays[0].tooltip, firstItem: e.trays[0].menu[0].label };
e.trays[0].menu[0].click();
await waitFor(() => !e.trays[0].tooltip.includes('In call') && sentOf('call.ended', answered), 'the call to end from the tray');
facts.hangUp = { toPage: contents.sent.some(([, event]) => event.type === 'shell.hangUpCall' && event.callId === answered), endReason: sentOf('call.ended', answered).call.endReason, tooltip: e.trays[0].tooltip };

facts.closeHides = win.fire('close') && !win.visible;
e.appEvents.emit('activate');
facts.activateShows = win.visible;

e.appEvents.emit('before-quit', { preventDefault() {} }); // a first quit request closes the core…
await waitFor(() => e.quitCalls > 0, 'the core to close and the app to quit');
facts.quitCloseLetsWindowGo = !win.fire('close');

console.log(`FACTS ${JSON.stringify(facts)}`);
process.exit(0);
