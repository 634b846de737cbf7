import { useEffect, useSyncExternalStore } from 'react';
import { useBackend } from '../../app/context';
import { groupDataFor, type GroupData, type GroupInfo, type GroupMember, type PollResults } from './group-data';

export function useGroupData(): GroupData {
  return groupDataFor(useBackend());
}

function useVersion(data: GroupData): number {
  return useSyncExternalStore(data.subscribe, () => data.version);
}

/** The group's members (loaded on first use), or undefined while unknown / not a group. */
export function useGroupMembers(chatId: string, isGroup: boolean): GroupMember[] | undefined {
  const data = useGroupData();
  useVersion(data);
  useEffect(() => {
    if (isGroup) void data.loadGroup(chatId);
  }, [data, chatId, isGroup]);
  return isGroup ? data.members.get(chatId) : undefined;
}

export function useGroupInfo(chatId: string): GroupInfo | undefined {
  const data = useGroupData();
  useVersion(data);
  useEffect(() => void data.loadGroup(chatId), [data, chatId]);
  return data.info.get(chatId);
}

export function usePollResults(pollId: string | null): PollResults | undefined {
  const data = useGroupData();
  useVersion(data);
  useEffect(() => {
    if (pollId) void data.loadPoll(pollId);
  }, [data, pollId]);
  return pollId ? data.polls.get(pollId) : undefined;
}

/** A member's display name: their profile name, else their phone, else "Member". */
export function memberName(members: GroupMember[] | undefined, userId: string): string {
  const user = members?.find((m) => m.user.id === userId)?.user;
  return user?.name || user?.phone || 'Member';
}

/**
 * Whether I may post in this chat under the group's "who can send" setting (always true
 * outside groups and until the group's info has loaded; the server has the last word).
 */
export function useMaySend(chatId: string, isGroup: boolean, meId: string | undefined): boolean {
  const members = useGroupMembers(chatId, isGroup);
  const data = useGroupData();
  const info = isGroup ? data.info.get(chatId) : undefined;
  if (!info || info.permissions.send === 'all') return true;
  const role = members?.find((m) => m.user.id === meId)?.role ?? info.myRole;
  return role === 'owner' || role === 'admin';
}
