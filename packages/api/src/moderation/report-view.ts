import type { Database, Report } from '@confab/db';
import type { Kysely } from 'kysely';
import type { EvidenceMessage } from './evidence.js';

export type Resolution = 'dismissed' | 'contentRemoved' | 'userSuspended';

interface Person {
  id: string;
  name: string;
  phone: string | null;
  deleted: boolean;
  suspended: boolean;
}

/** What a moderator sees of a report: who, about whom, why, and the messages as they were. */
export interface ReportView {
  id: string;
  status: 'open' | 'resolved';
  reason: string;
  createdAt: string;
  reporter: Person;
  target: { kind: 'user'; user: Person } | { kind: 'group'; chatId: string; title: string };
  /** `removed`: the message has since been deleted for everyone (by its author or a moderator). */
  evidence: (EvidenceMessage & { removed: boolean })[];
  resolvedAt: string | null;
  resolvedBy: string | null;
  resolution: Resolution | null;
}

/** Builds the views of several reports with three queries, whatever their number. */
export async function toReportViews(db: Kysely<Database>, reports: readonly Report[]): Promise<ReportView[]> {
  const evidenceOf = (r: Report) => (Array.isArray(r.evidence) ? (r.evidence as EvidenceMessage[]) : []);
  const userIds = [...new Set(reports.flatMap((r) => [r.reporterId, r.targetUserId].filter((id): id is string => id !== null)))];
  const chatIds = [...new Set(reports.map((r) => r.targetChatId).filter((id): id is string => id !== null))];
  const messageIds = [...new Set(reports.flatMap((r) => evidenceOf(r).map((m) => m.id)))];
  const [users, chats, messages] = await Promise.all([
    userIds.length ? db.selectFrom('users').select(['id', 'name', 'phone', 'deletedAt', 'suspendedAt']).where('id', 'in', userIds).execute() : [],
    chatIds.length ? db.selectFrom('chats').select(['id', 'name']).where('id', 'in', chatIds).execute() : [],
    messageIds.length ? db.selectFrom('messages').select(['id', 'deletedAt']).where('id', 'in', messageIds).execute() : [],
  ]);
  const people = new Map(users.map((u) => [u.id, { id: u.id, name: u.deletedAt ? 'Deleted account' : u.name, phone: u.phone, deleted: u.deletedAt !== null, suspended: u.suspendedAt !== null }]));
  const titles = new Map(chats.map((c) => [c.id, c.name ?? '']));
  const removed = new Set(messages.filter((m) => m.deletedAt !== null).map((m) => m.id));
  const gone = (id: string): Person => ({ id, name: 'Deleted account', phone: null, deleted: true, suspended: false });
  return reports.map((r) => ({
    id: r.id,
    status: r.status,
    reason: r.reason,
    createdAt: new Date(r.createdAt).toISOString(),
    reporter: people.get(r.reporterId) ?? gone(r.reporterId),
    target: r.targetUserId ? { kind: 'user', user: people.get(r.targetUserId) ?? gone(r.targetUserId) } : { kind: 'group', chatId: r.targetChatId ?? '', title: titles.get(r.targetChatId ?? '') ?? '' },
    evidence: evidenceOf(r).map((m) => ({ ...m, removed: removed.has(m.id) || !messages.some((x) => x.id === m.id) })),
    resolvedAt: r.resolvedAt ? new Date(r.resolvedAt).toISOString() : null,
    resolvedBy: r.resolvedBy,
    resolution: r.resolution as Resolution | null,
  }));
}
