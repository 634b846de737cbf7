import { sql, type Kysely } from 'kysely';
import { CREATE as SEND_0011 } from './2026_12_02_0011_send_message_function.js';

/**
 * Group chats get one event stream each: an event every member of a group sees (a message, an
 * edit, a reaction) is one `chat_events` row, not one `events` row per member. A member's stream
 * is their own events merged with the chat streams of their groups, each chat read only within
 * the member's windows (`stream_windows`: chat seqs `from_seq < seq <= to_seq`), so a removed
 * member sees nothing after their removal and nothing from before they joined.
 *
 * Windows are kept exact where events are appended (sync/chat-stream-append.ts): they follow
 * the recipients the change named. So that a message need not compare its recipients with the
 * windows every time, a trigger bumps `members_version` whenever a group's membership changes;
 * while it equals `windows_version` the open windows are the current members.
 *
 * `num` is a short number for the chat in resume tokens (sync/cursor.ts).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table chat_streams (
    chat_id text primary key references chats(id) on delete cascade,
    num serial not null unique,
    last_seq bigint not null default 0,
    members_version bigint not null default 0,
    windows_version bigint not null default -1
  )`.execute(db);
  await sql`create table chat_events (
    chat_num integer not null references chat_streams(num) on delete cascade,
    seq bigint not null,
    payload_id bigint not null references event_payloads(id) on delete cascade,
    windows_changed boolean not null default false,
    primary key (chat_num, seq)
  )`.execute(db);
  await sql`create index chat_events_payload_idx on chat_events (payload_id)`.execute(db);
  await sql`create table stream_windows (
    user_id text not null references users(id) on delete cascade,
    chat_num integer not null references chat_streams(num) on delete cascade,
    from_seq bigint not null,
    to_seq bigint,
    primary key (user_id, chat_num, from_seq)
  )`.execute(db);
  await sql`create index stream_windows_open_idx on stream_windows (chat_num, user_id) where to_seq is null`.execute(db);

  // Every existing group starts with an empty stream that its current members see from the start.
  await sql`insert into chat_streams (chat_id, members_version, windows_version) select id, 0, 0 from chats where kind = 'group'`.execute(db);
  await sql`insert into stream_windows (user_id, chat_num, from_seq)
    select m.user_id, s.num, 0 from chat_members m join chat_streams s on s.chat_id = m.chat_id where m.left_seq is null`.execute(db);

  await sql`create function confab_chat_members_changed() returns trigger language plpgsql as $$
begin
  if tg_op = 'INSERT' then
    insert into chat_streams (chat_id) select c.id from chats c where c.id = new.chat_id and c.kind = 'group'
      on conflict (chat_id) do update set members_version = chat_streams.members_version + 1;
  elsif tg_op = 'DELETE' then
    update chat_streams set members_version = members_version + 1 where chat_id = old.chat_id;
  elsif new.left_seq is distinct from old.left_seq then
    update chat_streams set members_version = members_version + 1 where chat_id = new.chat_id;
  end if;
  return null;
end
$$`.execute(db);
  await sql`create trigger chat_members_changed after insert or delete or update of left_seq on chat_members
    for each row execute function confab_chat_members_changed()`.execute(db);

  await sql`drop function confab_send_message(text, text, text, text, text, text, text, jsonb, timestamptz, jsonb)`.execute(db);
  await SEND.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop function confab_send_message(text, text, text, text, text, text, text, jsonb, timestamptz, jsonb)`.execute(db);
  await SEND_0011.execute(db);
  await sql`drop trigger chat_members_changed on chat_members`.execute(db);
  await sql`drop function confab_chat_members_changed()`.execute(db);
  await sql`drop table stream_windows`.execute(db);
  await sql`drop table chat_events`.execute(db);
  await sql`drop table chat_streams`.execute(db);
}

/**
 * `confab_send_message` as in migration 0011, except that a group's message is appended once,
 * to the chat's stream. When the group's windows are not known to be its members (membership
 * changed since the last event), it answers 'general': the general path brings them up to date.
 * `stream_users` are then the recipients (for Web Push), `stream_seqs` null, and `chat_num`,
 * `chat_seq` the chat stream's entry.
 */
