import { maskPhone } from '@confab/api';
import { pino, type Logger } from 'pino';

/**
 * Secrets that must never reach a log line, at the top level or one object down. The auth code
 * does not log them in the first place; this is the net under that rule.
 */
const SECRET_KEYS = ['code', 'token', 'accessToken', 'refreshToken', 'authorization', 'password', 'connectionParams', 'input'];
/** Phone numbers are kept only as a masked prefix/suffix, enough to correlate. */
const PHONE_KEYS = ['phone'];

const everywhere = (keys: string[]) => keys.flatMap((key) => [key, `*.${key}`]);

export const redactPaths = [...everywhere(SECRET_KEYS), ...everywhere(PHONE_KEYS), 'req.headers.authorization', 'req.headers.cookie'];

/** Structured logs with secrets removed and phone numbers masked. */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'confab-server' },
      redact: { paths: redactPaths, censor },
    },
    destination,
  );
}

function censor(value: unknown, path: string[]): unknown {
  const key = path[path.length - 1] ?? '';
  if (PHONE_KEYS.includes(key) && typeof value === 'string') return value.includes('***') ? value : maskPhone(value);
  return '[redacted]';
}
