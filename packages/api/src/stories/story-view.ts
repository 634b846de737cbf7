import type { Media, Story, StoryKind } from '@confab/db';
import { toMediaView, type MediaView } from '../media/media-view.js';

/** A story as clients get it. */
export interface StoryView {
  id: string;
  authorId: string;
  kind: StoryKind;
  /** The text of a text story, or a photo/video's caption. */
  text: string | null;
  mediaId: string | null;
  media: MediaView | null;
  background: string | null;
  font: string | null;
  createdAt: string;
  expiresAt: string;
}

export function toStoryView(story: Story, media?: Media | null): StoryView {
  return {
    id: story.id,
    authorId: story.authorId,
    kind: story.kind,
    text: story.text,
    mediaId: story.mediaId,
    media: media ? toMediaView(media) : null,
    background: story.background,
    font: story.font,
    createdAt: new Date(story.createdAt).toISOString(),
    expiresAt: new Date(story.expiresAt).toISOString(),
  };
}
