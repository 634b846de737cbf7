import type { MenuItemConstructorOptions } from 'electron';

/**
 * The tray icon: the unread count in its tooltip and title (and the app badge), the call this
 * device is in, and a small menu. The window's close button hides it to the tray; only Quit
 * ends the app.
 */

export interface TrayState {
  /** Unread messages in chats that are not muted or hidden (the core's unread total). */
  unread: number;
  /** All notifications are off until then (ISO), or null. */
  mutedUntil: string | null;
  /** The call this device is in: the other person's name, or the group's. */
  call: { title: string } | null;
}

export interface TrayActions {
  open(): void;
  /** Leaves the call this device is in. */
  hangUp(): void;
  muteForAnHour(): void;
  unmute(): void;
  quit(): void;
}

/** What the badge and the macOS menu-bar title show: nothing at zero, "99+" past 99. */
export function badgeText(unread: number): string {
  if (unread <= 0) return '';
  return unread > 99 ? '99+' : String(unread);
}

export function trayTooltip(state: TrayState, formatTime: (iso: string) => string = (iso) => new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })): string {
  const count = state.unread === 0 ? 'no unread messages' : state.unread === 1 ? '1 unread message' : `${state.unread} unread messages`;
  const muted = state.mutedUntil ? ` · notifications muted until ${formatTime(state.mutedUntil)}` : '';
  const call = state.call ? `${inCallWith(state.call)} · ` : '';
  return `Confab — ${call}${count}${muted}`;
}

const inCallWith = (call: { title: string }) => `In call with ${call.title}`;

export function trayMenuTemplate(state: TrayState, actions: TrayActions): MenuItemConstructorOptions[] {
  return [
    // A call on this device comes first: hanging up should not need the window.
    ...(state.call ? ([{ id: 'hangUp', label: `${inCallWith(state.call)} — Hang up`, click: () => actions.hangUp() }, { type: 'separator' }] as const) : []),
    { id: 'open', label: 'Open Confab', click: () => actions.open() },
    state.mutedUntil
      ? { id: 'unmute', label: 'Unmute notifications', click: () => actions.unmute() }
      : { id: 'mute', label: 'Mute notifications for 1 hour', click: () => actions.muteForAnHour() },
    { type: 'separator' },
    { id: 'quit', label: 'Quit Confab', click: () => actions.quit() },
  ];
}

/** The Electron objects the tray drives (Tray, Menu.buildFromTemplate, app.setBadgeCount). */
export interface TrayPorts<M> {
  tray: { setToolTip(text: string): void; setTitle(title: string): void; setContextMenu(menu: M | null): void; on(event: 'click', listener: () => void): unknown };
  buildMenu(template: MenuItemConstructorOptions[]): M;
  setBadgeCount(count: number): void;
}

export class TrayController<M> {
  private state: TrayState = { unread: 0, mutedUntil: null, call: null };

  constructor(
    private readonly ports: TrayPorts<M>,
    private readonly actions: TrayActions,
  ) {
    // A left click on the icon opens the window (the menu is on right click).
    ports.tray.on('click', () => actions.open());
    this.render();
  }

  update(changes: Partial<TrayState>): void {
    this.state = { ...this.state, ...changes };
    this.render();
  }

  private render(): void {
    this.ports.tray.setToolTip(trayTooltip(this.state));
    this.ports.tray.setTitle(badgeText(this.state.unread));
    this.ports.tray.setContextMenu(this.ports.buildMenu(trayMenuTemplate(this.state, this.actions)));
    this.ports.setBadgeCount(this.state.unread);
  }
}

/** The close button hides the window to the tray unless the app is quitting. */
export function hidesOnClose(quitting: boolean): boolean {
  return !quitting;
}
