import type { ChatFilter } from './chat-filters';
import { sameFilter } from './chat-filters';

/**
 * All / Unread / Groups / one chip per label, above the chat list (WhatsApp's lists). Toggle
 * buttons: the pressed one is the filter in force; Left/Right move between them.
 */
export function ChatFilterChips({ labels, value, onChange }: { labels: readonly string[]; value: ChatFilter; onChange(filter: ChatFilter): void }) {
  const chips: { filter: ChatFilter; text: string }[] = [
    { filter: { kind: 'all' }, text: 'All' },
    { filter: { kind: 'unread' }, text: 'Unread' },
    { filter: { kind: 'groups' }, text: 'Groups' },
    ...labels.map((label) => ({ filter: { kind: 'label', label } as ChatFilter, text: label })),
  ];
  return (
    <div
      className="chat-filters"
      role="toolbar"
      aria-label="Filter chats"
      onKeyDown={(e) => {
        if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
        const buttons = [...e.currentTarget.querySelectorAll<HTMLButtonElement>('button')];
        const index = buttons.indexOf(document.activeElement as HTMLButtonElement);
        const next = buttons[(index + (e.key === 'ArrowRight' ? 1 : -1) + buttons.length) % buttons.length];
        e.preventDefault();
        next?.focus();
      }}
    >
      {chips.map(({ filter, text }) => {
        const pressed = sameFilter(filter, value);
        return (
          <button
            key={filter.kind === 'label' ? `label:${text.toLocaleLowerCase()}` : filter.kind}
            type="button"
            className="chip"
            aria-pressed={pressed}
            // One tab stop for the row; arrows reach the rest.
            tabIndex={pressed ? 0 : -1}
            onClick={() => onChange(pressed && filter.kind !== 'all' ? { kind: 'all' } : filter)}
          >
            {text}
          </button>
        );
      })}
    </div>
  );
}
