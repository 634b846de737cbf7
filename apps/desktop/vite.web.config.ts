import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/**
 * The web client: the desktop renderer built as a plain website into out/web, which the server
 * serves at `/`. In a browser the renderer picks the web Backend (tRPC straight to the server).
 */
const renderer = fileURLToPath(new URL('./src/renderer', import.meta.url));
const outDir = fileURLToPath(new URL('../../out/web', import.meta.url));

/**
 * `vite` (dev) injects inline scripts for hot reload, which the page's strict CSP forbids; the
 * dev server therefore serves the page without it. Built files always keep it.
 */
const devWithoutCsp: Plugin = {
  name: 'confab-dev-without-csp',
  apply: 'serve',
  transformIndexHtml: (html) => html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>\s*/, ''),
};

export default defineConfig({
  root: renderer,
  base: '/',
  plugins: [react(), devWithoutCsp],
  build: {
    outDir,
    emptyOutDir: true,
    target: 'es2022',
    // Inlined assets would become data: URLs; keep every asset a file under the 'self' origin.
    assetsInlineLimit: 0,
  },
  server: {
    // `vite --config apps/desktop/vite.web.config.ts` next to a server on :3000.
    proxy: {
      '/trpc': { target: 'http://localhost:3000', ws: true },
      '/media': 'http://localhost:3000',
    },
  },
});
