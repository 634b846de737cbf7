import { FormError } from '../../ui/FormError';
import { useCallback, useEffect, useId, useState, type KeyboardEvent } from 'react';
import { useMessenger } from '../../app/context';
import type { MessageView } from '../../lib/backend';
import { errorText } from '../../../../shared/errors';
import { DocumentBubble } from '../media/DocumentBubble';
import { hostOf } from '../media/format-media';
import { Lightbox } from '../media/Lightbox';
import { useMediaUrl } from '../media/use-media-url';

const TABS = [
  { kind: 'image', label: 'Photos' },
  { kind: 'video', label: 'Videos' },
  { kind: 'document', label: 'Documents' },
  { kind: 'link', label: 'Links' },
] as const;
type Kind = (typeof TABS)[number]['kind'];

/** The chat's shared photos, videos, documents and links, newest first, a page at a time. */
export function SharedMedia({ chatId }: { chatId: string }) {
  const messenger = useMessenger();
  const { call } = messenger.backend;
  const [tab, setTab] = useState<Kind>('image');
  const [items, setItems] = useState<MessageView[]>([]);
  const [cursor, setCursor] = useState<number | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const baseId = useId();

  const fetchPage = useCallback(
    async (kind: Kind, from: number | null) => {
      setLoading(true);
      setError(null);
      try {
        const page = await call('chats.media', { chatId, kind, limit: 30, ...(from ? { cursor: from } : {}) });
        setItems((old) => (from ? [...old, ...page.items] : page.items));
        setCursor(page.nextCursor);
      } catch (err) {
        setError(errorText(err));
      } finally {
        setLoading(false);
      }
    },
    [call, chatId],
  );

  useEffect(() => {
    setItems([]);
    void fetchPage(tab, null);
  }, [tab, fetchPage]);

  function onTabKey(e: KeyboardEvent) {
    const i = TABS.findIndex((t) => t.kind === tab);
    const next = e.key === 'ArrowRight' ? i + 1 : e.key === 'ArrowLeft' ? i - 1 : null;
    if (next === null) return;
    e.preventDefault();
    const t = TABS[(next + TABS.length) % TABS.length]!;
    setTab(t.kind);
    document.getElementById(`${baseId}-tab-${t.kind}`)?.focus();
  }

  const visual = tab === 'image' || tab === 'video';
  return (
    <section className="info-section" aria-labelledby={`${baseId}-title`}>
      <h3 id={`${baseId}-title`} className="info-section__title">
        Shared media
      </h3>
      <div className="info-tabs" role="tablist" aria-label="Shared media" onKeyDown={onTabKey}>
        {TABS.map((t) => (
          <button
            key={t.kind}
            id={`${baseId}-tab-${t.kind}`}
            type="button"
            role="tab"
            className="info-tabs__tab"
            aria-selected={tab === t.kind}
            aria-controls={`${baseId}-panel`}
            tabIndex={tab === t.kind ? 0 : -1}
            onClick={() => setTab(t.kind)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div id={`${baseId}-panel`} role="tabpanel" aria-labelledby={`${baseId}-tab-${tab}`} className="info-tabs__panel" data-testid="shared-media">
        <FormError message={error} />
        {!loading && !error && items.length === 0 && <p className="info-empty">Nothing shared yet.</p>}
        {visual ? (
          <ul className="gallery">
            {items.map((m) => (
              <li key={m.id}>
                <GalleryThumb message={m} onOpen={() => setOpen(m.id)} />
              </li>
            ))}
          </ul>
        ) : (
          <ul className="info-list">
            {items.map((m) => (
              <li key={m.id}>{tab === 'document' ? <DocumentBubble message={m} /> : <LinkRow message={m} />}</li>
            ))}
          </ul>
        )}
        {cursor !== null && (
          <button type="button" className="button button--ghost button--small" disabled={loading} onClick={() => void fetchPage(tab, cursor)}>
            {loading ? 'Loading…' : 'Show more'}
          </button>
        )}
      </div>
      {open && <Lightbox items={[...items].reverse()} startId={open} onClose={() => setOpen(null)} />}
    </section>
  );
}

function GalleryThumb({ message, onOpen }: { message: MessageView; onOpen(): void }) {
  const { url } = useMediaUrl(message.mediaId, 'thumb', message.media?.hasThumb !== false);
  const label = `${message.kind === 'video' ? 'Video' : 'Photo'} from ${new Date(message.createdAt).toLocaleDateString()}`;
  return (
    <button type="button" className="gallery__item" onClick={onOpen} aria-label={label}>
      {url && <img src={url} alt="" />}
    </button>
  );
}

function LinkRow({ message }: { message: MessageView }) {
  const link = message.meta?.link as { url: string; preview: { title?: string | null } | null } | undefined;
  const url = link?.url ?? message.text ?? '';
  return (
    <a className="info-link" href={url} target="_blank" rel="noopener noreferrer nofollow">
      <span className="info-link__title">{link?.preview?.title ?? url}</span>
      <span className="info-link__host">{hostOf(url)}</span>
    </a>
  );
}
