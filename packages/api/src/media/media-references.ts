import type { Database } from '@confab/db';
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';

/**
 * Whether anything still uses the `media` row in scope: a message (an original or a forwarded
 * copy, which shares the media id; a sticker), someone's profile photo, a group image, a
 * member's chat wallpaper, or a story not yet swept. A file used by any of these must stay on the server.
 */
export function isReferenced(eb: ExpressionBuilder<Database, 'media'>): Expression<SqlBool> {
  return eb.or([
    eb.exists(eb.selectFrom('messages as m').select('m.id').whereRef('m.mediaId', '=', 'media.id')),
    eb.exists(eb.selectFrom('stories as s').select('s.id').whereRef('s.mediaId', '=', 'media.id')),
    eb.exists(eb.selectFrom('users as u').select('u.id').whereRef('u.avatarMediaId', '=', 'media.id')),
    eb.exists(eb.selectFrom('chats as c').select('c.id').whereRef('c.avatarMediaId', '=', 'media.id')),
    eb.exists(eb.selectFrom('emoticons as e').select('e.id').whereRef('e.mediaId', '=', 'media.id')),
    eb.exists(
      eb
        .selectFrom('chatMembers as cm')
        .select('cm.userId')
        // The partial index's condition, as a literal so even a generic plan may use that index
        // (chats/own-settings.ts stores a wallpaper as 'media:<id>').
        .where('cm.background', 'like', sql.lit('media:%'))
        .where('cm.background', '=', sql<string>`'media:' || ${eb.ref('media.id')}`),
    ),
  ]);
}
