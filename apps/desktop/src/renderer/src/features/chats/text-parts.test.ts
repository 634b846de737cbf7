import { describe, expect, it } from 'vitest';
import { textParts } from './text-parts';

const ana = { name: 'Ana Alves', me: false };
const me = { name: 'Ben', me: true };

describe('message text parts', () => {
  it('sets apart "@Name" of the people mentioned, mine marked, and leaves other "@" words as text', () => {
    expect(textParts('Hi @Ana Alves and @Ben, cc @nobody', [ana, me])).toEqual([
      { text: 'Hi ' },
      { text: '@Ana Alves', mention: ana },
      { text: ' and ' },
      { text: '@Ben', mention: me },
      { text: ', cc @nobody' },
    ]);
  });

  it('needs the whole name at a word boundary: no mention inside "@Benjamin" or an e-mail address', () => {
    expect(textParts('@Benjamin mail ben@Ben', [me])).toEqual([{ text: '@Benjamin mail ben@Ben' }]);
  });

  it('prefers the longest name and keeps names with regex characters literal', () => {
    const short = { name: 'Ana', me: false };
    const odd = { name: 'J.(x)', me: false };
    expect(textParts('@Ana Alves @J.(x) @Jx(x)', [short, ana, odd]).filter((p) => 'mention' in p)).toEqual([
      { text: '@Ana Alves', mention: ana },
      { text: '@J.(x)', mention: odd },
    ]);
  });

  it('keeps links working beside mentions, and nothing is a mention without mentions', () => {
    expect(textParts('@Ana Alves see https://example.com/a.', [ana])).toEqual([
      { text: '@Ana Alves', mention: ana },
      { text: ' see ' },
      { text: 'https://example.com/a', href: 'https://example.com/a' },
      { text: '.' },
    ]);
    expect(textParts('@Ana Alves')).toEqual([{ text: '@Ana Alves' }]);
  });
});

describe('custom emoticons in message text', () => {
  const party = { shortcut: 'party', mediaId: 'm1' };
  it('draws the :shortcut: of the emoticons the message carries, in any case, and leaves others as text', () => {
    expect(textParts('We did it :party: :unknown: :PARTY:', [], { party })).toEqual([
      { text: 'We did it ' },
      { text: ':party:', emoticon: party },
      { text: ' :unknown: ' },
      { text: ':PARTY:', emoticon: party },
    ]);
  });

  it('leaves links and mentions whole, and an object key like "constructor" is no emoticon', () => {
    expect(textParts('@Ben :party: https://x.org/:party:/a :constructor:', [me], { party })).toEqual([
      { text: '@Ben', mention: me },
      { text: ' ' },
      { text: ':party:', emoticon: party },
      { text: ' ' },
      { text: 'https://x.org/:party:/a', href: 'https://x.org/:party:/a' },
      { text: ' :constructor:' },
    ]);
  });
});
