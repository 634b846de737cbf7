import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';

/**
 * The desktop build: main (Electron's Node side), preload (one CommonJS bundle, as a sandboxed
 * preload must be) and the renderer (the same React UI as the web client).
 */
const desktop = resolve(import.meta.dirname, 'src');
/** Builds land in the repository's out/ (the root package.json's `main` is out/main/index.js). */
const out = resolve(import.meta.dirname, '../../out');

/** The server the packaged app talks to; the renderer's CSP allows connections to it only. */
const serverUrl = new URL(process.env.CONFAB_SERVER_URL ?? 'http://localhost:3000');

/**
 * `electron-vite dev` serves the renderer with inline scripts for hot reload, which the page's
 * strict CSP forbids; the dev server therefore serves the page without it. Built files keep it.
 */
const devWithoutCsp: Plugin = {
  name: 'confab-dev-without-csp',
  apply: 'serve',
  transformIndexHtml: (html) => html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>\s*/, ''),
};

/** Pins the page's connect-src to the configured server (the web build allows its own origin). */
function pinConnectSrc(): Plugin {
  const ws = `${serverUrl.protocol === 'https:' ? 'wss:' : 'ws:'}//${serverUrl.host}`;
  return {
    name: 'confab-pin-connect-src',
    transformIndexHtml: (html) => html.replace("connect-src 'self' ws: wss:", `connect-src 'self' ${serverUrl.origin} ${ws}`),
  };
}

export default defineConfig({
  main: {
    build: {
      outDir: resolve(out, 'main'),
      // better-sqlite3 loads a native addon at run time: it stays a real package (rebuilt for
      // Electron by electron-builder, unpacked from the asar); everything else is bundled.
      externalizeDeps: { include: ['better-sqlite3'] },
      rolldownOptions: { input: { index: resolve(desktop, 'main/index.ts') } },
    },
  },
  preload: {
    build: {
      outDir: resolve(out, 'preload'),
      // Sandboxed preloads cannot require() packages: bundle everything into one file.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(desktop, 'preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(desktop, 'renderer'),
    plugins: [react(), pinConnectSrc(), devWithoutCsp],
    build: {
      outDir: resolve(out, 'renderer'),
      minify: true,
      assetsInlineLimit: 0,
      rolldownOptions: { input: { index: resolve(desktop, 'renderer/index.html') } },
    },
  },
});
