import { sql, type RawBuilder } from 'kysely';

/**
 * Whether the story row `alias` is shown to `viewer` (a user id, or a column reference such as
 * `sql.ref('c.contact_id')`) at `now`. Its author always sees it; anyone else only while it is
 * live and when: each has the other as a contact (a story goes to "my contacts", and my feed
 * shows "my contacts' stories"), neither blocked the other, the author's account is live, and
 * the audience the story was posted with lets them ('except' leaves the listed ones out, 'only'
 * keeps just them). One definition, used by every procedure, the recipients of `story.new` and
 * GET /media/:id.
 */
export function storyVisibleTo(viewer: string | RawBuilder<unknown>, now: Date, alias = 's'): RawBuilder<boolean> {
  const col = (name: string) => sql.ref(`${alias}.${name}`);
  const v = typeof viewer === 'string' ? sql`${viewer}::text` : viewer;
  return sql<boolean>`(${col('expires_at')} > ${now} and (${col('author_id')} = ${v} or (
    exists (select 1 from contacts c1 where c1.owner_id = ${v} and c1.contact_id = ${col('author_id')})
    and exists (select 1 from contacts c2 where c2.owner_id = ${col('author_id')} and c2.contact_id = ${v})
    and not exists (select 1 from blocks b where (b.blocker_id = ${col('author_id')} and b.blocked_id = ${v}) or (b.blocker_id = ${v} and b.blocked_id = ${col('author_id')}))
    and exists (select 1 from users au where au.id = ${col('author_id')} and au.deleted_at is null)
    and (${col('audience')} = 'contacts'
      or (${col('audience')} = 'except' and not ${col('audience_ids')} @> jsonb_build_array(${v}))
      or (${col('audience')} = 'only' and ${col('audience_ids')} @> jsonb_build_array(${v})))
  )))`;
}
