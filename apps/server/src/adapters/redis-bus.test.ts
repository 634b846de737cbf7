import { channels } from '@confab/api';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { RedisBus } from './redis-bus.js';

const redisUrl = process.env.TEST_REDIS_URL;
const runs = redisUrl ? it : it.skip;

interface Stored {
  kind: string;
  entries: { seq: number; event: { type: string; text?: string } }[];
}

describe('the Redis bus', () => {
  const buses: RedisBus[] = [];
  afterAll(() => Promise.all(buses.map((bus) => bus.close())));
  const bus = () => {
    const created = new RedisBus(redisUrl!, pino({ level: 'silent' }));
    buses.push(created);
    return created;
  };

  runs("hands each process's subscribers their own entries of one commit, sharing one decoded event", async () => {
    const [one, two] = [bus(), bus()];
    const run = `${Date.now()}-${Math.random()}`;
    const [ana, ben, cleo, absent] = ['ana', 'ben', 'cleo', 'absent'].map((name) => `${name}-${run}`) as [string, string, string, string];
    const heard = new Map<string, Stored[]>();
    const listen = (on: RedisBus, userId: string) => on.subscribe(channels.user(userId), (m) => heard.set(userId, [...(heard.get(userId) ?? []), m as Stored]));
    await Promise.all([listen(one, ana), listen(one, ben), listen(two, cleo)]);

    // One group message (one object in every stream) and a receipt only Ana's stream carries.
    const message = { type: 'message.new', text: 'to the whole group' };
    const receipt = { type: 'receipt', chatId: 'c1' };
    await two.publishStored([
      { userId: ana, entries: [{ seq: 7, event: message as never }, { seq: 8, event: receipt as never }] },
      { userId: ben, entries: [{ seq: 41, event: message as never }] },
      { userId: cleo, entries: [{ seq: 3, event: message as never }] },
      { userId: absent, entries: [{ seq: 1, event: message as never }] },
    ]);

    await expect.poll(() => [ana, ben, cleo].map((id) => heard.get(id)?.length ?? 0), { timeout: 20_000 }).toEqual([1, 1, 1]);
    expect(heard.get(ana)).toEqual([{ kind: 'stored', entries: [{ seq: 7, event: message }, { seq: 8, event: receipt }] }]);
    expect(heard.get(ben)).toEqual([{ kind: 'stored', entries: [{ seq: 41, event: message }] }]);
    expect(heard.get(cleo)).toEqual([{ kind: 'stored', entries: [{ seq: 3, event: message }] }]);
    // Decoded once on process one: Ana's and Ben's streams carry the same object (so the
    // WebSocket encoder turns it into JSON once for both).
    expect(heard.get(ana)![0]!.entries[0]!.event).toBe(heard.get(ben)![0]!.entries[0]!.event);
    expect(heard.has(absent)).toBe(false);
  });
});
