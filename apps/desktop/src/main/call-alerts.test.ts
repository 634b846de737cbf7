import type { MenuItemConstructorOptions } from 'electron';
import { signIn, type SignedInUser } from '@confab/testing/sign-in';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CallNotification } from '../core/index.js';
import { disposeAll, onlineCore, RestartableServer, waitUntil } from '../core/testing/harness.js';
import { channelOf } from '../shared/bridge.js';
import type { PageEvent } from '../shared/page-events.js';
import { ANSWER, CallNotificationPresenter, DECLINE, hangUpCallHere, RING_NOTIFICATION_MAX_MS, ringingOptions, type CallAlertPorts, type CallNotificationHandle, type CallNotificationOptions } from './call-alerts.js';
import { FocusState } from './focus.js';
import { createPageDispatcher } from './ipc.js';
import { APP_ORIGIN } from './security.js';
import { TrayController } from './tray.js';

/** Electron's Notification as the presenter sees it: what it was made with, shown, closed, and its listeners. */
class FakeNotification implements CallNotificationHandle {
  shown = false;
  closed = false;
  private readonly listeners = new Map<string, (...args: never[]) => void>();
  constructor(readonly options: CallNotificationOptions) {}
  on(event: string, listener: (...args: never[]) => void) {
    this.listeners.set(event, listener);
  }
  show() {
    this.shown = true;
  }
  close() {
    this.closed = true;
    this.fire('close');
  }
  fire(event: 'click' | 'close') {
    (this.listeners.get(event) as (() => void) | undefined)?.();
  }
  /** A button, as Electron reports it on macOS and Windows. */
  press(actionIndex: number) {
    (this.listeners.get('action') as ((details: { actionIndex: number }, index: number) => void) | undefined)?.({ actionIndex }, actionIndex);
  }
}

/** The presenter over fakes, recording what it asked of the window and the server. */
function presenterFor(platform: NodeJS.Platform, overrides: Partial<CallAlertPorts> = {}) {
  const made: FakeNotification[] = [];
  const done: string[] = [];
  const presenter = new CallNotificationPresenter({
    create: (options) => {
      const n = new FakeNotification(options);
      made.push(n);
      return n;
    },
    supported: () => true,
    platform,
    showWindow: () => void done.push('showWindow'),
    answer: (callId) => void done.push(`answer ${callId}`),
    decline: async (callId) => void done.push(`decline ${callId}`),
    openChat: (chatId) => void done.push(`openChat ${chatId}`),
    ...overrides,
  });
  return { presenter, made, done };
}

const ringing: CallNotification = { callId: 'call-1', chatId: 'chat-1', video: true, title: 'Ana is calling (video)', body: 'Incoming video call', silent: false };

