import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { badgeText, hidesOnClose, TrayController, trayMenuTemplate, trayTooltip, type TrayActions } from './tray.js';

function recordingActions() {
  const done: string[] = [];
  const actions: TrayActions = {
    open: () => void done.push('open'),
    hangUp: () => void done.push('hangUp'),
    muteForAnHour: () => void done.push('mute'),
    unmute: () => void done.push('unmute'),
    quit: () => void done.push('quit'),
  };
  return { done, actions };
}

const click = (item: MenuItemConstructorOptions) => (item.click as () => void)();

describe('tray', () => {
  it('shows the unread count in the tooltip, title and badge', () => {
    expect(trayTooltip({ unread: 0, mutedUntil: null, call: null })).toBe('Confab — no unread messages');
    expect(trayTooltip({ unread: 1, mutedUntil: null, call: null })).toBe('Confab — 1 unread message');
    expect(trayTooltip({ unread: 7, mutedUntil: '2026-01-01T15:00:00Z', call: null }, () => '15:00')).toBe('Confab — 7 unread messages · notifications muted until 15:00');
    expect([0, 5, 99, 100, 5000].map(badgeText)).toEqual(['', '5', '99', '99+', '99+']);
  });

  it('offers Open, Mute notifications for 1 hour (or Unmute) and Quit', () => {
    const { done, actions } = recordingActions();
    const menu = trayMenuTemplate({ unread: 0, mutedUntil: null, call: null }, actions);
    expect(menu.map((item) => item.label ?? item.type)).toEqual(['Open Confab', 'Mute notifications for 1 hour', 'separator', 'Quit Confab']);
    for (const item of menu) if (item.click) click(item);
    expect(done).toEqual(['open', 'mute', 'quit']);
    const muted = trayMenuTemplate({ unread: 0, mutedUntil: '2026-01-01T15:00:00Z', call: null }, actions);
    expect(muted.map((item) => item.label ?? item.type)).toEqual(['Open Confab', 'Unmute notifications', 'separator', 'Quit Confab']);
  });

  it('keeps the tray and the badge in step with the unread total; a click opens the window', () => {
    const { done, actions } = recordingActions();
    const seen = { tooltip: '', title: '', badge: -1, menus: 0 };
    let onClick = () => undefined as void;
    const tray = new TrayController(
      {
        tray: {
          setToolTip: (t) => void (seen.tooltip = t),
          setTitle: (t) => void (seen.title = t),
          setContextMenu: () => void (seen.menus += 1),
          on: (_event, listener) => void (onClick = listener),
        },
        buildMenu: (template) => template,
        setBadgeCount: (n) => void (seen.badge = n),
      },
      actions,
    );
    expect(seen).toMatchObject({ title: '', badge: 0, tooltip: 'Confab — no unread messages' });
    tray.update({ unread: 3 });
    expect(seen).toMatchObject({ title: '3', badge: 3, tooltip: 'Confab — 3 unread messages' });
    onClick();
    expect(done).toEqual(['open']);
  });

  it('shows the call this device is in, with Hang up first in the menu', () => {
    const { done, actions } = recordingActions();
    const inCall = { unread: 2, mutedUntil: null, call: { title: 'Ana' } };
    expect(trayTooltip(inCall)).toBe('Confab — In call with Ana · 2 unread messages');
    const menu = trayMenuTemplate(inCall, actions);
    expect(menu.map((item) => item.label ?? item.type)).toEqual(['In call with Ana — Hang up', 'separator', 'Open Confab', 'Mute notifications for 1 hour', 'separator', 'Quit Confab']);
    click(menu[0]!);
    expect(done).toEqual(['hangUp']);
  });

  it('hides the window to the tray on close, unless the app is quitting', () => {
    expect(hidesOnClose(false)).toBe(true);
    expect(hidesOnClose(true)).toBe(false);
  });
});
