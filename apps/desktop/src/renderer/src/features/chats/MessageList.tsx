import { useVirtualizer } from '@tanstack/react-virtual';
import { ArrowDown } from 'lucide-react';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useMessenger } from '../../app/context';
import { useMessengerState } from '../../app/use-messenger-state';
import type { ChatView, MessageView } from '../../lib/backend';
import { Spinner } from '../../ui/Spinner';
import { MessageRow } from './MessageRow';
import { PendingRow } from './PendingRow';
import { buildRows, type Row } from './rows';
import { peerReceipt, type ConversationState, type PendingMessage } from './state';

/** Load the next older page when the reader is this close to the top. */
const LOAD_OLDER_PX = 400;
/** Within this distance of the bottom, new messages keep the view pinned to the bottom. */
const STICK_PX = 120;
const HIGHLIGHT_MS = 2_500;
/** Scrolled up this far, a button offers the way back to the newest message. */
const SHOW_JUMP_PX = 600;

interface MessageListProps {
  chat: ChatView;
  conversation: ConversationState;
  pending: PendingMessage[];
  onReply(message: MessageView): void;
  onEdit(message: MessageView): void;
}

/**
 * The conversation, virtualised: only the rows on screen exist in the DOM, so a chat with
 * thousands of loaded messages scrolls smoothly. Scrolling near the top loads older pages and
 * keeps what the reader was looking at in place.
 */
