import type { Media, MediaKind } from '@confab/db';
import type { Deps } from '../../deps.js';
import { fail } from '../../errors.js';
import { loadOwnMedia } from '../../media/media.repo.js';
import type { MessageMedia } from '../message-view.js';
import { ensureProbed } from '../media-probing.js';

export type MediaMessageKind = 'image' | 'video' | 'audio' | 'voice' | 'document' | 'sticker';

/** The upload kinds each message kind takes; a document may be any file. */
const ACCEPTS: Record<MediaMessageKind, readonly MediaKind[]> = {
  image: ['image'],
  video: ['video'],
  audio: ['audio'],
  voice: ['audio'],
  sticker: ['image'],
  document: ['image', 'video', 'audio', 'document'],
};

/**
 * The attachment of a media message: the sender's own upload (anyone else's is NOT_FOUND), of a
 * kind that fits the message, with the metadata clients need before downloading it.
 */
export async function mediaMeta(deps: Deps, senderId: string, kind: MediaMessageKind, mediaId: string): Promise<{ media: Omit<MessageMedia, 'mediaId'> }> {
  const media = await loadOwnMedia(deps.db, mediaId, senderId);
  if (!ACCEPTS[kind].includes(media.kind)) {
    throw fail.badRequest(`A ${kind} message needs ${ACCEPTS[kind].length === 1 ? `an ${ACCEPTS[kind][0]}` : 'a file'} upload; this one is ${media.kind === 'image' || media.kind === 'audio' ? 'an' : 'a'} ${media.kind}`);
  }
  return { media: describe(await ensureProbed(deps, media)) };
}

export function describe(media: Media): Omit<MessageMedia, 'mediaId'> {
  return {
    mime: media.mime,
    size: Number(media.size),
    fileName: media.fileName,
    width: media.width,
    height: media.height,
    durationMs: media.durationMs,
    hasThumb: media.thumbSha256 !== null,
  };
}
