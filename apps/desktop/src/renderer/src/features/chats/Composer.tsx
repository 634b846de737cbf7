import { Pencil, Reply, SendHorizontal, X } from 'lucide-react';
import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
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
import { previewText } from './preview-text';
import { PollButton } from '../polls/PollButton';
import { useMentions } from '../groups/use-mentions';

/** Unsent text per chat, kept while switching between chats. */
const drafts = new Map<string, string>();
const MAX_ROWS = 8;

interface ComposerProps {
  chat: ChatView;
  replyTo: MessageView | null;
  editing: MessageView | null;
  onCancel(): void;
  onEditLast(): void;
}

/**
 * Enter sends, Shift+Enter starts a new line, Esc drops a reply or an edit, Up in an empty box
 * edits my last message. The paperclip sends a file, with the typed text as its caption.
 */
export function Composer({ chat, replyTo, editing, onCancel, onEditLast }: ComposerProps) {
  const messenger = useMessenger();
  const meId = useMessengerState((s) => s.me?.id ?? '');
  const [text, setText] = useState(() => drafts.get(chat.id) ?? '');
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLTextAreaElement>(null);
  const lines = Math.min(MAX_ROWS, text.split('\n').length);
  const { upload, start: startUpload, cancel: cancelUpload } = useAttachmentUpload(chat.id);
  const mentions = useMentions(chat, meId, text, (value) => change(value), input);

  /** The typed text goes with the file as its caption (photos, videos, files), as in other messengers. */
  async function sendFile(file: File) {
    const kind = mediaKindOf(file);
    const captioned = kind === 'image' || kind === 'video' || kind === 'document';
    const caption = captioned && !editing ? text.trim().slice(0, 4096) : '';
    const quoted = editing ? null : (replyTo?.id ?? null);
    if (await startUpload(file, kind, caption, quoted)) {
      if (caption) {
        setText('');
        drafts.delete(chat.id);
      }
      if (quoted) onCancel();
    }
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
      drafts.set(chat.id, value);
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
        setText(drafts.get(chat.id) ?? '');
        onCancel();
      } catch (err) {
        setError(errorText(err));
      }
      return;
    }
    setText('');
    drafts.delete(chat.id);
    const quoted = replyTo?.id ?? null;
    onCancel();
    await messenger.send(chat.id, value, quoted, mentions.idsIn(value));
  }

  function onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>) {
    if (mentions.onKeyDown(e)) return;
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      void submit();
    } else if (e.key === 'Escape' && (replyTo || editing)) {
      e.preventDefault();
      e.stopPropagation();
      if (editing) setText(drafts.get(chat.id) ?? '');
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
              if (editing) setText(drafts.get(chat.id) ?? '');
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
      {mentions.popup}
      <div className="composer__row">
        <AttachMenu disabled={chat.readOnly || upload !== null} onPick={(file) => void sendFile(file)} />
        <PollButton chatId={chat.id} disabled={chat.readOnly || editing !== null} />
        <textarea
          ref={input}
          className="composer__input"
          rows={lines}
          value={text}
          onChange={(e) => change(e.target.value)}
          onKeyDown={onKeyDown}
          placeholder={chat.readOnly ? 'You can no longer send messages here' : 'Message'}
          aria-label={editing ? 'Edit message' : `Message ${chat.title}`}
          aria-keyshortcuts="Enter"
          {...mentions.inputProps}
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
