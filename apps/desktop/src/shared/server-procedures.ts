/**
 * Server procedures the screens call online, as they are: groups, polls, contacts and the
 * chat-info actions. The web build calls them over HTTP; the desktop build asks its main process
 * (bridge method `callServer`), which calls them with its own session and refuses any procedure
 * not listed here. Whatever they change comes back to the desktop cache as sync events.
 * Kept free of zod and runtime imports: the sandboxed preload bundle shares this folder.
 */
import type { RouterInputs, RouterOutputs } from '@confab/api';

export const SERVER_PROCEDURES = {
  'groups.create': 'mutation',
  'groups.info': 'query',
  'groups.update': 'mutation',
  'groups.setImage': 'mutation',
  'groups.removeImage': 'mutation',
  'groups.delete': 'mutation',
  'groups.report': 'mutation',
  'groups.members': 'query',
  'groups.addMembers': 'mutation',
  'groups.removeMember': 'mutation',
  'groups.leave': 'mutation',
  'groups.promote': 'mutation',
  'groups.demote': 'mutation',
  'groups.setPermissions': 'mutation',
  'groups.inviteLink': 'mutation',
  'groups.revokeInviteLink': 'mutation',
  'groups.previewInvite': 'query',
  'groups.joinViaLink': 'mutation',
  'groups.invitations': 'query',
  'groups.acceptInvitation': 'mutation',
  'groups.declineInvitation': 'mutation',
  'polls.create': 'mutation',
  'polls.vote': 'mutation',
  'polls.results': 'query',
  'contacts.list': 'query',
  'chats.media': 'query',
  'chats.commonGroups': 'query',
  'chats.setDisappearing': 'mutation',
  'chats.mute': 'mutation',
  'chats.hide': 'mutation',
  'chats.clear': 'mutation',
  'chats.setTheme': 'mutation',
  'chats.setBackground': 'mutation',
  'messages.forward': 'mutation',
  'messages.receipts': 'query',
  'users.presence': 'query',
  'users.blocked': 'query',
  'users.block': 'mutation',
  'users.unblock': 'mutation',
  'users.report': 'mutation',
} as const satisfies Record<string, 'query' | 'mutation'>;

export type ServerProcedure = keyof typeof SERVER_PROCEDURES;

export const SERVER_PROCEDURE_NAMES = Object.keys(SERVER_PROCEDURES) as [ServerProcedure, ...ServerProcedure[]];

type Split<P extends string> = P extends `${infer R}.${infer N}` ? [R, N] : never;
type Part<T, P extends ServerProcedure> = Split<P> extends [infer R, infer N] ? (R extends keyof T ? (N extends keyof T[R] ? T[R][N] : never) : never) : never;

export type ServerInput<P extends ServerProcedure> = Part<RouterInputs, P>;
export type ServerOutput<P extends ServerProcedure> = Part<RouterOutputs, P>;

/** Calls one listed procedure; `input` is omitted for procedures that take none. */
export type ServerCall = <P extends ServerProcedure>(procedure: P, ...input: undefined extends ServerInput<P> ? [ServerInput<P>?] : [ServerInput<P>]) => Promise<ServerOutput<P>>;
