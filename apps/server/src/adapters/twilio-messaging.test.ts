import { pino } from 'pino';
import { ManualClock } from '@confab/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeTwilioMessaging } from '@confab/testing/fake-twilio-messaging';
import { newPhone, signIn } from '@confab/testing/sign-in';
import { startTestServer, type TestServer } from '@confab/testing/test-server';
import { TwilioMessagingSender } from './twilio-messaging.js';

const settings = { accountSid: `AC${'a1'.repeat(16)}`, authToken: 'token-token-token', messagingServiceSid: `MG${'b2'.repeat(16)}` };

describe('invitations through Twilio Messaging (a loopback fake of its HTTP API)', () => {
  let fake: FakeTwilioMessaging, server: TestServer;
  // The sender's own clock, so the test can wait out Twilio's pause.
  const senderClock = new ManualClock();
  beforeAll(async () => {
    fake = await FakeTwilioMessaging.start(settings);
    server = await startTestServer({ sms: new TwilioMessagingSender(settings, pino({ level: 'silent' }), { httpClient: fake.httpClient() }, senderClock) });
  });
  afterAll(async () => {
    await server?.stop();
    await fake?.close();
  });

  it('sends the invitation as Twilio expects it: the messaging service, the number, the text', async () => {
    const ana = await signIn(server);
    const phone = newPhone();
    const result = await ana.trpc.contacts.invite.mutate({ phone });
    expect(result.status).toBe('sent');
    expect(fake.requests.at(-1)).toMatchObject({ path: `/2010-04-01/Accounts/${settings.accountSid}/Messages.json`, status: 201, form: { MessagingServiceSid: settings.messagingServiceSid, To: phone } });
    expect(fake.sent.at(-1)?.body).toContain(result.link);
    await ana.close();
  });

  it("maps Twilio's refusals to clear answers and never retries", async () => {
    const ana = await signIn(server);
    fake.failNext({ code: 21614, status: 400, message: "'To' number is not a valid mobile number" });
    await expect(ana.trpc.contacts.invite.mutate({ phone: newPhone() })).rejects.toMatchObject({ data: { code: 'BAD_REQUEST' }, message: 'This number cannot receive texts' });
    const before = fake.requests.length;
    fake.failNext({ code: 20429, status: 429, message: 'Too Many Requests' });
    await expect(ana.trpc.contacts.invite.mutate({ phone: newPhone() })).rejects.toMatchObject({ data: { code: 'TOO_MANY_REQUESTS' } });
    expect(fake.requests.length).toBe(before + 1);
    await ana.close();
  });

  it('after Twilio asks to slow down, every invitation waits out the pause without asking Twilio, then goes again', async () => {
    const ben = await signIn(server);
    senderClock.advance(16 * 60_000); // past any pause an earlier test started
    // A success resets the back-off: the next refusal pauses for the first 60 s again.
    expect((await ben.trpc.contacts.invite.mutate({ phone: newPhone() })).status).toBe('sent');
    fake.failNext({ code: 20429, status: 429, message: 'Too Many Requests' });
    await expect(ben.trpc.contacts.invite.mutate({ phone: newPhone() })).rejects.toMatchObject({ data: { code: 'TOO_MANY_REQUESTS' } });
    const asked = fake.requests.length;
    // Another number, another moment: still paused, and Twilio hears nothing.
    senderClock.advance(30_000);
    await expect(ben.trpc.contacts.invite.mutate({ phone: newPhone() })).rejects.toMatchObject({ data: { code: 'TOO_MANY_REQUESTS' } });
    expect(fake.requests.length).toBe(asked);
    senderClock.advance(31_000);
    expect((await ben.trpc.contacts.invite.mutate({ phone: newPhone() })).status).toBe('sent');
    expect(fake.requests.length).toBe(asked + 1);
    await ben.close();
  });
});
