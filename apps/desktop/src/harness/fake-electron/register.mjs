// `node --import ./register.mjs …`: resolves `electron` to the stand-in beside this file, so the
// built main process (out/main/index.js) can boot under plain Node.
import { register } from 'node:module';

register('./hooks.mjs', import.meta.url);
