import { LiveData } from '../../lib/live-data';
import type { RouterOutputs } from '@confab/api';
import type { Backend, BackendEvent } from '../../lib/backend';

export type GroupMember = RouterOutputs['groups']['members']['members'][number];
export type GroupInfo = RouterOutputs['groups']['info'];
export type PollResults = RouterOutputs['polls']['results'];

/**
 * What group screens show beyond the chat list: members with roles, group info and poll
 * results, fetched on demand and kept fresh by the live stream (member.*, group.updated,
 * poll.updated). One per Backend; components read it through the hooks in use-group-data.ts.
 */
export class GroupData extends LiveData {
  readonly members = new Map<string, GroupMember[]>();
  readonly info = new Map<string, GroupInfo>();
  readonly polls = new Map<string, PollResults>();
  private readonly loading = new Set<string>();

  protected apply(event: BackendEvent): void {
    switch (event.type) {
      case 'member.joined':
      case 'member.left':
      case 'member.updated':
        if (this.members.has(event.chatId) || this.info.has(event.chatId)) void this.loadGroup(event.chatId, true);
        break;
      case 'group.updated': {
        const previous = this.info.get(event.group.id);
        if (previous) {
          this.info.set(event.group.id, { ...previous, ...event.group });
          this.changed();
        }
        break;
      }
      case 'poll.updated': {
        const previous = this.polls.get(event.pollId);
        // The event carries everyone's choices; the bubble reads mine from the voter lists.
        this.polls.set(event.pollId, { ...event.results, myOptionIds: previous?.myOptionIds ?? [] });
        this.changed();
        break;
      }
      default:
    }
  }

  /** Members and info of a group (again when `force`); failures leave what was known. */
  async loadGroup(chatId: string, force = false): Promise<void> {
    if (this.loading.has(chatId) || (!force && this.members.has(chatId) && this.info.has(chatId))) return;
    this.loading.add(chatId);
    try {
      const [members, info] = await Promise.all([this.backend.call('groups.members', { chatId }), this.backend.call('groups.info', { chatId })]);
      this.members.set(chatId, members.members);
      this.info.set(chatId, info);
      this.changed();
    } catch {
      // Not a member any more: the chat shows read-only; nothing to list.
    } finally {
      this.loading.delete(chatId);
    }
  }

  /**
   * Only the members of a group (the chat list names who wrote last; it needs no info). Once
   * loaded, member.* events keep the list fresh.
   */
  async loadMembers(chatId: string): Promise<void> {
    const key = `members:${chatId}`;
    if (this.members.has(chatId) || this.loading.has(chatId) || this.loading.has(key)) return;
    this.loading.add(key);
    try {
      this.members.set(chatId, (await this.backend.call('groups.members', { chatId })).members);
      this.changed();
    } catch {
      // Offline, or no longer a member: the preview goes without the name.
    } finally {
      this.loading.delete(key);
    }
  }

  /** A member's name as this group lists them, else as any loaded group does; null if unknown. */
  knownName(chatId: string, userId: string): string | null {
    const named = (members: GroupMember[] | undefined) => {
      const user = members?.find((m) => m.user.id === userId)?.user;
      return user ? user.name || user.phone || null : null;
    };
    const here = named(this.members.get(chatId));
    if (here) return here;
    for (const members of this.members.values()) {
      const name = named(members);
      if (name) return name;
    }
    return null;
  }

  async loadPoll(pollId: string, force = false): Promise<void> {
    if (this.loading.has(pollId) || (!force && this.polls.has(pollId))) return;
    this.loading.add(pollId);
    try {
      this.polls.set(pollId, await this.backend.call('polls.results', { pollId }));
      this.changed();
    } catch {
      // Former members cannot read results; the bubble shows the question and options only.
    } finally {
      this.loading.delete(pollId);
    }
  }

  /** My whole choice on a poll ([] takes the vote back); the answer shows at once. */
  async vote(pollId: string, optionIds: string[]): Promise<void> {
    const results = await this.backend.call('polls.vote', { pollId, optionIds });
    this.polls.set(pollId, { ...results, myOptionIds: optionIds });
    this.changed();
  }
}

const byBackend = new WeakMap<Backend, GroupData>();

export function groupDataFor(backend: Backend): GroupData {
  let data = byBackend.get(backend);
  if (!data) byBackend.set(backend, (data = new GroupData(backend)));
  return data;
}
