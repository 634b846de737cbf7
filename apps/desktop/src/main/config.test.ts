import { describe, expect, it } from 'vitest';
import { toPageEvent } from './bridge-events.js';
import { DEFAULT_SERVER_URL, resolveServerUrl } from './config.js';

describe('server URL', () => {
  it('comes from CONFAB_SERVER_URL, else settings.json, else localhost:3000', () => {
    expect(resolveServerUrl({ CONFAB_SERVER_URL: 'https://chat.example.org/' }, JSON.stringify({ serverUrl: 'https://other.example' }))).toBe('https://chat.example.org');
    expect(resolveServerUrl({}, JSON.stringify({ serverUrl: 'https://other.example:8443' }))).toBe('https://other.example:8443');
    expect(resolveServerUrl({ CONFAB_SERVER_URL: '  ' }, null)).toBe(DEFAULT_SERVER_URL);
    expect(resolveServerUrl({}, '{}')).toBe('http://localhost:3000');
  });

  it('refuses anything but an http(s) URL rather than guessing', () => {
    expect(() => resolveServerUrl({ CONFAB_SERVER_URL: 'file:///etc/passwd' }, null)).toThrow();
    expect(() => resolveServerUrl({ CONFAB_SERVER_URL: 'not a url' }, null)).toThrow();
    expect(() => resolveServerUrl({}, JSON.stringify({ serverUrl: 'javascript:alert(1)' }))).toThrow();
    expect(() => resolveServerUrl({}, 'not json')).toThrow();
  });
});

describe('events forwarded to the page', () => {
  it('include what the page renders, not the tray and notification business', () => {
    expect(toPageEvent({ type: 'typing', chatId: 'c', userId: 'u' })).toEqual({ type: 'typing', chatId: 'c', userId: 'u' });
    expect(toPageEvent({ type: 'shell.connection', state: 'offline' })).toEqual({ type: 'shell.connection', state: 'offline' });
    expect(toPageEvent({ type: 'unread', total: 3 })).toBeNull();
    expect(toPageEvent({ type: 'os.notification', notification: { chatId: 'c', messageId: 'm', title: 't', body: 'b' } })).toBeNull();
  });
});
