import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { ChildServers, signInTestNumber } from '@confab/testing/child-servers';
import { createTestClient } from '@confab/testing/test-client';

const ANA = '+12015550101';
const BEN = '+12015550102';
const repoRoot = path.resolve(import.meta.dirname, '../../..');

/** Production runs the server built to JavaScript with plain node (`npm start`), not tsx. */
describe('the built server', () => {
  const children = new ChildServers();
  const folders: string[] = [];
  afterAll(async () => {
    await children.dispose();
    for (const folder of folders) await rm(folder, { recursive: true, force: true });
  });

  it('builds to one JavaScript file that plain node runs: migrates, signs people in and carries a message', async () => {
    // Inside the repo, as out/server is: the bundle imports its npm dependencies from node_modules.
    await mkdir(path.join(repoRoot, 'out'), { recursive: true });
    const folder = await mkdtemp(path.join(repoRoot, 'out', 'built-server-test-'));
    folders.push(folder);
    const outDir = path.join(folder, 'server');
    await promisify(execFile)(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--config', 'apps/server/vite.server.config.ts', '--outDir', outDir, '--logLevel', 'warn'], { cwd: repoRoot });

    const server = await children.spawn(await children.environment('built', [ANA, BEN]), undefined, ['--enable-source-maps', path.join(outDir, 'main.js')]);
    const ana = await signInTestNumber(server.url, ANA, 'built');
    const ben = await signInTestNumber(server.url, BEN, 'built');
    const anaClient = createTestClient(server.url, () => ana.accessToken, { everythingOverWebSocket: true });
    const benClient = createTestClient(server.url, () => ben.accessToken);
    const { id: chatId } = await anaClient.trpc.chats.openDirect.mutate({ userId: ben.user.id });
    await anaClient.trpc.messages.send.mutate({ chatId, clientId: 'hi', text: 'from the built server' });
    const { messages } = await benClient.trpc.messages.history.query({ chatId, limit: 10 });
    expect(messages.map((m) => m.text)).toEqual(['from the built server']);
    await Promise.all([anaClient.close(), benClient.close()]);
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
  });
});