export function MessageList({ chat, conversation, pending, onReply, onEdit }: MessageListProps) {
  const messenger = useMessenger();
  const meId = useMessengerState((s) => s.me?.id ?? '');
  // Two numbers, not a fresh object, so the store's snapshot stays stable between changes.
  const readSeq = useMessengerState((s) => peerReceipt(s, chat).readSeq);
  const deliveredSeq = useMessengerState((s) => peerReceipt(s, chat).deliveredSeq);
  const receipt = useMemo(() => ({ readSeq, deliveredSeq }), [readSeq, deliveredSeq]);
  const highlight = useMessengerState((s) => s.highlight);
  const [highlighted, setHighlighted] = useState<string | null>(null);
  const [farFromBottom, setFarFromBottom] = useState(false);
  const scrollRef = useRef<HTMLDivElement>(null);
  const stickToBottom = useRef(true);
  const unreadAfter = useMessengerState((s) => (s.unreadMarker?.chatId === chat.id ? s.unreadMarker.afterSeq : null));
  const rows = useMemo(() => buildRows(conversation.messages, pending, meId, new Date(), unreadAfter), [conversation.messages, pending, meId, unreadAfter]);
  // Opened with unread messages: start at the first of them (once), not at the bottom.
  const startedAtUnread = useRef(false);
  const messagesById = useMemo(() => new Map(conversation.messages.map((m) => [m.id, m])), [conversation.messages]);

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (i) => estimate(rows[i]),
    getItemKey: (i) => rows[i]?.key ?? i,
    overscan: 10,
    paddingEnd: 8,
  });

  // Keep the reader's place when older messages are added above: remember the first message
  // row and where it was, and put it back there after the rows change.
  const anchor = useRef<{ key: string; offset: number } | null>(null);
  const previousFirstKey = useRef<string | null>(null);
  useLayoutEffect(() => {
    const firstMessage = rows.find((r) => r.kind === 'message' || r.kind === 'pending');
    const firstKey = firstMessage?.key ?? null;
    const el = scrollRef.current;
    const unreadIndex = startedAtUnread.current ? -1 : rows.findIndex((r) => r.kind === 'unread');
    if (unreadIndex >= 0) {
      startedAtUnread.current = true;
      stickToBottom.current = false;
      virtualizer.scrollToIndex(unreadIndex, { align: 'start' });
    } else if (el && anchor.current && previousFirstKey.current && firstKey !== previousFirstKey.current) {
      const index = rows.findIndex((r) => r.key === anchor.current!.key);
      const item = index >= 0 ? virtualizer.measurementsCache[index] : undefined;
      if (item) virtualizer.scrollToOffset(item.start - anchor.current.offset);
    } else if (stickToBottom.current && rows.length > 1) {
      virtualizer.scrollToIndex(rows.length - 1, { align: 'end' });
    }
    previousFirstKey.current = firstKey;
    anchor.current = null;
  }, [rows, virtualizer]);

  // A message I send always brings me to the bottom.
  const pendingCount = pending.length;
  useEffect(() => {
    if (pendingCount > 0) {
      stickToBottom.current = true;
      virtualizer.scrollToIndex(rows.length - 1, { align: 'end' });
    }
    // Only when a new message is queued, not on every row change.
  }, [pendingCount]);

  function onScroll() {
    const el = scrollRef.current;
    if (!el) return;
    const fromBottom = el.scrollHeight - el.scrollTop - el.clientHeight;
    stickToBottom.current = fromBottom < STICK_PX;
    setFarFromBottom(fromBottom > SHOW_JUMP_PX);
    if (el.scrollTop < LOAD_OLDER_PX && conversation.hasMore && !conversation.loading) loadOlder();
  }

  function loadOlder() {
    const el = scrollRef.current;
    const items = virtualizer.getVirtualItems();
    const firstVisible = items.find((i) => el && i.end > el.scrollTop && rows[i.index]?.kind !== 'top');
    if (firstVisible && el) anchor.current = { key: String(firstVisible.key), offset: firstVisible.start - el.scrollTop };
    void messenger.loadOlder(chat.id);
  }

  // A short first page may not fill the screen: keep loading until it does (or history ends).
  useEffect(() => {
    const el = scrollRef.current;
    if (el && conversation.hasMore && !conversation.loading && el.scrollHeight <= el.clientHeight + LOAD_OLDER_PX) loadOlder();
  });

  // Jump to a message chosen in search or in a reply quote: scroll it to the middle and flash it.
  useEffect(() => {
    if (!highlight || highlight.chatId !== chat.id) return;
    const index = rows.findIndex((r) => r.key === highlight.messageId);
    if (index < 0) return;
    stickToBottom.current = false;
    virtualizer.scrollToIndex(index, { align: 'center' });
    setHighlighted(highlight.messageId);
    const focus = requestAnimationFrame(() =>
      scrollRef.current?.querySelector<HTMLElement>(`[data-message-id="${CSS.escape(highlight.messageId)}"]`)?.focus({ preventScroll: true }),
    );
    const timer = setTimeout(() => setHighlighted(null), HIGHLIGHT_MS);
    return () => {
      cancelAnimationFrame(focus);
      clearTimeout(timer);
    };
    // Runs per jump (the nonce changes), not when rows change.
  }, [highlight?.nonce, highlight?.chatId === chat.id && rows.some((r) => r.key === highlight.messageId)]);

  function toBottom() {
    stickToBottom.current = true;
    virtualizer.scrollToIndex(rows.length - 1, { align: 'end' });
  }

  return (
    <div className="messages-wrap">
      <div ref={scrollRef} className="messages" onScroll={onScroll} tabIndex={0} aria-label={`Messages with ${chat.title}`} aria-busy={conversation.loading} data-has-more={conversation.hasMore} data-testid="message-list">
        <div className="messages__inner" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = rows[item.index]!;
            return (
              <div key={item.key} data-index={item.index} ref={virtualizer.measureElement} className="messages__row" style={{ transform: `translateY(${item.start}px)` }}>
                {row.kind === 'top' && <TopRow loading={conversation.loading} hasMore={conversation.hasMore} empty={conversation.messages.length === 0 && pending.length === 0} />}
                {row.kind === 'unread' && (
                  <div className="unread-separator" role="separator" data-testid="unread-separator">
                    <span>
                      {row.count} unread {row.count === 1 ? 'message' : 'messages'}
                    </span>
                  </div>
                )}
                {row.kind === 'day' && (
                  <div className="day-separator" role="separator">
                    <span>{row.label}</span>
                  </div>
                )}
                {row.kind === 'message' && (
                  <MessageRow
                    message={row.message}
                    chat={chat}
                    meId={meId}
                    groupedWithPrevious={row.groupedWithPrevious}
                    lastOfGroup={row.lastOfGroup}
                    quoted={row.message.replyToId ? (messagesById.get(row.message.replyToId) ?? null) : null}
                    receipt={receipt}
                    highlighted={highlighted === row.message.id}
                    onReply={onReply}
                    onEdit={onEdit}
                  />
                )}
                {row.kind === 'pending' && <PendingRow pending={row.pending} chat={chat} meId={meId} quoted={row.pending.replyToId ? (messagesById.get(row.pending.replyToId) ?? null) : null} />}
              </div>
            );
          })}
        </div>
      </div>
      {farFromBottom && (
        <button type="button" className="jump-to-latest" onClick={toBottom} aria-label="Scroll to the newest message" title="Newest message">
          <ArrowDown aria-hidden="true" />
        </button>
      )}
    </div>
  );
}

function TopRow({ loading, hasMore, empty }: { loading: boolean; hasMore: boolean; empty: boolean }) {
  if (loading) {
    return (
      <div className="messages__top">
        <Spinner label="Loading messages" />
      </div>
    );
  }
  if (hasMore) return <div className="messages__top" />;
  return (
    <div className="messages__top">
      <p className="messages__start">{empty ? 'No messages here yet. Say hello!' : 'This is the beginning of your conversation.'}</p>
    </div>
  );
}

function estimate(row: Row | undefined): number {
  if (!row) return 60;
  if (row.kind === 'top') return 56;
  if (row.kind === 'day' || row.kind === 'unread') return 44;
  if (row.kind === 'pending') return 52;
  const text = row.message.text ?? '';
  return 44 + Math.floor(text.length / 48) * 20 + (row.message.reactions.length ? 26 : 0) + (row.message.replyToId ? 48 : 0);
}
