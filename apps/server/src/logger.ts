import { pino, type Logger } from 'pino';

/** Structured logs; anything that could be a secret or a full phone number is redacted. */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'confab-server' },
      redact: {
        paths: ['code', 'token', 'accessToken', 'refreshToken', 'authorization', 'req.headers.authorization', '*.code', '*.token', '*.accessToken', '*.refreshToken', 'input', '*.input'],
        censor: '[redacted]',
      },
    },
    destination,
  );
}