describe('call notifications (presenter)', () => {
  it('a ringing call raises the window and shows Answer and Decline on macOS and Windows; on Linux a click opens the window', () => {
    for (const platform of ['darwin', 'win32'] as const) {
      expect(ringingOptions(ringing, platform)).toEqual({
        title: 'Ana is calling (video)',
        body: 'Incoming video call',
        silent: false,
        timeoutType: 'never',
        urgency: 'critical',
        actions: [
          { type: 'button', text: 'Answer' },
          { type: 'button', text: 'Decline' },
        ],
      });
    }
    const { presenter, made, done } = presenterFor('linux');
    presenter.onAlert({ kind: 'ringing', notification: ringing });
    expect(made[0]!.options.actions).toBeUndefined();
    expect(made[0]!.shown).toBe(true);
    expect(done).toEqual(['showWindow']);
    made[0]!.fire('click');
    expect(done).toEqual(['showWindow', 'showWindow']);
  });

  it('Answer hands the call to the window; Decline refuses it; stopping closes the notification', () => {
    const { presenter, made, done } = presenterFor('darwin');
    presenter.onAlert({ kind: 'ringing', notification: ringing });
    made[0]!.press(ANSWER);
    expect(done).toEqual(['showWindow', 'showWindow', 'answer call-1']);

    presenter.onAlert({ kind: 'ringing', notification: { ...ringing, callId: 'call-2' } });
    made[1]!.press(DECLINE);
    expect(done.at(-1)).toBe('decline call-2');

    presenter.onAlert({ kind: 'ringing', notification: { ...ringing, callId: 'call-3' } });
    presenter.onAlert({ kind: 'stopped', callId: 'call-3' });
    expect(made[2]!.closed).toBe(true);
    // Stopping a call whose notification is gone (answered from it) is harmless.
    presenter.onAlert({ kind: 'stopped', callId: 'call-1' });
    expect(made[0]!.closed).toBe(false);
  });

  it('a ringing notification whose end never arrived (the connection was down) closes after a minute', () => {
    const timers: { run: () => void; ms: number; cancelled: boolean }[] = [];
    const schedule = (run: () => void, ms: number) => {
      const timer = { run, ms, cancelled: false };
      timers.push(timer);
      return () => void (timer.cancelled = true);
    };
    const { presenter, made } = presenterFor('linux', { schedule });
    presenter.onAlert({ kind: 'ringing', notification: ringing });
    presenter.onAlert({ kind: 'ringing', notification: { ...ringing, callId: 'call-2' } });
    expect(timers.map((t) => t.ms)).toEqual([RING_NOTIFICATION_MAX_MS, RING_NOTIFICATION_MAX_MS]);
    presenter.onAlert({ kind: 'stopped', callId: 'call-2' });
    expect(timers[1]!.cancelled).toBe(true);
    timers[0]!.run();
    expect(made[0]!.closed).toBe(true);
  });

  it('a missed call opens its chat on click; without OS notifications a ring still raises the window', () => {
    const { presenter, made, done } = presenterFor('win32');
    presenter.onAlert({ kind: 'missed', notification: { ...ringing, title: 'Missed video call from Ana', body: '' } });
    expect(made[0]!.options).toEqual({ title: 'Missed video call from Ana', body: '', silent: false });
    made[0]!.fire('click');
    expect(done).toEqual(['showWindow', 'openChat chat-1']);

    const quiet = presenterFor('linux', { supported: () => false });
    quiet.presenter.onAlert({ kind: 'ringing', notification: ringing });
    quiet.presenter.onAlert({ kind: 'missed', notification: ringing });
    expect(quiet.made).toEqual([]);
    expect(quiet.done).toEqual(['showWindow']);
  });
});

/**
 * Main's call alerts over the real core and a real server, Electron replaced by fakes: Ben
 * calls Ana's desktop app, and what she would see is asserted.
 */
