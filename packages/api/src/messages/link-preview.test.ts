import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SignedInUser } from '@confab/testing/sign-in';
import { twoPeopleForSuite } from '@confab/testing/two-people';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

describe('messages.linkPreview: the card shown above the composer while typing', () => {
  let site: Server, base: string;
  let ana: SignedInUser, chatId: string;
  beforeAll(async () => {
    site = createServer((req, res) =>
      req.url === '/article'
        ? res.writeHead(200, { 'content-type': 'text/html' }).end('<html><head><meta property="og:title" content="Rivers of Europe"><meta property="og:description" content="A long read."></head></html>')
        : res.writeHead(404).end(),
    );
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => site.close(() => resolve())));
  twoPeopleForSuite((t) => ({ ana, chatId } = t), { env: { LINK_PREVIEW_ALLOW_PRIVATE: '1' } });

  it('finds the link in the typed text, and the message sent carries the same card', async () => {
    const typed = `have you read ${base}/article ?`;
    const shown = await ana.trpc.messages.linkPreview.query({ url: typed });
    expect(shown).toMatchObject({ url: `${base}/article`, preview: { title: 'Rivers of Europe', description: 'A long read.' } });
    const sent = await ana.trpc.messages.send.mutate({ chatId, clientId: 'l1', kind: 'link', text: typed });
    expect(sent.meta).toMatchObject({ link: { url: `${base}/article`, preview: { title: 'Rivers of Europe' } } });
  });

  it('answers no card for text without a link or a page with none', async () => {
    expect(await ana.trpc.messages.linkPreview.query({ url: 'no link here' })).toEqual({ url: null, preview: null });
    expect(await ana.trpc.messages.linkPreview.query({ url: `${base}/missing` })).toEqual({ url: `${base}/missing`, preview: null });
  });
});
