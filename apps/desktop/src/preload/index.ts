// The sandboxed preload (one CommonJS bundle): exposes the narrow bridge as window.confab.
import { contextBridge, ipcRenderer } from 'electron';
import { buildConfabApi } from './api.js';

contextBridge.exposeInMainWorld('confab', buildConfabApi(ipcRenderer));
