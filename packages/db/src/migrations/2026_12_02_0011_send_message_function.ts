import { sql, type Kysely } from 'kysely';

/**
 * `confab_send_message`: a new message in one round trip. It does what the general send path
 * (messages/send-message.ts + insert-message.ts + sync/event-log.ts) does, in the same order and
 * with the same outcomes, under the chat row's lock: membership, the clientId dedupe, the
 * deleted / blocked / admins-only checks, the seq, the insert, the chat and sender updates, and
 * the `message.new` event appended to every current member's stream. PL/pgSQL keeps each
 * statement's plan per connection, so nothing is parsed or planned again per message.
 *
 * It answers a status instead of raising, so the server maps each refusal to the same error as
 * the general path. 'general' means "this send needs the general path" (a member whose chat is
 * hidden must also get `chat.updated`): nothing was changed.
 *
 * `p_payload` is the event as the server built it, with the seq and expiry filled in here.
 */
export const CREATE = sql`
create or replace function confab_send_message(
  p_chat_id text, p_sender_id text, p_client_id text, p_message_id text,
  p_kind text, p_text text, p_media_id text, p_meta jsonb, p_now timestamptz, p_payload jsonb
) returns table (status text, message_id text, seq bigint, expires_at timestamptz, stream_users text[], stream_seqs bigint[])
language plpgsql as $$
#variable_conflict use_column
declare
  v_chat chats%rowtype;
  v_role text;
  v_left bigint;
  v_found boolean;
  v_existing text;
  v_peer text;
  v_seq bigint;
  v_expires timestamptz;
  v_recipients text[];
  v_payload_id bigint;
begin
  select * into v_chat from chats c where c.id = p_chat_id for update;
  if not found then
    return query select 'not_found'::text, null::text, null::bigint, null::timestamptz, null::text[], null::bigint[];
    return;
  end if;
  select m.role, m.left_seq, true into v_role, v_left, v_found from chat_members m where m.chat_id = p_chat_id and m.user_id = p_sender_id;
  if v_found is null then
    return query select 'not_found'::text, null::text, null::bigint, null::timestamptz, null::text[], null::bigint[];
    return;
  end if;
  if v_left is not null then
    return query select 'left'::text, null::text, null::bigint, null::timestamptz, null::text[], null::bigint[];
    return;
  end if;
  select m.id into v_existing from messages m where m.chat_id = p_chat_id and m.sender_id = p_sender_id and m.client_id = p_client_id;
  if v_existing is not null then
    return query select 'duplicate'::text, v_existing, null::bigint, null::timestamptz, null::text[], null::bigint[];
    return;
  end if;
  if v_chat.deleted_at is not null then
    return query select 'deleted'::text, null::text, null::bigint, null::timestamptz, null::text[], null::bigint[];
    return;
  end if;
  if v_chat.kind = 'direct' and v_chat.direct_key is not null then
    v_peer := case when split_part(v_chat.direct_key, ':', 1) = p_sender_id then split_part(v_chat.direct_key, ':', 2) else split_part(v_chat.direct_key, ':', 1) end;
    if exists (select 1 from blocks b where (b.blocker_id = p_sender_id and b.blocked_id = v_peer) or (b.blocker_id = v_peer and b.blocked_id = p_sender_id)) then
      return query select 'blocked'::text, null::text, null::bigint, null::timestamptz, null::text[], null::bigint[];
      return;
    end if;
  end if;
  if v_chat.kind = 'group' and v_chat.send_permission = 'admins' and v_role = 'member' then
    return query select 'admins_only'::text, null::text, null::bigint, null::timestamptz, null::text[], null::bigint[];
    return;
  end if;
  if exists (select 1 from chat_members m where m.chat_id = p_chat_id and m.hidden and m.left_seq is null) then
    return query select 'general'::text, null::text, null::bigint, null::timestamptz, null::text[], null::bigint[];
    return;
  end if;

  v_seq := v_chat.last_seq + 1;
  v_expires := case when v_chat.disappearing_seconds is null then null else p_now + make_interval(secs => v_chat.disappearing_seconds) end;
  insert into messages (id, chat_id, seq, sender_id, client_id, kind, text, media_id, reply_to_id, meta, created_at, edited_at, deleted_at, expires_at)
    values (p_message_id, p_chat_id, v_seq, p_sender_id, p_client_id, p_kind, p_text, p_media_id, null, p_meta, p_now, null, null, v_expires);
  update chats c set last_seq = v_seq, last_activity_at = p_now where c.id = p_chat_id;
  update chat_members m set last_read_seq = v_seq, last_delivered_seq = v_seq where m.chat_id = p_chat_id and m.user_id = p_sender_id;

  -- Streams are locked in user-id order, as appendEvents locks them, so writers never deadlock.
  select array_agg(m.user_id order by m.user_id) into v_recipients from chat_members m where m.chat_id = p_chat_id and m.left_seq is null;
  perform 1 from user_streams s where s.user_id = any(v_recipients) order by s.user_id for update;
  insert into event_payloads (type, message_id, payload, created_at)
    values ('message.new', p_message_id,
      jsonb_set(jsonb_set(p_payload, '{message,seq}', to_jsonb(v_seq)), '{message,expiresAt}',
        case when v_expires is null then 'null'::jsonb else to_jsonb(to_char(v_expires at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) end),
      p_now)
    returning id into v_payload_id;
  return query
    with heads as (
      update user_streams s set last_seq = s.last_seq + 1 where s.user_id = any(v_recipients) returning s.user_id, s.last_seq
    ), appended as (
      insert into events (user_id, seq, payload_id) select h.user_id, h.last_seq, v_payload_id from heads h returning events.user_id, events.seq
    )
    select 'sent'::text, p_message_id, v_seq, v_expires, array_agg(a.user_id), array_agg(a.seq) from appended a;
end
$$`;

export async function up(db: Kysely<any>): Promise<void> {
  await CREATE.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop function if exists confab_send_message(text, text, text, text, text, text, text, jsonb, timestamptz, jsonb)`.execute(db);
}
