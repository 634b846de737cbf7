import type { MessageView } from '@confab/api';
import { Corpus, seededRandom } from '../desktop-cache/corpus.js';
import { mapLimit, sleep } from '../lib/pool.js';
import type { BenchUser } from '../lib/users.js';
import type { WsUserClient } from '../lib/ws-client.js';

/** A call the server refused as busy or unavailable (admission control, pool wait) is tried again after the wait it names, as the app's outbox does. */
async function retryBusy<T>(call: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      const data = (error as { data?: { code?: string; retryAfterSeconds?: number } }).data;
      if ((data?.code !== 'TOO_MANY_REQUESTS' && data?.code !== 'SERVICE_UNAVAILABLE') || attempt >= 20) throw error;
      await sleep((data.retryAfterSeconds ?? 1) * 1000);
    }
  }
}

export interface FillCounts {
  'message.new': number;
  reaction: number;
  receipt: number;
  'message.updated': number;
  'message.deleted': number;
}

/** One chat between "me" (user 0, whose stream is replayed) and one peer. */
interface Lane {
  chatId: string;
  me: WsUserClient;
  peer: WsUserClient;
  meId: string;
  recent: { id: string; seq: number; mine: boolean; deleted: boolean }[];
  lastSeq: number;
  sent: number;
}

/**
 * Fills my stream through the real server with about `target` events, each operation adding one
 * event to it: new messages (half mine, half the peer's), the peer's reactions, the peer's read
 * receipts, edits and deletions for everyone by the author. Every chat is one lane of sequential
 * calls, so sends in one chat do not wait on each other's lock; lanes run side by side.
 */
export async function fillStream(
  me: { user: BenchUser; client: WsUserClient },
  peers: readonly { user: BenchUser; client: WsUserClient }[],
  target: number,
  log: (text: string) => void,
): Promise<FillCounts> {
  const random = seededRandom(15);
  const corpus = new Corpus(random);
  const counts: FillCounts = { 'message.new': 0, reaction: 0, receipt: 0, 'message.updated': 0, 'message.deleted': 0 };
  const lanes: Lane[] = await mapLimit(peers, 16, async (peer) => {
    const chat = await retryBusy(() => me.client.trpc.chats.openDirect.mutate({ userId: peer.user.id }));
    return { chatId: chat.id, me: me.client, peer: peer.client, meId: me.user.id, recent: [], lastSeq: 0, sent: 0 };
  });
  let done = 0;
  let lastLog = performance.now();
  const started = performance.now();
  const next = () => {
    if (done >= target) return false;
    done += 1;
    if (performance.now() - lastLog > 10_000) {
      lastLog = performance.now();
      log(`  ${done.toLocaleString('en-US')} of ${target.toLocaleString('en-US')} operations, ${Math.round(done / ((lastLog - started) / 1000))}/s`);
    }
    return true;
  };

  async function run(lane: Lane): Promise<void> {
    while (next()) {
      const r = random();
      const live = lane.recent.filter((m) => !m.deleted);
      const target = live[Math.floor(random() * live.length)];
      if (r < 0.8 || !target) {
        const mine = random() < 0.5;
        const client = mine ? lane.me : lane.peer;
        const clientId = `c${lane.chatId}.${lane.sent++}`;
        const message: MessageView = await retryBusy(() => client.trpc.messages.send.mutate({ chatId: lane.chatId, clientId, text: corpus.message() }));
        lane.lastSeq = Math.max(lane.lastSeq, message.seq);
        lane.recent.push({ id: message.id, seq: message.seq, mine, deleted: false });
        if (lane.recent.length > 50) lane.recent.shift();
        counts['message.new'] += 1;
      } else if (r < 0.9) {
        const emoji = random() < 0.8 ? '👍' : '❤️';
        await retryBusy(() => lane.peer.trpc.messages.react.mutate({ messageId: target.id, emoji }));
        counts.reaction += 1;
      } else if (r < 0.95) {
        await retryBusy(() => lane.peer.trpc.chats.markRead.mutate({ chatId: lane.chatId, seq: lane.lastSeq }));
        counts.receipt += 1;
      } else if (r < 0.98) {
        const author = target.mine ? lane.me : lane.peer;
        const text = `${corpus.message()} (edited)`;
        await retryBusy(() => author.trpc.messages.edit.mutate({ messageId: target.id, text }));
        counts['message.updated'] += 1;
      } else {
        const author = target.mine ? lane.me : lane.peer;
        await retryBusy(() => author.trpc.messages.delete.mutate({ messageId: target.id, forEveryone: true }));
        target.deleted = true;
        counts['message.deleted'] += 1;
      }
    }
  }
  await Promise.all(lanes.map(run));
  return counts;
}
