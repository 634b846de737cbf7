import { sql, type Kysely } from 'kysely';

/**
 * Indexes for auth housekeeping (api/src/auth/auth-housekeeping.ts), so each of its periodic
 * deletes reads only the rows it removes instead of scanning tables that grow with every
 * sign-in, refresh and code request.
 */
export async function up(db: Kysely<any>): Promise<void> {
  // Live sessions by last use: finding the ones idle past the limit.
  await db.schema.createIndex('sessions_live_last_used_idx').on('sessions').column('last_used_at').where(sql.ref('revoked_at'), 'is', null).execute();
  // Ended sessions by end time: deleting them after the retention period.
  await db.schema.createIndex('sessions_ended_idx').on('sessions').column('revoked_at').where(sql.ref('revoked_at'), 'is not', null).execute();
  // Spent tokens by session: deleting an ended session's (and the foreign key's cascade) without a scan.
  await db.schema.createIndex('spent_refresh_tokens_session_idx').on('spent_refresh_tokens').column('session_id').execute();
  await db.schema.createIndex('spent_refresh_tokens_spent_at_idx').on('spent_refresh_tokens').column('spent_at').execute();
  await db.schema.createIndex('otp_codes_expires_at_idx').on('otp_codes').column('expires_at').execute();
  await db.schema.createIndex('auth_lockouts_updated_at_idx').on('auth_lockouts').column('updated_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const index of [
    'auth_lockouts_updated_at_idx',
    'otp_codes_expires_at_idx',
    'spent_refresh_tokens_spent_at_idx',
    'spent_refresh_tokens_session_idx',
    'sessions_ended_idx',
    'sessions_live_last_used_idx',
  ]) {
    await db.schema.dropIndex(index).execute();
  }
}
