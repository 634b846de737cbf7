import type { WatchedPage } from '@confab/testing/browser';
import { newPhone } from '@confab/testing/sign-in';
import { createTestClient } from '@confab/testing/test-client';
import type { TestServer } from '@confab/testing/test-server';
import { accessTokenOf } from '@confab/testing/ui';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { decodesFromAll, pictures as shoot, signedInPages } from './support/call-pages';
import { peerStats, WEBRTC_CHROMIUM_ARGS } from './support/webrtc-page';
import { webClientSuite } from './support/web-suite';

const GROUP = 'Climbing club';

const pictures = (page: Page, name: string) => shoot(page, `group-calls-${name}`);
/** Both connections of a page are up and decoding the other two's video (getStats). */
const decodesFromBothOthers = (page: Page) => decodesFromAll(page, 2);

/**
 * A group video call in three Chromium pages (a mesh: each page holds two connections): Ana
 * starts it from the group's header, Ben answers the ring, Cy declines and then joins from the
 * chat's banner; each page decodes the other two; Ben leaves and his tile goes; the last one
 * out ends it and the group shows the call's line.
 */
describe('group video call in the web client (three Chromium pages)', () => {
  let server: TestServer;
  const people: { name: string; phone: string; tab?: WatchedPage }[] = [
    { name: 'Ana Alves', phone: newPhone() },
    { name: 'Ben Brown', phone: newPhone() },
    { name: 'Cy Costa', phone: newPhone() },
  ];
  const page = (i: number) => people[i]!.tab!.page;
  const tiles = (i: number) => page(i).locator('.call-tile');

  webClientSuite({
    name: 'group-calls',
    pages: () => people.map((_, i) => page(i)),
    chromiumArgs: WEBRTC_CHROMIUM_ARGS,
    env: { CALL_SWEEP_MS: '3600000' },
    setup: async (s, browser) => {
      server = s;
      (await signedInPages(browser, server, people)).forEach((tab, i) => (people[i]!.tab = tab));
      // The group is set up over Ana's API (making groups is groups.test.ts's subject).
      const token = await accessTokenOf(page(0));
      const api = createTestClient(server.url, () => token);
      const found = await api.trpc.users.lookup.mutate({ phones: people.slice(1).map((p) => p.phone) });
      await api.trpc.groups.create.mutate({ name: GROUP, memberIds: found.map((f) => f.user.id) });
      await api.close();
      for (const i of [0, 1, 2]) await page(i).locator('.chat-item', { hasText: GROUP }).click();
    },
  });

  it('Ana starts a group video call from the header; Ben and Cy ring', async () => {
    await page(0).getByRole('button', { name: 'Start group video call' }).click();
    await page(0).getByRole('region', { name: `Call with ${GROUP}` }).waitFor();
    for (const i of [1, 2]) await page(i).getByRole('alertdialog', { name: GROUP }).getByText('Incoming group video call').waitFor({ timeout: 20_000 });
  });

  it('Ben answers; Cy declines, sees the join banner and joins; every page decodes both others', async () => {
    await page(1).getByRole('button', { name: 'Answer with video' }).click();
    await page(2).getByRole('button', { name: 'Decline' }).click();
    const banner = page(2).getByRole('region', { name: 'Video call in progress' });
    await banner.getByText('2 people in it').waitFor({ timeout: 20_000 });
    await pictures(page(2), 'join-banner');
    await banner.getByRole('button', { name: 'Join' }).click();
    for (const i of [0, 1, 2]) {
      await decodesFromBothOthers(page(i));
      await expect.poll(() => tiles(i).count()).toBe(2);
      await page(i).locator('.call-screen[data-call-state="connected"]').waitFor();
    }
    const others = people.filter((_, i) => i !== 0).map((p) => p.name);
    for (const name of others) await page(0).getByRole('figure', { name }).waitFor();
    await pictures(page(0), 'in-call');
    // Three pages each encoding and decoding two video streams: slow on a busy machine.
  }, 150_000);

  it('Ben leaves: his tile goes on the other two, whose call goes on', async () => {
    await page(1).getByRole('button', { name: 'Hang up' }).click();
    await page(1).locator('.call-screen').waitFor({ state: 'detached' });
    // The call is still going on for Ben's group: the banner offers to go back in.
    await page(1).getByRole('region', { name: 'Video call in progress' }).getByText('2 people in it').waitFor({ timeout: 20_000 });
    for (const i of [0, 2]) {
      await page(i).getByRole('figure', { name: 'Ben Brown' }).waitFor({ state: 'detached', timeout: 20_000 });
      await expect.poll(async () => (await peerStats(page(i))).map((s) => s.state)).toEqual(['connected']);
    }
  });

  it('the last one out ends it: the banner goes and the group shows the call', async () => {
    await page(0).getByRole('button', { name: 'Hang up' }).click();
    await page(2).getByRole('figure', { name: 'Ana Alves' }).waitFor({ state: 'detached', timeout: 20_000 });
    await page(2).getByRole('button', { name: 'Hang up' }).click();
    for (const i of [0, 1, 2]) {
      await page(i).locator('.call-screen').waitFor({ state: 'detached' });
      await page(i).locator('.msg-call', { hasText: /^Group video call, / }).waitFor({ timeout: 20_000 });
      await expect.poll(() => page(i).getByRole('region', { name: 'Video call in progress' }).count()).toBe(0);
    }
    expect(people.flatMap((p) => p.tab!.errors).filter((e) => !e.includes('favicon'))).toEqual([]);
  });
});
