import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Deps } from '@confab/api';
import { sendJson } from './health.js';

// Replaced by the media feature (upload/download); until then every media path answers 404.
export async function handleMedia(_deps: Deps, _req: IncomingMessage, res: ServerResponse, _url: URL): Promise<void> {
  sendJson(res, 404, { error: { code: 'NOT_FOUND', message: 'Not found' } });
}
