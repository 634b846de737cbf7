import { useMemo } from 'react';
import type { ReactionEmoticon } from '../../../../shared/reactions';
import { EmojiPicker, type MineItem } from '../emoji/EmojiPicker';
import { EmoticonImage } from '../emoticons/EmoticonImage';
import { useEmoticons } from '../emoticons/use-emoticons';

interface ReactionPickerProps {
  onEmoji(emoji: string): void;
  onEmoticon(emoticon: ReactionEmoticon): void;
  onClose(): void;
}

/** "More reactions": every emoji, and first my own custom emoticons ("Mine"), as Telegram and Slack offer them. */
export function ReactionPicker({ onEmoji, onEmoticon, onClose }: ReactionPickerProps) {
  const emoticons = useEmoticons();
  const mine = useMemo(
    (): MineItem[] =>
      emoticons.items.map((e) => ({
        id: e.id,
        name: `:${e.shortcut}:`,
        picture: <EmoticonImage shortcut={e.shortcut} mediaId={e.mediaId} fallback="blank" decorative />,
        onPick: () => onEmoticon({ emoticonId: e.id, shortcut: e.shortcut, mediaId: e.mediaId, animated: e.animated }),
      })),
    [emoticons.items, onEmoticon],
  );
  return <EmojiPicker label="Choose a reaction" mine={mine} onPick={onEmoji} onClose={onClose} />;
}
