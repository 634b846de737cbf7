import { describe, expect, it } from 'vitest';
import { sharedEventEncoder } from './shared-event-encoder.js';

/** Frames as tRPC's WebSocket adapter builds them for `sync.events`. */
const trackedFrame = (requestId: number | string, trackedId: string, event: object) => ({ id: requestId, jsonrpc: undefined, result: { type: 'data', data: { id: trackedId, data: event }, id: trackedId } });

describe('the WebSocket encoder', () => {
  it('writes every frame exactly as JSON.stringify would', () => {
    const encoder = sharedEventEncoder();
    const event = { type: 'message.new', message: { id: 'm1', text: 'Olá "you" \u2028 \u0000 😀', seq: 3, media: null, skipped: undefined, at: new Date(0), reactions: [{ emoji: '👍' }] } };
    const frames: unknown[] = [
      trackedFrame(1, '41', event),
      trackedFrame('req-"2"', '7', event),
      { id: 3, result: { type: 'data', data: { type: 'typing', chatId: 'c1', userId: 'u1' } } },
      { id: 4, result: { type: 'started' } },
      { id: 5, error: { code: -32012, message: 'PRECONDITION_FAILED', data: { resync: true } } },
      { id: 6, result: { type: 'data', data: [1, 'two', null] } },
      { id: 7, result: { type: 'data', data: 'plain' } },
      { method: 'reconnect' },
    ];
    for (const frame of frames) expect(encoder.encode(frame)).toBe(JSON.stringify(frame));
    expect(encoder.decode(JSON.stringify(frames[0]))).toEqual(JSON.parse(JSON.stringify(frames[0])));
  });

  it('turns an event that many sockets carry into JSON once', () => {
    const encoder = sharedEventEncoder();
    let reads = 0;
    const event = { type: 'message.new' } as { type: string; message?: unknown };
    Object.defineProperty(event, 'message', { enumerable: true, get: () => (reads++, { id: 'm1', text: 'to the whole group' }) });
    const frames = Array.from({ length: 500 }, (_, i) => encoder.encode(trackedFrame(i, String(1000 + i), event)));
    expect(reads).toBe(1);
    expect(frames[499]).toBe(`{"id":499,"result":{"type":"data","data":{"id":"1499","data":{"type":"message.new","message":{"id":"m1","text":"to the whole group"}}},"id":"1499"}}`);
  });
});
