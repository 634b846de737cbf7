import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, type SignedInUser } from '@confab/testing/sign-in';
import { disposeAll, onlineCore, RestartableServer, waitUntil } from '../testing/harness.js';

/**
 * Ana, on the desktop app, lets only her contacts message her directly: Cy, a stranger, lands
 * under "Message requests" and the OS stays quiet (as in Signal); Dee, a contact, still notifies.
 */
describe('desktop notifications for message requests', () => {
  const host = new RestartableServer();
  let ana: Awaited<ReturnType<typeof onlineCore>>, cy: SignedInUser, dee: SignedInUser;
  const notes = () => ana.events.flatMap((e) => (e.type === 'os.notification' ? [e.notification] : []));

  beforeAll(async () => {
    await host.start();
    ana = await onlineCore(host);
    [cy, dee] = [await signIn(host.server), await signIn(host.server)];
    const anaApi = await signIn(host.server, ana.phone, 'Ana’s phone');
    await anaApi.trpc.settings.update.mutate({ privacy: { messageMe: 'contacts' } });
    await anaApi.trpc.contacts.add.mutate({ userId: dee.user.id });
    await anaApi.close();
  });

  afterAll(() => disposeAll(host, ana, cy, dee));

  it("a stranger's first message raises no notification; a contact's right after does", async () => {
    const fromCy = (await cy.trpc.chats.openDirect.mutate({ userId: ana.user.id })).id;
    await cy.trpc.messages.send.mutate({ chatId: fromCy, clientId: 'cy-1', text: 'Hi, we met at the conference' });
    await waitUntil(async () => (await ana.core.chats.list()).some((c) => c.id === fromCy && c.messageRequest), 'the request is cached');

    const fromDee = (await dee.trpc.chats.openDirect.mutate({ userId: ana.user.id })).id;
    await dee.trpc.messages.send.mutate({ chatId: fromDee, clientId: 'dee-1', text: 'Lunch tomorrow?' });
    await waitUntil(() => notes().some((n) => n.chatId === fromDee), "the contact's message notifies");
    expect(notes().map((n) => n.chatId)).toEqual([fromDee]);
  });
});
