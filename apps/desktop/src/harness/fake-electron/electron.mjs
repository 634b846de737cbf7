// A stand-in for the parts of Electron's main-process API that src/main/index.ts uses. It
// records what the main process did (globalThis.__electron) so a test can inspect and drive it.
import { EventEmitter } from 'node:events';

const state = {
  appEvents: new EventEmitter(),
  ready: null,
  quitCalls: 0,
  badge: null,
  privileged: [],
  protocols: new Map(),
  ipc: new Map(),
  windows: [],
  trays: [],
  openedExternally: [],
  permissionRequest: null,
  permissionCheck: null,
  displayMediaRequest: null,
  notifications: [],
};
globalThis.__electron = state;

let resolveReady;
state.ready = new Promise((resolve) => (resolveReady = resolve));

export const app = {
  isPackaged: true,
  setName(name) {
    state.name = name;
  },
  getPath(name) {
    if (name !== 'userData') throw new Error(`unexpected getPath(${name})`);
    return process.env.FAKE_ELECTRON_USER_DATA;
  },
  requestSingleInstanceLock: () => true,
  whenReady: () => state.ready,
  on(event, listener) {
    state.appEvents.on(event, listener);
    return app;
  },
  quit() {
    state.quitCalls += 1;
    const event = { defaultPrevented: false, preventDefault() { this.defaultPrevented = true; } };
    state.appEvents.emit('before-quit', event);
    if (!event.defaultPrevented) state.quitted = true;
  },
  exit(code) {
    state.exitCode = code;
  },
  setBadgeCount(count) {
    state.badge = count;
    return true;
  },
};
/** The test calls this once the main module has registered its listeners. */
state.makeReady = () => resolveReady();

class WebContents extends EventEmitter {
  constructor() {
    super();
    this.sent = [];
    this.windowOpenHandler = null;
  }
  send(channel, payload) {
    this.sent.push([channel, payload]);
  }
  setWindowOpenHandler(handler) {
    this.windowOpenHandler = handler;
  }
  getURL() {
    return this.url ?? '';
  }
}

export class BrowserWindow extends EventEmitter {
  constructor(options) {
    super();
    this.options = options;
    this.webContents = new WebContents();
    this.visible = false;
    this.destroyed = false;
    state.windows.push(this);
    state.appEvents.emit('web-contents-created', {}, this.webContents);
  }
  loadURL(url) {
    this.webContents.url = url;
    this.loadedUrl = url;
    return Promise.resolve();
  }
  show() {
    this.visible = true;
  }
  hide() {
    this.visible = false;
  }
  focus() {}
  isMinimized() {
    return false;
  }
  restore() {}
  isDestroyed() {
    return this.destroyed;
  }
  /** Emits a cancellable event as Electron does; says whether it was cancelled. */
  fire(name) {
    let prevented = false;
    this.emit(name, { preventDefault: () => (prevented = true) });
    return prevented;
  }
}

export const ipcMain = {
  handle(channel, handler) {
    if (state.ipc.has(channel)) throw new Error(`second handler for ${channel}`);
    state.ipc.set(channel, handler);
  },
  removeHandler(channel) {
    state.ipc.delete(channel);
  },
};

export const protocol = {
  registerSchemesAsPrivileged(schemes) {
    state.privileged.push(...schemes);
  },
  handle(scheme, handler) {
    state.protocols.set(scheme, handler);
  },
};

export const session = {
  defaultSession: {
    setPermissionRequestHandler(handler) {
      state.permissionRequest = handler;
    },
    setPermissionCheckHandler(handler) {
      state.permissionCheck = handler;
    },
    setDisplayMediaRequestHandler(handler) {
      state.displayMediaRequest = handler;
    },
  },
};

export const desktopCapturer = {
  getSources: async () => [{ id: 'screen:0:0', name: 'Entire screen', display_id: '1' }],
};

export const screen = {
  getPrimaryDisplay: () => ({ id: 1 }),
};

export const shell = {
  openExternal(url) {
    state.openedExternally.push(url);
    return Promise.resolve();
  },
};

export const safeStorage = {
  isEncryptionAvailable: () => true,
  getSelectedStorageBackend: () => 'gnome_libsecret',
  encryptString: (text) => Buffer.from(`sealed:${Buffer.from(text).toString('base64')}`),
  decryptString: (data) => Buffer.from(data.toString().slice('sealed:'.length), 'base64').toString(),
};

export class Tray extends EventEmitter {
  constructor(image) {
    super();
    this.image = image;
    state.trays.push(this);
  }
  setToolTip(text) {
    this.tooltip = text;
  }
  setTitle(title) {
    this.title = title;
  }
  setContextMenu(menu) {
    this.menu = menu;
  }
}

export const Menu = { buildFromTemplate: (template) => template };
export const nativeImage = { createFromPath: (path) => ({ path }) };

export class Notification extends EventEmitter {
  static isSupported() {
    return true;
  }
  constructor(options) {
    super();
    this.options = options;
    state.notifications.push(this);
    this.shown = false;
    this.closed = false;
  }
  show() {
    this.shown = true;
  }
  close() {
    this.closed = true;
    this.emit('close');
  }
}

export default { app, BrowserWindow, desktopCapturer, ipcMain, protocol, screen, session, shell, safeStorage, Tray, Menu, nativeImage, Notification };
