import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectEvents, messagesOf } from '@confab/testing/event-collector';
import { type SignedInUser } from '@confab/testing/sign-in';
import type { TestServer } from '@confab/testing/test-server';
import { twoPeopleForSuite } from '@confab/testing/two-people';
import { checkAddress } from './address-policy.js';

const PAGE = `<!doctype html><html><head>
  <title>Fallback title</title>
  <meta property="og:title" content="Confab &amp; friends">
  <meta property="og:description" content="A page   about
  messaging.">
  <meta property="og:image" content="/images/card.png">
  <meta property="og:site_name" content="Example">
</head><body>hello</body></html>`;

/** A little web site on loopback, standing in for the internet and for the inside of our network. */
async function startSite() {
  const hits: string[] = [];
  const server: Server = createServer((req, res) => {
    hits.push(req.url ?? '');
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const redirect = (to: string) => res.writeHead(302, { location: to }).end();
    switch (req.url) {
      case '/page':
        return res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE);
      case '/to-metadata':
        return redirect('http://169.254.169.254/latest/meta-data/');
      case '/to-mapped-loopback':
        return redirect(`http://[::ffff:127.0.0.1]:${base.split(':')[2]}/page`);
      case '/hop1':
        return redirect('/hop2');
      case '/hop2':
        return redirect('/hop3');
      case '/hop3':
        return redirect('/page');
      case '/hop0':
        return redirect('/hop1');
      case '/huge':
        // The card only after 1.1 MB of padding: past the 1 MB the server reads.
        res.writeHead(200, { 'content-type': 'text/html' });
        res.write(`<html><head>${' '.repeat(1_100_000)}`);
        return res.end('<meta property="og:title" content="Too far down"></head></html>');
      case '/slow':
        // Headers, then nothing: the 5-second deadline has to end it.
        res.writeHead(200, { 'content-type': 'text/html' });
        return void res.write('<html><head>');
      case '/json':
        return res.writeHead(200, { 'content-type': 'application/json' }).end('{"title":"not a page"}');
      default:
        return res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const close = () =>
    new Promise<void>((r) => {
      server.closeAllConnections();
      server.close(() => r());
    });
  return { hits, url: (path: string) => `http://127.0.0.1:${port}${path}`, port, close };
}

type Site = Awaited<ReturnType<typeof startSite>>;

async function sendLink(ana: SignedInUser, chatId: string, link: string, clientId: string) {
  return ana.trpc.messages.send.mutate({ chatId, clientId, kind: 'link', text: `look at this: ${link}.` });
}

describe('link previews', () => {
  let site: Site;
  beforeAll(async () => {
    site = await startSite();
  });
  afterAll(async () => {
    await site?.close();
  });

  describe('with the production settings', () => {
    let server: TestServer, ana: SignedInUser, ben: SignedInUser, chatId: string;
    twoPeopleForSuite((t) => ({ server, ana, ben, chatId } = t));

    it('refuses a page served on loopback as private, without connecting, and still sends the message', async () => {
      const benEvents = collectEvents(ben);
      await benEvents.started;
      const sent = await sendLink(ana, chatId, site.url('/page'), 'loopback');
      expect(sent).toMatchObject({ kind: 'link', text: `look at this: ${site.url('/page')}.`, meta: { link: { url: site.url('/page'), preview: null } } });
      await expect.poll(() => messagesOf(benEvents).map((m) => m.id)).toContain(sent.id);

      await sendLink(ana, chatId, `http://localhost:${site.port}/page`, 'localhost');
      await sendLink(ana, chatId, `http://[::1]:${site.port}/page`, 'ipv6-loopback');
      await sendLink(ana, chatId, 'http://169.254.169.254/latest/meta-data/', 'metadata');
      const { messages } = await ben.trpc.messages.history.query({ chatId });
      expect(messages.map((m) => (m.meta?.link as { preview: unknown }).preview)).toEqual([null, null, null, null]);
      expect(site.hits).toEqual([]);
      expect(server.logLines.some((l) => l.includes('link_preview.refused') && l.includes('private or loopback address'))).toBe(true);
      benEvents.stop();
    });

    it('needs an http(s) link in a link message', async () => {
      await expect(ana.trpc.messages.send.mutate({ chatId, clientId: 'no-link', kind: 'link', text: 'ftp://example.com/file' })).rejects.toMatchObject({
        data: { code: 'BAD_REQUEST' },
      });
    });
  });

  describe('with private addresses allowed by the test-only setting', () => {
    let server: TestServer, ana: SignedInUser, ben: SignedInUser, chatId: string;
    twoPeopleForSuite((t) => ({ server, ana, ben, chatId } = t), { env: { LINK_PREVIEW_ALLOW_PRIVATE: '1' } });

    it("builds the card from the page's Open Graph tags, and the other side receives it live", async () => {
      const benEvents = collectEvents(ben);
      await benEvents.started;
      const sent = await sendLink(ana, chatId, site.url('/page'), 'og');
      const preview = { url: site.url('/page'), title: 'Confab & friends', description: 'A page about messaging.', imageUrl: site.url('/images/card.png'), siteName: 'Example' };
      expect(sent.meta).toEqual({ link: { url: site.url('/page'), preview } });
      await expect.poll(() => messagesOf(benEvents).find((m) => m.id === sent.id)?.meta).toEqual({ link: { url: site.url('/page'), preview } });
      // A name is resolved by the server and checked like an address.
      expect((await sendLink(ana, chatId, `http://localhost:${site.port}/hop3`, 'by-name')).meta).toMatchObject({ link: { preview: { title: 'Confab & friends' } } });
      benEvents.stop();
    });

    it('refuses redirects to link-local and IPv4-mapped addresses, and more than 3 redirects', async () => {
      const before = site.hits.length;
      for (const path of ['/to-metadata', '/to-mapped-loopback', '/hop0']) {
        const sent = await sendLink(ana, chatId, site.url(path), `refused${path}`);
        expect(sent.meta, path).toEqual({ link: { url: site.url(path), preview: null } });
      }
      // The redirect targets were never fetched: /page is not among the hits.
      expect(site.hits.slice(before)).toEqual(['/to-metadata', '/to-mapped-loopback', '/hop0', '/hop1', '/hop2', '/hop3']);
      expect(server.logLines.some((l) => l.includes('reserved, link-local or multicast address'))).toBe(true);
      expect(server.logLines.some((l) => l.includes('too many redirects'))).toBe(true);
    });

    it('reads at most 1 MB of a page, gives up on a page that stalls, and previews only HTML', async () => {
      expect((await sendLink(ana, chatId, site.url('/huge'), 'huge')).meta).toEqual({ link: { url: site.url('/huge'), preview: null } });
      expect((await sendLink(ana, chatId, site.url('/slow'), 'slow')).meta).toEqual({ link: { url: site.url('/slow'), preview: null } });
      expect(server.logLines.some((l) => l.includes('timed out'))).toBe(true);
      expect((await sendLink(ana, chatId, site.url('/json'), 'json')).meta).toEqual({ link: { url: site.url('/json'), preview: null } });
    });

    it('re-previews a link message whose link the author edits', async () => {
      const sent = await sendLink(ana, chatId, site.url('/json'), 'edit-me');
      const edited = await ana.trpc.messages.edit.mutate({ messageId: sent.id, text: `better: ${site.url('/page')}` });
      expect(edited.meta).toMatchObject({ link: { url: site.url('/page'), preview: { title: 'Confab & friends' } } });
    });
  });

  it('classifies addresses: private and loopback need the test setting, the rest of the reserved space is never fetched', () => {
    const table: [string, 'public' | 'private' | 'never'][] = [
      ['93.184.216.34', 'public'],
      ['2606:4700:4700::1111', 'public'],
      ['127.0.0.1', 'private'],
      ['10.0.0.5', 'private'],
      ['172.16.0.1', 'private'],
      ['192.168.1.1', 'private'],
      ['100.64.0.1', 'private'],
      ['::1', 'private'],
      ['fd12:3456::1', 'private'],
      ['169.254.169.254', 'never'],
      ['0.0.0.0', 'never'],
      ['224.0.0.251', 'never'],
      ['255.255.255.255', 'never'],
      ['fe80::1%eth0', 'never'],
      ['ff02::1', 'never'],
      ['::ffff:127.0.0.1', 'never'],
      ['::ffff:a9fe:a9fe', 'never'],
      ['64:ff9b::a9fe:a9fe', 'never'],
      ['::', 'never'],
    ];
    for (const [address, expected] of table) {
      const strict = checkAddress(address, { allowPrivate: false }).allowed;
      const relaxed = checkAddress(address, { allowPrivate: true }).allowed;
      expect([address, strict, relaxed]).toEqual([address, expected === 'public', expected !== 'never']);
    }
  });
});
