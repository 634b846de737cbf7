import { describe, expect, it } from 'vitest';
import { signIn, type SignedInUser } from '@confab/testing/sign-in';
import type { TestServer } from '@confab/testing/test-server';
import { serverForSuite } from '@confab/testing/suite';
import { runAdminCommand } from './commands.js';

describe('npm run admin', () => {
  let server: TestServer, ana: SignedInUser;
  serverForSuite(async (s) => [(server = s), (ana = await signIn(s))][1]);
  const run = (...args: string[]) => runAdminCommand(server.deps.db, args, 'US');

  it('grants and revokes the moderator role by phone number, in any format', async () => {
    await expect(ana.trpc.moderation.reports.query({})).rejects.toMatchObject({ data: { code: 'FORBIDDEN' } });
    const national = ana.phone.replace(/^\+1(\d{3})(\d{3})(\d{4})$/, '($1) $2-$3');
    expect(await run('grant-moderator', national)).toBe(`${ana.phone} is now a moderator`);
    expect(await ana.trpc.moderation.reports.query({})).toEqual({ reports: [] });
    expect(await ana.trpc.me.capabilities.query()).toEqual({ moderator: true });
    expect(await run('revoke-moderator', ana.phone)).toBe(`${ana.phone} is no longer a moderator`);
    await expect(ana.trpc.moderation.reports.query({})).rejects.toMatchObject({ data: { code: 'FORBIDDEN' } });
  });

  it('lifts a suspension', async () => {
    await server.deps.db.updateTable('users').set({ suspendedAt: new Date() }).where('id', '=', ana.user.id).execute();
    expect(await run('unsuspend', ana.phone)).toBe(`${ana.phone} is no longer suspended`);
    expect((await signIn(server, ana.phone)).user.id).toBe(ana.user.id);
  });

  it('explains a mistake instead of guessing', async () => {
    await expect(run()).rejects.toThrow(/Usage: npm run admin/);
    await expect(run('make-admin', ana.phone)).rejects.toThrow(/Usage/);
    await expect(run('grant-moderator', 'not a number')).rejects.toThrow(/not a valid phone number/);
    await expect(run('grant-moderator', '+12015550199')).rejects.toThrow(/No account uses \+12015550199/);
  });
});
