import { Ban, Ellipsis, Forward, Paperclip, Star } from 'lucide-react';
import { CallMessage } from '../calls/CallMessage';
import { memo, useCallback, useMemo, useRef, useState, type MouseEvent } from 'react';
import { useMessenger } from '../../app/context';
import { useMessengerState } from '../../app/use-messenger-state';
import type { ChatView, MessageView } from '../../lib/backend';
import { formatTime } from '../../lib/format';
import { DeleteMessageDialog } from './DeleteMessageDialog';
import { MessageMenu } from './MessageMenu';
import { useIsStarred, useStarredData } from '../starred/use-starred';
import { Dialog } from '../../ui/Dialog';
import { ForwardDialog } from '../chat-info/ForwardDialog';
import { MessageInfoDialog } from '../chat-info/MessageInfoDialog';
import { MediaContent, MEDIA_KINDS } from '../media/MediaContent';
import { MessageText } from './MessageText';
import { messageEmoticons, savableEmoticons, type SavableEmoticon } from '../emoticons/message-emoticons';
import { SaveStickerDialog } from '../emoticons/SaveStickerDialog';
import { KIND_LABELS } from '../../../../shared/notify/preview';
import { Reactions } from './Reactions';
import { ReactionPicker } from './ReactionPicker';
import type { ReactionEmoticon } from '../../../../shared/reactions';
import { ReplyQuote } from './ReplyQuote';
import type { Receipt } from './state';
import { Ticks, type Delivery } from './Ticks';
import { GroupSenderAvatar, GroupSenderName } from '../groups/GroupSender';
import { mentionNames } from '../groups/mentions';
import { SystemMessage } from '../groups/SystemMessage';
import { memberName, useGroupMembers } from '../groups/use-group-data';
import { PollBubble } from '../polls/PollBubble';

interface MessageRowProps {
  message: MessageView;
  chat: ChatView;
  meId: string;
  groupedWithPrevious: boolean;
  lastOfGroup: boolean;
  quoted: MessageView | null;
  receipt: Receipt;
  highlighted: boolean;
  onReply(message: MessageView): void;
  onEdit(message: MessageView): void;
}

/** The message menu's height with every item (reactions, reply, star, copy, edit, forward, info, delete). */
const MENU_HEIGHT = 340;

