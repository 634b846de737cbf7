import { online } from './declare.js';

/** Groups, their members, roles, invite links and invitations: online. */
export const groups = {
  'groups.create': online.mutation,
  'groups.info': online.query,
  'groups.update': online.mutation,
  'groups.setImage': online.mutation,
  'groups.removeImage': online.mutation,
  'groups.delete': online.mutation,
  'groups.report': online.mutation,
  'groups.members': online.query,
  'groups.addMembers': online.mutation,
  'groups.removeMember': online.mutation,
  'groups.leave': online.mutation,
  'groups.promote': online.mutation,
  'groups.demote': online.mutation,
  'groups.setPermissions': online.mutation,
  'groups.inviteLink': online.mutation,
  'groups.revokeInviteLink': online.mutation,
  'groups.previewInvite': online.query,
  'groups.joinViaLink': online.mutation,
  'groups.invitations': online.query,
  'groups.acceptInvitation': online.mutation,
  'groups.declineInvitation': online.mutation,
};
