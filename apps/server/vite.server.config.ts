import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The server built to plain JavaScript for production (`npm start` runs `node out/server/main.js`):
 * the workspace packages (@confab/*) are bundled in, every npm dependency stays an import from
 * node_modules (native modules, PGlite's WASM). tsx stays for development and tests.
 */
export default defineConfig({
  build: {
    ssr: fileURLToPath(new URL('./src/main.ts', import.meta.url)),
    outDir: fileURLToPath(new URL('../../out/server', import.meta.url)),
    emptyOutDir: true,
    target: 'node20',
    sourcemap: true,
    minify: false,
    rollupOptions: { output: { entryFileNames: 'main.js' } },
  },
  ssr: { noExternal: [/^@confab\//] },
});
