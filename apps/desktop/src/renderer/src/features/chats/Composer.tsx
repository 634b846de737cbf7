import { Pencil, Reply, SendHorizontal, Smile, X } from 'lucide-react';
import { useEffect, useRef, useState, type ClipboardEvent, type FormEvent, type KeyboardEvent } from 'react';
import { useMessenger } from '../../app/context';
import { useMessengerState } from '../../app/use-messenger-state';
import type { ChatView, MessageView } from '../../lib/backend';
import { errorText } from '../../../../shared/errors';
import { AttachMenu } from '../attachments/AttachMenu';
import { canRecordVoice } from '../attachments/use-voice-recorder';
import { VoiceRecorder } from '../attachments/VoiceRecorder';
import { mediaKindOf } from '../attachments/media-kind';
import { UploadBar } from '../attachments/UploadBar';
import { useAttachmentUpload } from '../attachments/use-attachment-upload';
import { drafts } from './drafts';
import { previewText } from './preview-text';
import { PollButton } from '../polls/PollButton';
import { useMentions } from '../groups/use-mentions';
import { ComposerPicker } from '../emoticons/ComposerPicker';
import type { Emoticon } from '../emoticons/emoticons-data';
import { useShortcutAutocomplete } from '../emoticons/use-shortcut-autocomplete';
import { LinkPreviewBar } from '../sharing/LinkPreviewBar';
import { useLinkPreview } from '../sharing/use-link-preview';
import { useShareActions } from '../sharing/use-share-actions';

const MAX_ROWS = 8;

interface ComposerProps {
  chat: ChatView;
  /** Files dropped on the conversation, to send as if picked from the paperclip. */
  dropped?: File[] | null;
  onDroppedTaken?(): void;
  replyTo: MessageView | null;
  editing: MessageView | null;
  onCancel(): void;
  onEditLast(): void;
}

/**
 * Enter sends, Shift+Enter starts a new line, Esc drops a reply or an edit, Up in an empty box
 * edits my last message. The paperclip sends a file, with the typed text as its caption.
 */
