import { describe, expect, it } from 'vitest';
import { newPhone, signIn } from '@confab/testing/sign-in';
import type { TestServer } from '@confab/testing/test-server';
import { serverForSuite } from '@confab/testing/suite';

describe('contacts.invite (console provider)', () => {
  let server: TestServer;
  serverForSuite(async (s) => void (server = s));

  it('texts a number not on Confab an invitation with my link, and names the account of one that is', async () => {
    const ana = await signIn(server);
    await ana.trpc.me.update.mutate({ name: 'Ana' });
    const { url } = await ana.trpc.me.qrCode.query();
    const stranger = newPhone();
    const sent = await ana.trpc.contacts.invite.mutate({ phone: stranger });
    expect(sent).toEqual({ status: 'sent', user: null, link: url });
    expect(server.texts.at(-1)).toEqual({ to: stranger, body: `Ana invites you to Confab, a private messenger: ${url}` });

    const ben = await signIn(server);
    const count = server.texts.length;
    expect(await ana.trpc.contacts.invite.mutate({ phone: ben.phone })).toMatchObject({ status: 'onConfab', user: { id: ben.user.id }, link: url });
    expect(server.texts.length).toBe(count);
    // Never the full number in the logs.
    expect(server.logLines.join('\n')).not.toContain(stranger);
  });

  it('limits invitations per number, whoever sends them, and per inviter', async () => {
    const [ana, ben, cara] = await Promise.all([signIn(server), signIn(server), signIn(server)]);
    const target = newPhone();
    await ana.trpc.contacts.invite.mutate({ phone: target });
    await ben.trpc.contacts.invite.mutate({ phone: target });
    await expect(cara.trpc.contacts.invite.mutate({ phone: target })).rejects.toMatchObject({ data: { code: 'TOO_MANY_REQUESTS' }, message: expect.stringContaining('invited recently') });

    for (let i = 0; i < 8; i += 1) await cara.trpc.contacts.invite.mutate({ phone: newPhone() });
    await cara.trpc.contacts.invite.mutate({ phone: newPhone() });
    await expect(cara.trpc.contacts.invite.mutate({ phone: newPhone() })).rejects.toMatchObject({ data: { code: 'TOO_MANY_REQUESTS' }, message: expect.stringContaining('share your link') });
    // A day later the limits have passed.
    server.clock.advance(24 * 60 * 60 * 1000 + 1000);
    const caraTomorrow = await signIn(server, cara.phone);
    expect(await caraTomorrow.trpc.contacts.invite.mutate({ phone: target })).toMatchObject({ status: 'sent' });
  });

  it('refuses what is not a phone number', async () => {
    const ana = await signIn(server);
    await expect(ana.trpc.contacts.invite.mutate({ phone: 'call me' })).rejects.toMatchObject({ data: { code: 'BAD_REQUEST' }, message: expect.stringContaining('not a valid phone number') });
  });
});

describe.runIf(process.env.TEST_REDIS_URL)('contacts.invite across processes (Redis)', () => {
  it("counts one number's invitations in Redis, shared by every server", async () => {
    const { startTestServer } = await import('@confab/testing/test-server');
    const env = { REDIS_URL: process.env.TEST_REDIS_URL! };
    const [one, two] = await Promise.all([startTestServer({ env }), startTestServer({ env })]);
    try {
      const [ana, ben] = await Promise.all([signIn(one), signIn(two)]);
      const target = newPhone();
      await ana.trpc.contacts.invite.mutate({ phone: target });
      await ben.trpc.contacts.invite.mutate({ phone: target });
      const cara = await signIn(two);
      await expect(cara.trpc.contacts.invite.mutate({ phone: target })).rejects.toMatchObject({ data: { code: 'TOO_MANY_REQUESTS' } });
      expect([...one.texts, ...two.texts].filter((t) => t.to === target)).toHaveLength(2);
      await Promise.all([ana.close(), ben.close(), cara.close()]);
    } finally {
      await Promise.all([one.stop(), two.stop()]);
    }
  });
});
