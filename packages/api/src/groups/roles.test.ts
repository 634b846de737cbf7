import { serverForSuite } from '@confab/testing/suite';
import { describe, expect, it } from 'vitest';
import { pngImage } from '@confab/testing/media/images';
import { upload } from '@confab/testing/media/upload';
import type { SignedInUser } from '@confab/testing/sign-in';
import type { TestServer } from '@confab/testing/test-server';
import { expectCode, people } from './testing/group-fixture.js';

type Role = 'owner' | 'admin' | 'member';
type Permissions = { send: 'all' | 'admins'; editInfo: 'all' | 'admins'; addMembers: 'all' | 'admins' };

interface Case {
  action: string;
  permissions?: Partial<Permissions>;
  allowed: Role;
  denied?: Role;
  /** Runs the action as `actor` in a fresh group. */
  run(actor: SignedInUser, g: Group): Promise<unknown>;
}

interface Group {
  chatId: string;
  /** A plain member the action can target. */
  target: SignedInUser;
  /** A second admin (for demote). */
  otherAdmin: SignedInUser;
  outsider: SignedInUser;
  images: Map<string, string>;
}

const cases: Case[] = [
  { action: 'rename (editInfo: admins)', permissions: { editInfo: 'admins' }, allowed: 'admin', denied: 'member', run: (a, g) => a.trpc.groups.update.mutate({ chatId: g.chatId, name: 'New name' }) },
  { action: 'rename (editInfo: all)', allowed: 'member', run: (a, g) => a.trpc.groups.update.mutate({ chatId: g.chatId, name: 'New name' }) },
  { action: 'change description (editInfo: admins)', permissions: { editInfo: 'admins' }, allowed: 'admin', denied: 'member', run: (a, g) => a.trpc.groups.update.mutate({ chatId: g.chatId, description: 'About us' }) },
  { action: 'set image (editInfo: admins)', permissions: { editInfo: 'admins' }, allowed: 'admin', denied: 'member', run: (a, g) => a.trpc.groups.setImage.mutate({ chatId: g.chatId, mediaId: g.images.get(a.user.id)! }) },
  { action: 'remove image (editInfo: admins)', permissions: { editInfo: 'admins' }, allowed: 'admin', denied: 'member', run: (a, g) => a.trpc.groups.removeImage.mutate({ chatId: g.chatId }) },
  { action: 'add (addMembers: admins)', permissions: { addMembers: 'admins' }, allowed: 'admin', denied: 'member', run: (a, g) => a.trpc.groups.addMembers.mutate({ chatId: g.chatId, userIds: [g.outsider.user.id] }) },
  { action: 'add (addMembers: all)', allowed: 'member', run: (a, g) => a.trpc.groups.addMembers.mutate({ chatId: g.chatId, userIds: [g.outsider.user.id] }) },
  { action: 'remove', allowed: 'admin', denied: 'member', run: (a, g) => a.trpc.groups.removeMember.mutate({ chatId: g.chatId, userId: g.target.user.id }) },
  { action: 'promote', allowed: 'admin', denied: 'member', run: (a, g) => a.trpc.groups.promote.mutate({ chatId: g.chatId, userId: g.target.user.id }) },
  { action: 'demote', allowed: 'admin', denied: 'member', run: (a, g) => a.trpc.groups.demote.mutate({ chatId: g.chatId, userId: g.otherAdmin.user.id }) },
  {
    action: 'change permissions',
    allowed: 'admin',
    denied: 'member',
    run: (a, g) => a.trpc.groups.setPermissions.mutate({ chatId: g.chatId, send: 'admins', editInfo: 'admins', addMembers: 'admins' }),
  },
  { action: 'create link (addMembers: admins)', permissions: { addMembers: 'admins' }, allowed: 'admin', denied: 'member', run: (a, g) => a.trpc.groups.inviteLink.mutate({ chatId: g.chatId }) },
  { action: 'create link (addMembers: all)', allowed: 'member', run: (a, g) => a.trpc.groups.inviteLink.mutate({ chatId: g.chatId }) },
  { action: 'revoke link', allowed: 'admin', denied: 'member', run: (a, g) => a.trpc.groups.revokeInviteLink.mutate({ chatId: g.chatId }) },
  { action: 'delete', allowed: 'owner', denied: 'admin', run: (a, g) => a.trpc.groups.delete.mutate({ chatId: g.chatId }) },
  { action: 'send (send: admins)', permissions: { send: 'admins' }, allowed: 'admin', denied: 'member', run: (a, g) => a.trpc.messages.send.mutate({ chatId: g.chatId, clientId: `m-${a.user.id}`, text: 'hello' }) },
  {
    action: 'post a poll (send: admins)',
    permissions: { send: 'admins' },
    allowed: 'admin',
    denied: 'member',
    run: (a, g) => a.trpc.polls.create.mutate({ chatId: g.chatId, question: 'When?', options: ['Mon', 'Tue'], multipleAnswers: false }),
  },
];

describe('group role matrix', () => {
  let server: TestServer, owner: SignedInUser, admin: SignedInUser, member: SignedInUser, target: SignedInUser, otherAdmin: SignedInUser, outsider: SignedInUser;
  const images = new Map<string, string>();

  serverForSuite(async (s) => {
    server = s;
    [owner, admin, member, target, otherAdmin, outsider] = await people(server, ['Olga', 'Adam', 'Mia', 'Tom', 'Ada', 'Otto']);
    for (const user of [owner, admin, member]) {
      const uploaded = await upload(server.url, user.tokens.accessToken, await pngImage(16, 16), { contentType: 'image/png' });
      images.set(user.user.id, uploaded.body.mediaId);
    }
    return [owner, admin, member, target, otherAdmin, outsider];
  });

  const byRole = (role: Role) => ({ owner, admin, member })[role];

  async function freshGroup(permissions: Partial<Permissions> = {}): Promise<Group> {
    const { chat } = await owner.trpc.groups.create.mutate({ name: 'Matrix', memberIds: [admin.user.id, member.user.id, target.user.id, otherAdmin.user.id], imageMediaId: images.get(owner.user.id)! });
    await owner.trpc.groups.promote.mutate({ chatId: chat.id, userId: admin.user.id });
    await owner.trpc.groups.promote.mutate({ chatId: chat.id, userId: otherAdmin.user.id });
    await owner.trpc.groups.inviteLink.mutate({ chatId: chat.id });
    await owner.trpc.groups.setPermissions.mutate({ chatId: chat.id, send: 'all', editInfo: 'all', addMembers: 'all', ...permissions });
    return { chatId: chat.id, target, otherAdmin, outsider, images };
  }

  for (const c of cases) {
    it(`${c.action}: ${c.allowed} may${c.denied ? `, ${c.denied} gets FORBIDDEN` : ''}`, async () => {
      const group = await freshGroup(c.permissions);
      if (c.denied) await expectCode(c.run(byRole(c.denied), group), 'FORBIDDEN', `${c.action} as ${c.denied}`);
      await expect(c.run(byRole(c.allowed), group)).resolves.toBeDefined();
    });
  }
});
