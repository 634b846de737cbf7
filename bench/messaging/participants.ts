import { mapLimit, sleep } from '../lib/pool.js';
import type { BenchUser } from '../lib/users.js';
import { connectWs, unwrapEvent, type WsUserClient } from '../lib/ws-client.js';
import type { Receipts } from './receipts.js';

export interface Participant {
  user: BenchUser;
  client: WsUserClient;
  /** The 1:1 chat with the other member of the pair. */
  chatId: string;
}

export interface Connections {
  participants: Participant[];
  closes: () => number;
  subscriptionErrors: () => number;
  close(): Promise<void>;
}

/**
 * Users 2p and 2p+1 form pair p. Each user gets one WebSocket that carries both its sends and
 * its sync.events subscription; then each pair opens its chat. With several servers (a cluster),
 * user i connects to server i mod N, so the two members of a pair sit on different processes and
 * every message crosses Redis.
 */
export async function connectPairs(baseUrls: readonly string[], users: readonly BenchUser[], receipts: Receipts): Promise<Connections> {
  let closes = 0;
  let subscriptionErrors = 0;
  const clients = await mapLimit(users, 50, async (user) => {
    const client = connectWs(baseUrls[user.index % baseUrls.length]!, user.accessToken, { onClose: () => (closes += 1) });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`user ${user.index}: subscription did not start in 30 s`)), 30_000);
      client.trpc.sync.events.subscribe(
        {},
        {
          onStarted: () => {
            clearTimeout(timer);
            resolve();
          },
          onData: (value) => receipts.onEvent(user.index, unwrapEvent(value), performance.now()),
          onError: () => (subscriptionErrors += 1),
        },
      );
    });
    return client;
  });

  const participants: Participant[] = users.map((user, i) => ({ user, client: clients[i]!, chatId: '' }));
  await mapLimit(
    Array.from({ length: users.length / 2 }, (_, p) => p),
    50,
    async (p) => {
      const a = participants[2 * p]!;
      const b = participants[2 * p + 1]!;
      const chat = await a.client.trpc.chats.openDirect.mutate({ userId: b.user.id });
      a.chatId = chat.id;
      b.chatId = chat.id;
    },
  );
  return {
    participants,
    closes: () => closes,
    subscriptionErrors: () => subscriptionErrors,
    close: async () => {
      await Promise.all(clients.map((c) => c.close()));
    },
  };
}

/** One message per pair, each waited for at the other end: proves every subscription is live. */
export async function warmUp(participants: readonly Participant[], receipts: Receipts): Promise<void> {
  const pairs = participants.length / 2;
  await mapLimit(
    Array.from({ length: pairs }, (_, p) => p),
    50,
    (p) => participants[2 * p]!.client.trpc.messages.send.mutate({ chatId: participants[2 * p]!.chatId, clientId: `warmup.${p}`, text: 'warm-up' }),
  );
  const deadline = Date.now() + 30_000;
  while (receipts.warmups < pairs) {
    if (Date.now() > deadline) throw new Error(`only ${receipts.warmups} of ${pairs} warm-up messages arrived within 30 s`);
    await sleep(50);
  }
}