export function Composer({ chat, dropped = null, onDroppedTaken, replyTo, editing, onCancel, onEditLast }: ComposerProps) {
  const messenger = useMessenger();
  const meId = useMessengerState((s) => s.me?.id ?? '');
  const [text, setText] = useState(() => drafts.get(meId, chat.id) ?? '');
  const [error, setError] = useState<string | null>(null);
  const [emojiOpen, setEmojiOpen] = useState(false);
  const input = useRef<HTMLTextAreaElement>(null);
  const lines = Math.min(MAX_ROWS, text.split('\n').length);
  const { upload, start: startUpload, cancel: cancelUpload } = useAttachmentUpload(chat.id);
  const mentions = useMentions(chat, meId, text, (value) => change(value), input);
  const shortcuts = useShortcutAutocomplete(text, (value) => change(value), input);
  const sharing = useShareActions(chat.id);
  const link = useLinkPreview(text, !editing && !chat.readOnly);

  /** The typed text goes with the file as its caption (photos, videos, files), as in other messengers. */
  async function sendFile(file: File) {
    const kind = mediaKindOf(file);
    const captioned = kind === 'image' || kind === 'video' || kind === 'document';
    const caption = captioned && !editing ? text.trim().slice(0, 4096) : '';
    const quoted = editing ? null : (replyTo?.id ?? null);
    if (await startUpload(file, kind, caption, quoted)) {
      if (caption) {
        setText('');
        drafts.delete(meId, chat.id);
      }
      if (quoted) onCancel();
    }
  }

  // Pasted or dropped files go one after another (one upload at a time); the first takes the caption.
  const queue = useRef<File[]>([]);
  const draining = useRef(false);
  async function sendFiles(files: File[]) {
    queue.current.push(...files);
    if (draining.current) return;
    draining.current = true;
    try {
      for (let file = queue.current.shift(); file; file = queue.current.shift()) await sendFile(file);
    } finally {
      draining.current = false;
    }
  }

  useEffect(() => {
    if (!dropped?.length) return;
    onDroppedTaken?.();
    if (!chat.readOnly) void sendFiles(dropped);
  }, [dropped]);

  /** The picked emoji goes where the caret is, replacing a selection; the caret moves past it. */
  function insertEmoji(emoji: string) {
    const el = input.current;
    const start = el?.selectionStart ?? text.length;
    const end = el?.selectionEnd ?? text.length;
    change(text.slice(0, start) + emoji + text.slice(end));
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(start + emoji.length, start + emoji.length);
    });
  }

  /** A sticker from the tray goes at once, as its own message (quoting the message replied to). */
  async function sendSticker(emoticon: Emoticon) {
    const quoted = editing ? null : (replyTo?.id ?? null);
    await messenger.sendComposed({ chatId: chat.id, kind: 'sticker', mediaId: emoticon.mediaId, ...(quoted ? { replyToId: quoted } : {}) });
    if (quoted) onCancel();
  }

  function onPaste(e: ClipboardEvent<HTMLTextAreaElement>) {
    const files = [...e.clipboardData.files];
    if (files.length === 0 || chat.readOnly) return; // plain text pastes as usual
    e.preventDefault();
    void sendFiles(files);
  }

  useEffect(() => {
    // Focus on open where a keyboard is likely (not on phones, where it would pop up).
    if (window.matchMedia('(min-width: 721px)').matches) input.current?.focus();
  }, [chat.id]);

  useEffect(() => {
    if (editing) {
      setText(editing.text ?? '');
      input.current?.focus();
    }
  }, [editing]);

  useEffect(() => {
    if (replyTo) input.current?.focus();
  }, [replyTo]);

  function change(value: string) {
    setText(value);
    setError(null);
    if (!editing) {
      drafts.set(meId, chat.id, value);
      if (value.trim()) messenger.typing(chat.id);
    }
  }

  async function submit(e?: FormEvent) {
    e?.preventDefault();
    const value = text.trim();
    if (!value) return;
    if (editing) {
      try {
        if (value !== editing.text) await messenger.edit(editing, value);
        setText(drafts.get(meId, chat.id) ?? '');
        onCancel();
      } catch (err) {
        setError(errorText(err));
      }
      return;
    }
    setText('');
    drafts.delete(meId, chat.id);
    const quoted = replyTo?.id ?? null;
    onCancel();
    if (link.preview) {
      // The card shown goes with the message: a link message, previewed by the server again.
      try {
        const mentioned = mentions.idsIn(value);
        await messenger.sendComposed({ chatId: chat.id, kind: 'link', text: value, ...(quoted ? { replyToId: quoted } : {}), ...(mentioned.length ? { mentions: mentioned } : {}) });
        return;
      } catch {
        // Offline or refused: it goes as text through the outbox, which retries.
      }
    }
    await messenger.send(chat.id, value, quoted, mentions.idsIn(value));
  }

  function onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>) {
    if (mentions.onKeyDown(e) || shortcuts.onKeyDown(e)) return;
    if (e.key === 'Escape' && emojiOpen) {
      e.preventDefault();
      e.stopPropagation();
      setEmojiOpen(false);
      return;
    }
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      void submit();
    } else if (e.key === 'Escape' && (replyTo || editing)) {
      e.preventDefault();
      e.stopPropagation();
      if (editing) setText(drafts.get(meId, chat.id) ?? '');
      onCancel();
    } else if (e.key === 'ArrowUp' && !text && !editing) {
      e.preventDefault();
      onEditLast();
    }
  }

  return (
    <form className="composer" onSubmit={submit}>
      {(replyTo || editing) && (
        <div className="composer__context">
          {editing ? <Pencil aria-hidden="true" /> : <Reply aria-hidden="true" />}
          <div className="composer__context-text">
            <span className="composer__context-title">{editing ? 'Edit message' : `Reply to ${replyTo!.senderId === meId ? 'yourself' : chat.title}`}</span>
            <span className="composer__context-preview">{previewText((editing ?? replyTo)!, '')}</span>
          </div>
          <button
            type="button"
            className="icon-button icon-button--sm"
            onClick={() => {
              if (editing) setText(drafts.get(meId, chat.id) ?? '');
              onCancel();
            }}
            aria-label={editing ? 'Cancel editing' : 'Cancel reply'}
          >
            <X aria-hidden="true" />
          </button>
        </div>
      )}
      {error && (
        <p className="form-error composer__error" role="alert">
          {error}
        </p>
      )}
      {upload && <UploadBar upload={upload} onCancel={cancelUpload} />}
      {link.preview && <LinkPreviewBar preview={link.preview} onDismiss={link.dismiss} />}
      {sharing.dialog}
      {mentions.popup}
      {shortcuts.popup}
      {emojiOpen && (
        <div className="composer__emoji-popover">
          <ComposerPicker
            onEmoji={insertEmoji}
            onSticker={sendSticker}
            onClose={() => {
              setEmojiOpen(false);
              input.current?.focus();
            }}
          />
        </div>
      )}
      <div className="composer__row">
        <button
          type="button"
          className="icon-button"
          aria-label="Emoji"
          title="Emoji and stickers"
          aria-expanded={emojiOpen}
          aria-haspopup="dialog"
          data-emoji-toggle
          disabled={chat.readOnly}
          onClick={() => setEmojiOpen((open) => !open)}
        >
          <Smile aria-hidden="true" />
        </button>
        <AttachMenu disabled={chat.readOnly || upload !== null} onPick={(file) => void sendFile(file)} actions={editing ? [] : sharing.actions} />
        <PollButton chatId={chat.id} disabled={chat.readOnly || editing !== null} />
        <textarea
          ref={input}
          className="composer__input"
          rows={lines}
          value={text}
          onChange={(e) => change(e.target.value)}
          onKeyDown={onKeyDown}
          onPaste={onPaste}
          placeholder={chat.readOnly ? 'You can no longer send messages here' : 'Message'}
          aria-label={editing ? 'Edit message' : `Message ${chat.title}`}
          aria-keyshortcuts="Enter"
          {...mentions.inputProps}
          {...shortcuts.inputProps}
          disabled={chat.readOnly}
          maxLength={65_536}
          dir="auto"
        />
        {canRecordVoice() && !text.trim() && !editing ? (
          <VoiceRecorder disabled={chat.readOnly || upload !== null} onRecorded={(file) => void startUpload(file, 'voice', '', replyTo?.id ?? null).then((ok) => ok && replyTo && onCancel())} />
        ) : (
        <button type="submit" className="icon-button icon-button--send" aria-label={editing ? 'Save edit' : 'Send'} disabled={!text.trim() || chat.readOnly}>
          <SendHorizontal aria-hidden="true" />
        </button>
        )}
      </div>
    </form>
  );
}
