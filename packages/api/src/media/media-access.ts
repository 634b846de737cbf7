import type { Database, Media } from '@confab/db';
import { sql, type Kysely } from 'kysely';
import { storyVisibleTo } from '../stories/story-audience.js';

/**
 * The media row if `userId` may download it, else undefined (callers answer 404 either way, so
 * nobody learns that a media id exists). Allowed:
 *  - the uploader;
 *  - anyone who can see a message carrying it: a member of the chat whose visible window
 *    (chats/membership.ts visibleRange: after max(joinedSeq, clearedSeq), up to leftSeq)
 *    holds that message, not deleted, expired or hidden for them;
 *  - any signed-in user, for a live account's current profile photo, as its owner's
 *    profilePhoto setting allows (everyone, contacts, nobody);
 *  - current members of a chat whose current image it is;
 *  - for a group's current image, also whoever is shown the group before joining: any signed-in
 *    user while the group has a live invite link (its preview shows the image, and the code is
 *    not part of a download), and the invitee of a pending invitation;
 *  - whoever a live story carrying it is shown to (stories/story-audience.ts);
 *  - any signed-in user, for a custom emoticon's image while the emoticon exists (messages
 *    using it reach people outside the owner's chats by forwarding).
 */
export async function findViewableMedia(db: Kysely<Database>, mediaId: string, userId: string, now: Date): Promise<Media | undefined> {
  return db
    .selectFrom('media')
    .selectAll('media')
    .where('media.id', '=', mediaId)
    .where((eb) =>
      eb.or([
        eb('media.ownerId', '=', userId),
        eb.exists(eb.selectFrom('emoticons as e').select('e.id').whereRef('e.mediaId', '=', 'media.id')),
        eb.exists(eb.selectFrom('stories as s').select('s.id').whereRef('s.mediaId', '=', 'media.id').where(storyVisibleTo(userId, now))),
        eb.exists(
          eb
            .selectFrom('users as u')
            .select('u.id')
            .whereRef('u.avatarMediaId', '=', 'media.id')
            .where('u.deletedAt', 'is', null)
            // …as far as its owner's profile-photo privacy setting lets this viewer see it.
            .where(sql<boolean>`coalesce((select us.profile_photo from user_settings us where us.user_id = u.id), 'everyone') = 'everyone'
              or (coalesce((select us.profile_photo from user_settings us where us.user_id = u.id), 'everyone') = 'contacts'
                and exists (select 1 from contacts k where k.owner_id = u.id and k.contact_id = ${userId}))`),
        ),
        eb.exists(
          eb
            .selectFrom('chats as c')
            .innerJoin('chatMembers as cm', 'cm.chatId', 'c.id')
            .select('c.id')
            .whereRef('c.avatarMediaId', '=', 'media.id')
            .where('c.deletedAt', 'is', null)
            .where('cm.userId', '=', userId)
            .where('cm.leftSeq', 'is', null),
        ),
        eb.exists(
          eb
            .selectFrom('chats as c')
            .select('c.id')
            .whereRef('c.avatarMediaId', '=', 'media.id')
            .where('c.deletedAt', 'is', null)
            .where((w) =>
              w.or([
                w.exists(w.selectFrom('groupInviteLinks as l').select('l.chatId').whereRef('l.chatId', '=', 'c.id').where('l.revokedAt', 'is', null)),
                w.exists(
                  w
                    .selectFrom('groupInvitations as i')
                    .select('i.chatId')
                    .whereRef('i.chatId', '=', 'c.id')
                    .where('i.inviteeId', '=', userId)
                    .where('i.status', '=', 'pending')
                    .where('i.expiresAt', '>', now),
                ),
              ]),
            ),
        ),
        eb.exists(
          eb
            .selectFrom('messages as m')
            .innerJoin('chatMembers as cm', 'cm.chatId', 'm.chatId')
            .select('m.id')
            .whereRef('m.mediaId', '=', 'media.id')
            .where('cm.userId', '=', userId)
            .where('m.deletedAt', 'is', null)
            .where(sql<boolean>`m.seq > greatest(cm.joined_seq, cm.cleared_seq)`)
            .where((w) => w.or([w('cm.leftSeq', 'is', null), w('m.seq', '<=', w.ref('cm.leftSeq'))]))
            .where((w) => w.or([w('m.expiresAt', 'is', null), w('m.expiresAt', '>', now)]))
            .where((w) =>
              w.not(
                w.exists(
                  w
                    .selectFrom('hiddenMessages as h')
                    .select('h.messageId')
                    .whereRef('h.messageId', '=', 'm.id')
                    .where('h.userId', '=', userId),
                ),
              ),
            ),
        ),
      ]),
    )
    .executeTakeFirst();
}