export const MessageRow = memo(function MessageRow(props: MessageRowProps) {
  const { message, chat, meId, groupedWithPrevious, lastOfGroup, quoted, receipt, highlighted, onReply, onEdit } = props;
  const messenger = useMessenger();
  const starredData = useStarredData();
  const starred = useIsStarred(message.id);
  const [menu, setMenu] = useState<{ placement: 'above' | 'below' } | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [dialog, setDialog] = useState<'forward' | 'info' | 'react' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const menuButton = useRef<HTMLButtonElement>(null);
  const rowRef = useRef<HTMLDivElement>(null);
  const mine = message.senderId === meId;
  const deleted = message.deletedAt !== null;
  const delivery: Delivery = receipt.readSeq >= message.seq ? 'read' : receipt.deliveredSeq >= message.seq ? 'delivered' : 'sent';
  const mineReacted = message.reactions.find((r) => r.userId === meId);
  const myReaction = mineReacted?.emoji ?? null;
  const inGroup = chat.kind === 'group';
  const members = useGroupMembers(chat.id, inGroup);
  const senderName = mine ? 'You' : inGroup ? memberName(members, message.senderId) : chat.title;
  const myName = useMessengerState((s) => s.me?.name || s.me?.phone || '');
  const mentions = useMemo(() => (inGroup ? mentionNames(message, members, { id: meId, name: myName }) : []), [inGroup, message, members, meId, myName]);
  const emoticons = useMemo(() => messageEmoticons(message), [message]);
  const savable = useMemo(() => (mine ? [] : savableEmoticons(message)), [mine, message]);
  const [saving, setSaving] = useState<SavableEmoticon | null>(null);

  function openMenu() {
    // Low in the list: open upwards so the menu is not cut off by the composer.
    const row = rowRef.current?.getBoundingClientRect();
    const list = rowRef.current?.closest('.messages')?.getBoundingClientRect();
    // The menu is about 330 px tall: below if it fits there, else on whichever side has more room.
    const roomBelow = row && list ? list.bottom - row.bottom : Infinity;
    const roomAbove = row && list ? row.top - list.top : 0;
    setMenu({ placement: roomBelow >= MENU_HEIGHT || roomBelow >= roomAbove ? 'below' : 'above' });
  }

  function onContextMenu(e: MouseEvent) {
    if (deleted) return;
    e.preventDefault();
    openMenu();
  }

  const closeMenu = useCallback((returnFocus: boolean) => {
    setMenu(null);
    if (returnFocus) menuButton.current?.focus();
  }, []);

  const react = (choice: string | null | ReactionEmoticon) => void messenger.react(message, choice).catch((err: unknown) => setError(err instanceof Error ? err.message : String(err)));

  if (message.kind === 'system') return message.meta?.action === 'call' ? <CallMessage message={message} /> : <SystemMessage message={message} />;
  const showSender = inGroup && !mine && !groupedWithPrevious;

  return (
    <div
      ref={rowRef}
      className={[
        'msg',
        mine ? 'msg--mine' : 'msg--theirs',
        groupedWithPrevious ? 'msg--grouped' : '',
        lastOfGroup ? 'msg--tail' : '',
        highlighted ? 'is-highlighted' : '',
        menu ? 'has-menu' : '',
        inGroup && !mine ? 'msg--in-group' : '',
        MEDIA_KINDS.has(message.kind) && message.kind !== 'link' && !deleted ? `msg--media msg--${message.kind}` : '',
      ]
        .filter(Boolean)
        .join(' ')}
      data-message-id={message.id}
      data-seq={message.seq}
      tabIndex={-1}
      onContextMenu={onContextMenu}
    >
      {showSender && <GroupSenderAvatar userId={message.senderId} members={members} />}
      <div className="msg__bubble">
        {showSender && <GroupSenderName userId={message.senderId} members={members} />}
        <span className="sr-only">{senderName}: </span>
        {message.forwarded && !deleted && (
          <span className="msg__forwarded">
            <Forward aria-hidden="true" /> Forwarded
          </span>
        )}
        {message.replyToId && !deleted && <ReplyQuote quoted={quoted} quotedId={message.replyToId} chat={chat} meId={meId} />}
        {deleted ? (
          <p className="msg__text msg__text--deleted">
            <Ban aria-hidden="true" />
            {mine ? 'You deleted this message' : 'This message was deleted'}
            <span className={`msg__spacer${mine ? ' msg__spacer--mine' : ''}`} />
          </p>
        ) : message.kind === 'poll' ? (
          <PollBubble message={message} meId={meId} members={members} peerName={chat.title} />
        ) : MEDIA_KINDS.has(message.kind) ? (
          <>
            <MediaContent message={message} />
            {message.text && (
              <p className="msg__text" dir="auto">
                <MessageText text={message.text} mentions={mentions} emoticons={emoticons} />
                <span className={`msg__spacer${mine ? ' msg__spacer--mine' : ''}${message.editedAt ? ' msg__spacer--edited' : ''}`} />
              </p>
            )}
          </>
        ) : (
          <p className="msg__text" dir="auto">
            {message.kind !== 'text' && message.kind !== 'link' && (
              // Photos, files, polls…: named for now; showing them comes with media messages.
              <span className="msg__kind">
                <Paperclip aria-hidden="true" />
                {KIND_LABELS[message.kind] ?? 'Message'}
                {message.text ? ' · ' : ''}
              </span>
            )}
            <MessageText text={message.text ?? ''} mentions={mentions} emoticons={emoticons} />
            <span className={`msg__spacer${mine ? ' msg__spacer--mine' : ''}${message.editedAt ? ' msg__spacer--edited' : ''}`} />
          </p>
        )}
        <span className="msg__meta">
          {starred && !deleted && <Star className="msg__star" role="img" aria-label="Starred" />}
          {message.editedAt && !deleted && <span className="msg__edited">edited</span>}
          <time dateTime={message.createdAt}>{formatTime(message.createdAt)}</time>
          {mine && !deleted && <Ticks state={delivery} />}
        </span>
        {!deleted && (
          <button
            ref={menuButton}
            type="button"
            className="msg__menu-button"
            aria-label="Message actions"
            aria-haspopup="menu"
            aria-expanded={menu !== null}
            onClick={() => (menu ? setMenu(null) : openMenu())}
          >
            <Ellipsis aria-hidden="true" />
          </button>
        )}
        {menu && (
          <MessageMenu
            placement={menu.placement}
            align={mine ? 'end' : 'start'}
            myReaction={myReaction}
            myEmoticon={mineReacted?.emoticon}
            onClose={closeMenu}
            onReact={(emoji) => react(emoji === myReaction ? null : emoji)}
            onMoreReactions={() => setDialog('react')}
            onReply={() => onReply(message)}
            starred={starred}
            onStar={() => void starredData.setStarred(message, !starred).catch((err: unknown) => setError(err instanceof Error ? err.message : String(err)))}
            onCopy={message.text ? () => void navigator.clipboard?.writeText(message.text ?? '').catch(() => undefined) : undefined}
            onEdit={mine && (message.kind === 'text' || message.kind === 'link') ? () => onEdit(message) : undefined}
            onDelete={() => setConfirmDelete(true)}
            onForward={message.kind !== 'poll' ? () => setDialog('forward') : undefined}
            onInfo={mine ? () => setDialog('info') : undefined}
            saveable={savable.map((e) => ({ shortcut: e.shortcut, sticker: message.kind === 'sticker' }))}
            onSave={savable.length > 0 ? (i) => setSaving(savable[i]!) : undefined}
          />
        )}
      </div>
      {!deleted && <Reactions message={message} meId={meId} peerName={chat.title} onToggle={(r) => react(r.userId === meId ? null : r.emoji)} />}
      {error && (
        <p className="msg__error" role="alert">
          {error}
        </p>
      )}
      {dialog === 'forward' && <ForwardDialog message={message} onClose={() => setDialog(null)} />}
      {saving && <SaveStickerDialog messageId={message.id} source={saving} onClose={() => setSaving(null)} />}
      {dialog === 'react' && (
        <Dialog title="React to this message" onClose={() => setDialog(null)}>
          <div className="emoji-dialog">
            <ReactionPicker
              onEmoji={(emoji) => {
                setDialog(null);
                react(emoji === myReaction && !mineReacted?.emoticon ? null : emoji);
              }}
              onEmoticon={(emoticon) => {
                setDialog(null);
                react(mineReacted?.emoticon?.emoticonId === emoticon.emoticonId ? null : emoticon);
              }}
              onClose={() => setDialog(null)}
            />
          </div>
        </Dialog>
      )}
      {dialog === 'info' && <MessageInfoDialog message={message} chat={chat} onClose={() => setDialog(null)} />}
      {confirmDelete && <DeleteMessageDialog message={message} meId={meId} onClose={() => setConfirmDelete(false)} />}
    </div>
  );
});
