import { screenshot, type WatchedPage } from '@confab/testing/browser';
import { newPhone } from '@confab/testing/sign-in';
import { createTestClient } from '@confab/testing/test-client';
import { accessTokenOf } from '@confab/testing/ui';
import { describe, expect, it } from 'vitest';
import { decodesFromAll, signedInPages } from './support/call-pages';
import { WEBRTC_CHROMIUM_ARGS } from './support/webrtc-page';
import { webClientSuite } from './support/web-suite';

const GROUP = 'Book club';

/**
 * A late joiner of a group call (three Chromium pages): Ana and Ben are in the group's video
 * call and connected when Ana adds Cy to the group. Cy was never rung and had no part in the
 * call; his page shows the chat's join banner, he joins from it, and every page decodes both
 * others. Then Ana leaves: her tile goes on the other two, whose call goes on.
 */
describe('joining a group call late, from the chat banner (three Chromium pages)', () => {
  let cyId: string;
  const people: { name: string; phone: string; tab?: WatchedPage }[] = [
    { name: 'Ana Alves', phone: newPhone() },
    { name: 'Ben Brown', phone: newPhone() },
    { name: 'Cy Costa', phone: newPhone() },
  ];
  const page = (i: number) => people[i]!.tab!.page;
  const tiles = (i: number) => page(i).locator('.call-tile');
  let anaApi: ReturnType<typeof createTestClient>;
  let chatId: string;

  webClientSuite({
    name: 'group-call-late-joiner',
    pages: () => people.map((_, i) => page(i)),
    chromiumArgs: WEBRTC_CHROMIUM_ARGS,
    env: { CALL_SWEEP_MS: '3600000' },
    setup: async (server, browser) => {
      (await signedInPages(browser, server, people)).forEach((tab, i) => (people[i]!.tab = tab));
      // The group (Ana and Ben only, for now) is made over Ana's API; groups.test.ts covers making them.
      const token = await accessTokenOf(page(0));
      anaApi = createTestClient(server.url, () => token);
      const found = await anaApi.trpc.users.lookup.mutate({ phones: people.slice(1).map((p) => p.phone) });
      const ben = found.find((f) => f.phone === people[1]!.phone) ?? found[0]!;
      cyId = found.find((f) => f.user.id !== ben.user.id)!.user.id;
      chatId = (await anaApi.trpc.groups.create.mutate({ name: GROUP, memberIds: [ben.user.id] })).chat.id;
      for (const i of [0, 1]) await page(i).locator('.chat-item', { hasText: GROUP }).click();
    },
    teardown: async () => {
      await anaApi?.close();
    },
  });

  it('Ana starts the group’s video call and Ben answers: they connect', async () => {
    await page(0).getByRole('button', { name: 'Start group video call' }).click();
    await page(1).getByRole('button', { name: 'Answer with video' }).click({ timeout: 20_000 });
    for (const i of [0, 1]) {
      await decodesFromAll(page(i), 1);
      await page(i).locator('.call-screen[data-call-state="connected"]').waitFor();
    }
    expect(await page(2).locator('.chat-item', { hasText: GROUP }).count()).toBe(0);
  });

  it('Ana adds Cy to the group mid-call: he sees the banner, joins from it, and every page decodes both others', async () => {
    await anaApi.trpc.groups.addMembers.mutate({ chatId, userIds: [cyId] });
    await page(2).locator('.chat-item', { hasText: GROUP }).click({ timeout: 20_000 });
    // Never rung: no incoming-call screen, only the chat's banner.
    expect(await page(2).locator('.call-incoming').count()).toBe(0);
    const banner = page(2).getByRole('region', { name: 'Video call in progress' });
    await banner.getByText('2 people in it').waitFor({ timeout: 20_000 });
    await banner.getByRole('button', { name: 'Join' }).click();
    for (const i of [0, 1, 2]) {
      await decodesFromAll(page(i), 2);
      await expect.poll(() => tiles(i).count()).toBe(2);
      await page(i).locator('.call-screen[data-call-state="connected"]').waitFor();
    }
    for (const name of ['Ana Alves', 'Ben Brown']) await page(2).getByRole('figure', { name }).waitFor();
    await screenshot(page(2), 'group-call-late-joiner-in-call');
    // Three pages each decoding two videos on a shared machine: the waits add up.
  }, 150_000);

  it('Ana leaves: her tile goes on Ben’s and Cy’s pages, and their call goes on', async () => {
    await page(0).getByRole('button', { name: 'Hang up' }).click();
    await page(0).locator('.call-screen').waitFor({ state: 'detached' });
    for (const i of [1, 2]) {
      await page(i).getByRole('figure', { name: 'Ana Alves' }).waitFor({ state: 'detached', timeout: 20_000 });
      await expect.poll(() => tiles(i).count()).toBe(1);
      await decodesFromAll(page(i), 1);
    }
    // The last two out: the call ends.
    for (const i of [1, 2]) {
      await page(i).getByRole('button', { name: 'Hang up' }).click();
      await page(i).locator('.call-screen').waitFor({ state: 'detached', timeout: 20_000 });
    }
    for (const i of [0, 1, 2]) await page(i).locator('.msg-call', { hasText: /^Group video call, / }).waitFor({ timeout: 20_000 });
    expect(people.flatMap((p) => p.tab!.errors).filter((e) => !e.includes('favicon'))).toEqual([]);
  });
});
