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

  it('writes a tracked data frame directly, byte for byte as the frame object would encode', () => {
    const encoder = sharedEventEncoder();
    const event = { type: 'message.new', message: { id: 'm1', text: 'Olá "you" \u2028 😀', skipped: undefined, at: new Date(0) } };
    for (const [requestId, jsonrpc, trackedId, data] of [
      [1, undefined, '41.3:7', event],
      ['req-"2"', '2.0', '7', event],
      [3, undefined, '8', 'plain'],
      [4, '2.0', '9', [1, null]],
      [5, undefined, '10', undefined],
    ] as const) {
      const frame = { id: requestId, jsonrpc, result: { type: 'data', data: { id: trackedId, data }, id: trackedId } };
      expect(encoder.trackedFrame(requestId, jsonrpc, trackedId, data)).toBe(JSON.stringify(frame));
      expect(encoder.trackedFrame(requestId, jsonrpc, trackedId, data)).toBe(encoder.encode(frame));
    }
  });

  it('turns an event that many sockets carry into JSON once', () => {
    const encoder = sharedEventEncoder();
    let reads = 0;
    const event = { type: 'message.new' } as { type: string; message?: unknown };
    Object.defineProperty(event, 'message', { enumerable: true, get: () => (reads++, { id: 'm1', text: 'to the whole group' }) });
    const frames = Array.from({ length: 500 }, (_, i) => encoder.encode(trackedFrame(i, String(1000 + i), event)));
    frames.push(encoder.trackedFrame(500, undefined, '1500', event));
    expect(reads).toBe(1);
    expect(frames[499]).toBe(`{"id":499,"result":{"type":"data","data":{"id":"1499","data":{"type":"message.new","message":{"id":"m1","text":"to the whole group"}}},"id":"1499"}}`);
  });
});
