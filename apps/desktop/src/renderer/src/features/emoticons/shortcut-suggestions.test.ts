import { describe, expect, it } from 'vitest';
import { loadEmojiGroups } from '../emoji/emoji-data';
import { normaliseShortcut, shortcutFromFileName, shortcutProblem, shortcutQueryAt } from './shortcut';
import { insertionOf, shortcutSuggestions } from './shortcut-suggestions';

const mine = ['party', 'partyparrot', 'happy_party', 'shipit'].map((shortcut, i) => ({ shortcut, mediaId: `m${i}` }));
const at = (text: string) => shortcutQueryAt(text, text.length);

describe(':shortcut: suggestions', () => {
  it('open on a colon and two letters at the start or after a space, not inside times, links or smileys', () => {
    expect(at(':pa')).toEqual({ start: 0, query: 'pa' });
    expect(at('We did it :par')).toEqual({ start: 10, query: 'par' });
    expect(at('(:thumbs_up')).toEqual({ start: 1, query: 'thumbs_up' });
    for (const text of [':p', 'at 10:30', 'see http://x', 'ok :)', 'done :party:', 'a:bc', ':pa rty', '']) expect(at(text), text).toBeNull();
    // The caret, not the end of the text, is where typing happens.
    expect(shortcutQueryAt(':pa and more', 3)).toEqual({ start: 0, query: 'pa' });
  });

  it('list my emoticons first: a shortcut starting with what I typed before one containing it, shorter first', () => {
    const found = shortcutSuggestions('PART', mine, null);
    expect(found.map((s) => s.shortcut)).toEqual(['party', 'partyparrot', 'happy_party']);
    expect(found[0]).toMatchObject({ kind: 'custom', emoticon: { mediaId: 'm0' } });
    expect(shortcutSuggestions('zz', mine, null)).toEqual([]);
  });

  it('then standard emoji by name or tag, an exact word first; underscores stand for spaces', async () => {
    const groups = await loadEmojiGroups();
    const heart = shortcutSuggestions('heart', [], groups);
    expect(heart).toHaveLength(8);
    expect(heart[0]).toMatchObject({ kind: 'emoji', emoji: '❤️', shortcut: 'red_heart' });
    expect(heart.every((s) => s.kind === 'emoji')).toBe(true);

    expect(shortcutSuggestions('thumbs_up', [], groups)[0]).toMatchObject({ kind: 'emoji', label: 'thumbs up', shortcut: 'thumbs_up' });
    const mixed = shortcutSuggestions('party', mine, groups);
    expect(mixed.slice(0, 4).map((s) => s.kind)).toEqual(['custom', 'custom', 'custom', 'emoji']);
    expect(mixed[3]).toMatchObject({ emoji: '🎉', shortcut: 'party_popper' });
    expect(mixed.length).toBeLessThanOrEqual(8);
  });

  it('insert my emoticon as :shortcut: and a standard emoji as itself, each followed by a space', () => {
    expect(insertionOf({ kind: 'custom', shortcut: 'party', emoticon: mine[0]! })).toBe(':party: ');
    expect(insertionOf({ kind: 'emoji', shortcut: 'red_heart', emoji: '❤️', label: 'red heart' })).toBe('❤️ ');
  });
});

describe('a new emoticon\'s shortcut', () => {
  it('is suggested from the file name and refused in the server\'s words when it would be', () => {
    expect(shortcutFromFileName('Party Parrot (1).GIF')).toBe('party_parrot_1');
    expect(normaliseShortcut(' :Party: ')).toBe('party');
    expect(shortcutProblem('party')).toBeNull();
    expect(shortcutProblem('')).toMatch(/Give the emoticon a shortcut/);
    expect(shortcutProblem('p')).toMatch(/at least 2/);
    expect(shortcutProblem('x'.repeat(33))).toMatch(/at most 32/);
    expect(shortcutProblem('two words')).toMatch(/letters, digits/);
  });
});
