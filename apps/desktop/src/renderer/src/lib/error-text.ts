import { BackendError } from './backend';
import { formatWait } from './format';

/**
 * The sentence to show for a failure. The server's messages are written for people already;
 * a rate limit gets its wait spelled out ("Try again in 9 min").
 */
export function errorText(error: unknown): string {
  if (error instanceof BackendError) {
    if (error.retryAfterSeconds) {
      const base = error.message.replace(/\s*Try again (later|in a minute)\.?$/i, '').replace(/\.?$/, '.');
      return `${base} Try again in ${formatWait(error.retryAfterSeconds)}.`;
    }
    return error.message;
  }
  return error instanceof Error ? error.message : 'Something went wrong.';
}