describe('call alerts on the desktop, end to end without Electron', () => {
  const host = new RestartableServer();
  // The sweeper runs only when a test asks it to, after moving the clock.
  host.env = { CALL_SWEEP_MS: '3600000' };
  let ana: Awaited<ReturnType<typeof onlineCore>>, anaPhone: SignedInUser, ben: SignedInUser, chatId: string;
  let made: FakeNotification[], done: string[];
  const tray = { tooltip: '', menu: [] as MenuItemConstructorOptions[] };
  const toPage: PageEvent[] = [];
  let dispatch: ReturnType<typeof createPageDispatcher>;

  const titles = () => made.map((n) => n.options.title);
  const fromPage = { senderFrame: { url: `${APP_ORIGIN}/index.html`, parent: null } };
  /** Ana's window sees Ben's call ring (the page's call screens hear the same events). */
  const ringsForAna = (callId: string) => waitUntil(() => ana.events.some((e) => e.type === 'call.updated' && e.call.id === callId), 'the call rings on the desktop');
  const lastNotification = () => made.at(-1)!;

  beforeAll(async () => {
    await host.start();
    ana = await onlineCore(host);
    ben = await signIn(host.server);
    anaPhone = await signIn(host.server, ana.phone, 'Ana’s phone');
    await ben.trpc.me.update.mutate({ name: 'Ben' });
    chatId = (await ben.trpc.chats.openDirect.mutate({ userId: ana.user.id })).id;
    await ben.trpc.messages.send.mutate({ chatId, clientId: 'hello', text: 'Can I call you?' });
    await waitUntil(() => ana.core.chats.get(chatId) !== null, 'the chat reaches the desktop');
    await ana.core.notifications.setFocus({ openChatId: null, windowFocused: false });

    const fakes = presenterFor('darwin', { decline: (callId) => ana.core.api.calls.decline.mutate({ callId }) });
    ({ made, done } = fakes);
    const trayController = new TrayController<MenuItemConstructorOptions[]>(
      {
        tray: { setToolTip: (t) => void (tray.tooltip = t), setTitle: () => undefined, setContextMenu: (menu) => void (tray.menu = menu ?? []), on: () => undefined },
        buildMenu: (template) => template,
        setBadgeCount: () => undefined,
      },
      { open: () => undefined, hangUp: () => void hangUpCallHere({ core: ana.core, send: (event) => void toPage.push(event) }), muteForAnHour: () => undefined, unmute: () => undefined, quit: () => undefined },
    );
    // As main/index.ts wires them.
    ana.core.subscribe((event) => {
      if (event.type === 'call.alert') fakes.presenter.onAlert(event.alert);
      if (event.type === 'call.here') trayController.update({ call: event.call });
    });
    dispatch = createPageDispatcher({ core: ana.core, focus: new FocusState(ana.core.notifications), mediaUrl: (id) => `app://confab/media/${id}`, appOrigins: [APP_ORIGIN] });
  });

  afterEach(() => {
    // Each test's calls start a little later than the last one's.
    host.clock.advance(1000);
    made.length = 0;
    done.length = 0;
  });
  afterAll(() => disposeAll(host, ana, anaPhone, ben));

  it('a video call rings: the window comes up with "Ben is calling (video)"; answered on her phone, it closes and nothing is missed', async () => {
    const { callId } = await ben.trpc.calls.start.mutate({ chatId, video: true });
    await waitUntil(() => made.length === 1, 'the ringing notification');
    expect(lastNotification().options).toMatchObject({ title: 'Ben is calling (video)', body: 'Incoming video call', actions: [{ text: 'Answer' }, { text: 'Decline' }] });
    expect(done).toContain('showWindow');

    await anaPhone.trpc.calls.accept.mutate({ callId });
    await waitUntil(() => lastNotification().closed, 'the notification closes once answered elsewhere');
    await ben.trpc.calls.end.mutate({ callId });
    await waitUntil(() => ana.events.some((e) => e.type === 'call.ended' && e.call.id === callId), 'the call ends');
    expect(titles()).toEqual(['Ben is calling (video)']);
    // Answered on another device: the tray does not offer to hang up here.
    expect(tray.tooltip).not.toContain('In call');
  });

  it('Decline on the notification declines on the server, for Ben too, and closes it', async () => {
    const { callId } = await ben.trpc.calls.start.mutate({ chatId, video: false });
    await waitUntil(() => made.length === 1, 'the ringing notification');
    expect(lastNotification().options.title).toBe('Ben is calling (voice)');
    lastNotification().press(DECLINE);
    const outcome = async () => (await ben.trpc.calls.history.query()).calls.find((c) => c.id === callId)?.outcome;
    await waitUntil(async () => (await outcome()) === 'declined', 'Ben hears the call was declined');
    await waitUntil(() => ana.events.some((e) => e.type === 'call.ended' && e.call.id === callId), 'the call ends');
    expect(titles()).toEqual(['Ben is calling (voice)']);
  });

  it('a call Ben gives up on, or that rings out, closes and shows "Missed voice call from Ben"; a click opens the chat', async () => {
    const first = await ben.trpc.calls.start.mutate({ chatId, video: false });
    await waitUntil(() => made.length === 1, 'the ringing notification');
    await ben.trpc.calls.end.mutate({ callId: first.callId });
    await waitUntil(() => made.length === 2, 'the missed-call notification');
    expect(made[0]!.closed).toBe(true);
    expect(made[1]!.options).toEqual({ title: 'Missed voice call from Ben', body: '', silent: false });
    made[1]!.fire('click');
    expect(done.slice(-2)).toEqual(['showWindow', `openChat ${chatId}`]);

    const second = await ben.trpc.calls.start.mutate({ chatId, video: true });
    await waitUntil(() => made.length === 3, 'the ringing notification');
    host.clock.advance(46_000);
    await host.server.jobs.sweepCalls();
    await waitUntil(() => made.length === 4, 'the missed-call notification');
    expect(made[2]!.closed).toBe(true);
    expect(made[3]!.options.title).toBe('Missed video call from Ben');
    expect((await ben.trpc.calls.history.query()).calls.find((c) => c.id === second.callId)).toMatchObject({ outcome: 'no_answer' });
  });

  it('in a muted chat a call still rings, but a missed one shows nothing', async () => {
    await anaPhone.trpc.chats.mute.mutate({ chatId, until: new Date(Date.now() + 3_600_000).toISOString() });
    await waitUntil(() => ana.core.chats.get(chatId)?.muted === true, 'the mute reaches the desktop');
    const { callId } = await ben.trpc.calls.start.mutate({ chatId, video: false });
    await waitUntil(() => made.length === 1, 'the ringing notification');
    await ben.trpc.calls.end.mutate({ callId });
    await waitUntil(() => made[0]!.closed, 'the ringing notification closes');
    await waitUntil(() => ana.events.some((e) => e.type === 'call.ended' && e.call.id === callId), 'the call ends');
    expect(titles()).toEqual(['Ben is calling (voice)']);
    await anaPhone.trpc.chats.mute.mutate({ chatId, until: null });
    await waitUntil(() => ana.core.chats.get(chatId)?.muted === false, 'the unmute reaches the desktop');
  });

  it('answered in this window, the tray says "In call with Ben — Hang up" once the page declares the call, until it ends', async () => {
    const { callId } = await ben.trpc.calls.start.mutate({ chatId, video: false });
    await ringsForAna(callId);
    // The page's incoming-call screen answers through main, with this device's session…
    const answered = await dispatch(channelOf('calls.accept'), fromPage, { callId });
    expect(answered).toMatchObject({ ok: true, value: { state: 'active' } });
    await waitUntil(() => made[0]?.closed === true, 'the ringing notification closes');
    // …which main does not read: the page's call controller says it is in the call.
    expect(tray.tooltip).not.toContain('In call');
    expect(await dispatch(channelOf('shell.setCall'), fromPage, { call: { callId, chatId } })).toEqual({ ok: true, value: null });
    expect(tray.tooltip).toBe('Confab — In call with Ben · no unread messages');
    expect(tray.menu[0]).toMatchObject({ label: 'In call with Ben — Hang up' });
    host.clock.advance(5_000);
    (tray.menu[0]!.click as () => void)();
    // The page is told to close its camera and connections; the call ends for Ben too.
    expect(toPage).toEqual([{ type: 'shell.hangUpCall', callId }]);
    await waitUntil(async () => (await ben.trpc.calls.history.query()).calls.find((c) => c.id === callId)?.outcome === 'completed', 'the call ends for Ben');
    await waitUntil(() => !tray.tooltip.includes('In call'), 'the tray forgets the call');
    expect(tray.menu.map((item) => item.label ?? item.type)[0]).toBe('Open Confab');
    expect(titles()).toEqual(['Ben is calling (voice)']);
    // The page's own "left" arriving after the end changes nothing; a late "in call" for a call that ended is not believed.
    await waitUntil(() => ana.events.some((e) => e.type === 'call.ended' && e.call.id === callId), 'the end reaches the desktop');
    await dispatch(channelOf('shell.setCall'), fromPage, { call: null });
    await dispatch(channelOf('shell.setCall'), fromPage, { call: { callId, chatId } });
    expect(tray.tooltip).not.toContain('In call');
  });

  it('the page declares a call it started and then that it left: the tray follows the declarations, not the calls going through main', async () => {
    const started = await dispatch(channelOf('calls.start'), fromPage, { chatId, video: true });
    expect(started).toMatchObject({ ok: true, value: { call: { state: 'ringing' } } });
    const callId = (started as { value: { callId: string } }).value.callId;
    expect(tray.tooltip).not.toContain('In call');
    await dispatch(channelOf('shell.setCall'), fromPage, { call: { callId, chatId } });
    expect(tray.menu[0]).toMatchObject({ label: 'In call with Ben — Hang up' });
    // Left in the page (its hang-up): the tray forgets the call at once, before the server's end arrives.
    await dispatch(channelOf('shell.setCall'), fromPage, { call: null });
    expect(tray.tooltip).not.toContain('In call');
    await dispatch(channelOf('calls.end'), fromPage, { callId });
    await waitUntil(() => ana.events.some((e) => e.type === 'call.ended' && e.call.id === callId), 'the call ends');
    expect(tray.tooltip).not.toContain('In call');
  });

  it('what the page may declare is bounded: a call without its chat, or extra fields, is refused', async () => {
    expect(await dispatch(channelOf('shell.setCall'), fromPage, { call: { callId: 'c1' } })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await dispatch(channelOf('shell.setCall'), fromPage, { call: null, title: 'Anyone' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(tray.tooltip).not.toContain('In call');
  });
});
