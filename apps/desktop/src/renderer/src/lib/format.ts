/** Dates and times as a messenger shows them, in the reader's locale. */

const time = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const weekday = new Intl.DateTimeFormat(undefined, { weekday: 'long' });
const shortDate = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' });
const fullDate = new Intl.DateTimeFormat(undefined, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
const dayMonth = new Intl.DateTimeFormat(undefined, { weekday: 'long', day: 'numeric', month: 'long' });

function startOfDay(date: Date): number {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime();
}

function daysAgo(iso: string, now: Date): number {
  return Math.round((startOfDay(now) - startOfDay(new Date(iso))) / 86_400_000);
}

export function formatTime(iso: string): string {
  return time.format(new Date(iso));
}

/** Chat list: "14:05" today, "Yesterday", a weekday this week, else "3 Mar". */
export function formatListTime(iso: string, now = new Date()): string {
  const days = daysAgo(iso, now);
  if (days <= 0) return formatTime(iso);
  if (days === 1) return 'Yesterday';
  if (days < 7) return weekday.format(new Date(iso));
  return shortDate.format(new Date(iso));
}

/** Day separators in a conversation. */
export function formatDay(iso: string, now = new Date()): string {
  const days = daysAgo(iso, now);
  if (days <= 0) return 'Today';
  if (days === 1) return 'Yesterday';
  if (new Date(iso).getFullYear() === now.getFullYear()) return dayMonth.format(new Date(iso));
  return fullDate.format(new Date(iso));
}

export function dayKey(iso: string): string {
  const d = new Date(iso);
  return `${d.getFullYear()}-${d.getMonth()}-${d.getDate()}`;
}
