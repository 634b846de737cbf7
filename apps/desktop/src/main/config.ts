import { readFileSync } from 'node:fs';
import { z } from 'zod';

export const DEFAULT_SERVER_URL = 'http://localhost:3000';
export const SETTINGS_FILE = 'settings.json';

const serverUrl = z
  .string()
  .trim()
  .url()
  .refine((value) => /^https?:$/.test(new URL(value).protocol), 'The server URL must start with http:// or https://')
  .transform((value) => new URL(value).origin);

const settingsSchema = z.object({ serverUrl: serverUrl.optional() });

/**
 * Which Confab server the app talks to: CONFAB_SERVER_URL, else `serverUrl` in settings.json
 * under userData, else http://localhost:3000. A bad value fails loudly instead of silently
 * falling back (the CSP is pinned to this origin).
 */
export function resolveServerUrl(env: Record<string, string | undefined>, settingsText: string | null): string {
  const fromEnv = env.CONFAB_SERVER_URL?.trim();
  if (fromEnv) return serverUrl.parse(fromEnv);
  if (settingsText !== null) {
    const settings = settingsSchema.parse(JSON.parse(settingsText));
    if (settings.serverUrl) return settings.serverUrl;
  }
  return DEFAULT_SERVER_URL;
}

export function readSettingsText(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}
