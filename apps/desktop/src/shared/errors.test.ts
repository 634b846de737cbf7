import { describe, expect, it } from 'vitest';
import { ClientError, errorText } from './errors.js';

describe('error messages for people', () => {
  it('spells out the wait of a rate limit', () => {
    expect(errorText(new ClientError('TOO_MANY_REQUESTS', 'Too many codes requested for this number. Try again later.', 540))).toBe(
      'Too many codes requested for this number. Try again in 9 min.',
    );
    expect(errorText(new ClientError('TOO_MANY_REQUESTS', 'Slow down', 30))).toBe('Slow down. Try again in 30 s.');
    expect(errorText(new ClientError('TOO_MANY_REQUESTS', 'Locked', 7200))).toBe('Locked. Try again in 2 h.');
  });

  it('passes other server messages through', () => {
    expect(errorText(new ClientError('UNAUTHORIZED', 'That code is wrong or has expired'))).toBe('That code is wrong or has expired');
  });
});
