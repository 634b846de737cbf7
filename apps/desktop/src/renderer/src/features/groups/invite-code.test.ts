import { describe, expect, it } from 'vitest';
import { inviteCodeFrom } from './invite-code';

describe('inviteCodeFrom', () => {
  const code = 'Ab3_-xYz0123456789Q';
  it('reads a bare code, an invite URL and a ?code= link', () => {
    expect(inviteCodeFrom(code)).toBe(code);
    expect(inviteCodeFrom(` https://confab.example/join/${code} `)).toBe(code);
    expect(inviteCodeFrom(`https://confab.example/join/${code}/`)).toBe(code);
    expect(inviteCodeFrom(`https://confab.example/?code=${code}`)).toBe(code);
  });
  it('refuses what is not a code', () => {
    expect(inviteCodeFrom('hello')).toBeNull();
    expect(inviteCodeFrom('https://confab.example/join/short')).toBeNull();
    expect(inviteCodeFrom('')).toBeNull();
  });
});
