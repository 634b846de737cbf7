import { authedProcedure, router } from '../trpc.js';
import { addMembers, addMembersInput } from './add-members.js';
import { createGroup, createGroupInput } from './create-group.js';
import { deleteGroup } from './delete-group.js';
import { chatAndUser, chatIdOnly } from './group-inputs.js';
import { acceptInvitation, declineInvitation, invitationIdInput, myInvitations } from './invitations.js';
import { inviteLink, revokeInviteLink } from './invite-link.js';
import { inviteCodeInput, joinViaLink, previewInvite } from './join-via-link.js';
import { leaveGroup } from './leave-group.js';
import { groupInfo, listMembers } from './members.js';
import { removeMember } from './remove-member.js';
import { reportGroup, reportGroupInput } from './report-group.js';
import { demote, promote } from './roles.js';
import { removeImage, setImage, setImageInput } from './set-image.js';
import { setPermissions, setPermissionsInput } from './set-permissions.js';
import { updateGroup, updateGroupInput } from './update-group.js';

export const groupsRouter = router({
  create: authedProcedure.input(createGroupInput).mutation(({ ctx, input }) => createGroup(ctx, input)),
  info: authedProcedure.input(chatIdOnly).query(({ ctx, input }) => groupInfo(ctx, input)),
  update: authedProcedure.input(updateGroupInput).mutation(({ ctx, input }) => updateGroup(ctx, input)),
  setImage: authedProcedure.input(setImageInput).mutation(({ ctx, input }) => setImage(ctx, input)),
  removeImage: authedProcedure.input(chatIdOnly).mutation(({ ctx, input }) => removeImage(ctx, input)),
  delete: authedProcedure.input(chatIdOnly).mutation(({ ctx, input }) => deleteGroup(ctx, input)),
  report: authedProcedure.input(reportGroupInput).mutation(({ ctx, input }) => reportGroup(ctx, input)),

  members: authedProcedure.input(chatIdOnly).query(({ ctx, input }) => listMembers(ctx, input)),
  addMembers: authedProcedure.input(addMembersInput).mutation(({ ctx, input }) => addMembers(ctx, input)),
  removeMember: authedProcedure.input(chatAndUser).mutation(({ ctx, input }) => removeMember(ctx, input)),
  leave: authedProcedure.input(chatIdOnly).mutation(({ ctx, input }) => leaveGroup(ctx, input)),
  promote: authedProcedure.input(chatAndUser).mutation(({ ctx, input }) => promote(ctx, input)),
  demote: authedProcedure.input(chatAndUser).mutation(({ ctx, input }) => demote(ctx, input)),
  setPermissions: authedProcedure.input(setPermissionsInput).mutation(({ ctx, input }) => setPermissions(ctx, input)),

  inviteLink: authedProcedure.input(chatIdOnly).mutation(({ ctx, input }) => inviteLink(ctx, input)),
  revokeInviteLink: authedProcedure.input(chatIdOnly).mutation(({ ctx, input }) => revokeInviteLink(ctx, input)),
  previewInvite: authedProcedure.input(inviteCodeInput).query(({ ctx, input }) => previewInvite(ctx, input)),
  joinViaLink: authedProcedure.input(inviteCodeInput).mutation(({ ctx, input }) => joinViaLink(ctx, input)),

  invitations: authedProcedure.query(({ ctx }) => myInvitations(ctx)),
  acceptInvitation: authedProcedure.input(invitationIdInput).mutation(({ ctx, input }) => acceptInvitation(ctx, input)),
  declineInvitation: authedProcedure.input(invitationIdInput).mutation(({ ctx, input }) => declineInvitation(ctx, input)),
});
