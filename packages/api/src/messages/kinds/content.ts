import type { MessageKind } from '@confab/db';

/** What a message carries besides its place in the chat; stored as text, media_id and meta. */
export interface MessageContent {
  kind: MessageKind;
  text: string | null;
  mediaId: string | null;
  meta: Record<string, unknown> | null;
}