const SEND = sql`
create or replace function confab_send_message(
  p_chat_id text, p_sender_id text, p_client_id text, p_message_id text,
  p_kind text, p_text text, p_media_id text, p_meta jsonb, p_now timestamptz, p_payload jsonb
) returns table (status text, message_id text, seq bigint, expires_at timestamptz, stream_users text[], stream_seqs bigint[], chat_num integer, chat_seq bigint)
language plpgsql as $$
#variable_conflict use_column
declare
  v_chat chats%rowtype;
  v_stream chat_streams%rowtype;
  v_role text;
  v_left bigint;
  v_found boolean;
  v_existing text;
  v_peer text;
  v_seq bigint;
  v_chat_seq bigint;
  v_expires timestamptz;
  v_recipients text[];
  v_payload_id bigint;
begin
  select * into v_chat from chats c where c.id = p_chat_id for update;
  if not found then
    return query select 'not_found'::text, null::text, null::bigint, null::timestamptz, null::text[], null::bigint[], null::integer, null::bigint;
    return;
  end if;
  select m.role, m.left_seq, true into v_role, v_left, v_found from chat_members m where m.chat_id = p_chat_id and m.user_id = p_sender_id;
  if v_found is null then
    return query select 'not_found'::text, null::text, null::bigint, null::timestamptz, null::text[], null::bigint[], null::integer, null::bigint;
    return;
  end if;
  if v_left is not null then
    return query select 'left'::text, null::text, null::bigint, null::timestamptz, null::text[], null::bigint[], null::integer, null::bigint;
    return;
  end if;
  select m.id into v_existing from messages m where m.chat_id = p_chat_id and m.sender_id = p_sender_id and m.client_id = p_client_id;
  if v_existing is not null then
    return query select 'duplicate'::text, v_existing, null::bigint, null::timestamptz, null::text[], null::bigint[], null::integer, null::bigint;
    return;
  end if;
  if v_chat.deleted_at is not null then
    return query select 'deleted'::text, null::text, null::bigint, null::timestamptz, null::text[], null::bigint[], null::integer, null::bigint;
    return;
  end if;
  if v_chat.kind = 'direct' and v_chat.direct_key is not null then
    v_peer := case when split_part(v_chat.direct_key, ':', 1) = p_sender_id then split_part(v_chat.direct_key, ':', 2) else split_part(v_chat.direct_key, ':', 1) end;
    if exists (select 1 from blocks b where (b.blocker_id = p_sender_id and b.blocked_id = v_peer) or (b.blocker_id = v_peer and b.blocked_id = p_sender_id)) then
      return query select 'blocked'::text, null::text, null::bigint, null::timestamptz, null::text[], null::bigint[], null::integer, null::bigint;
      return;
    end if;
  end if;
  if v_chat.kind = 'group' and v_chat.send_permission = 'admins' and v_role = 'member' then
    return query select 'admins_only'::text, null::text, null::bigint, null::timestamptz, null::text[], null::bigint[], null::integer, null::bigint;
    return;
  end if;
  if exists (select 1 from chat_members m where m.chat_id = p_chat_id and m.hidden and m.left_seq is null) then
    return query select 'general'::text, null::text, null::bigint, null::timestamptz, null::text[], null::bigint[], null::integer, null::bigint;
    return;
  end if;
  if v_chat.kind = 'group' then
    select * into v_stream from chat_streams s where s.chat_id = p_chat_id for update;
    if not found or v_stream.members_version <> v_stream.windows_version then
      return query select 'general'::text, null::text, null::bigint, null::timestamptz, null::text[], null::bigint[], null::integer, null::bigint;
      return;
    end if;
  end if;

  v_seq := v_chat.last_seq + 1;
  v_expires := case when v_chat.disappearing_seconds is null then null else p_now + make_interval(secs => v_chat.disappearing_seconds) end;
  insert into messages (id, chat_id, seq, sender_id, client_id, kind, text, media_id, reply_to_id, meta, created_at, edited_at, deleted_at, expires_at)
    values (p_message_id, p_chat_id, v_seq, p_sender_id, p_client_id, p_kind, p_text, p_media_id, null, p_meta, p_now, null, null, v_expires);
  update chats c set last_seq = v_seq, last_activity_at = p_now where c.id = p_chat_id;
  update chat_members m set last_read_seq = v_seq, last_delivered_seq = v_seq where m.chat_id = p_chat_id and m.user_id = p_sender_id;

  select array_agg(m.user_id order by m.user_id) into v_recipients from chat_members m where m.chat_id = p_chat_id and m.left_seq is null;
  if v_chat.kind <> 'group' then
    -- Streams are locked in user-id order, as appendEvents locks them, so writers never deadlock.
    perform 1 from user_streams s where s.user_id = any(v_recipients) order by s.user_id for update;
  end if;
  insert into event_payloads (type, message_id, payload, created_at)
    values ('message.new', p_message_id,
      jsonb_set(jsonb_set(p_payload, '{message,seq}', to_jsonb(v_seq)), '{message,expiresAt}',
        case when v_expires is null then 'null'::jsonb else to_jsonb(to_char(v_expires at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) end),
      p_now)
    returning id into v_payload_id;
  if v_chat.kind = 'group' then
    update chat_streams s set last_seq = s.last_seq + 1 where s.chat_id = p_chat_id returning s.last_seq into v_chat_seq;
    insert into chat_events (chat_num, seq, payload_id) values (v_stream.num, v_chat_seq, v_payload_id);
    return query select 'sent'::text, p_message_id, v_seq, v_expires, v_recipients, null::bigint[], v_stream.num, v_chat_seq;
    return;
  end if;
  return query
    with heads as (
      update user_streams s set last_seq = s.last_seq + 1 where s.user_id = any(v_recipients) returning s.user_id, s.last_seq
    ), appended as (
      insert into events (user_id, seq, payload_id) select h.user_id, h.last_seq, v_payload_id from heads h returning events.user_id, events.seq
    )
    select 'sent'::text, p_message_id, v_seq, v_expires, array_agg(a.user_id), array_agg(a.seq), null::integer, null::bigint from appended a;
end
$$`;
