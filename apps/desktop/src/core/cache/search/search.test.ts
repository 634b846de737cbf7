import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Cache } from '../cache.js';
import { storeChat, storeMessage } from '../store.js';
import { chatView, messageView, tempCache, writeContext } from '../../testing/fixtures.js';
import type { SearchOptions, SearchPage } from '../../types.js';

describe('message search in the cache', () => {
  let cache: Cache;
  let dispose: () => void;
  let seq = 0;

  const add = (text: string, chatId = 'chat-a', extra = {}) => {
    const ctx = writeContext(cache);
    seq += 1;
    const view = messageView(chatId, seq, text, extra);
    cache.transaction(() => storeMessage(ctx, view));
    return view;
  };
  const texts = (page: SearchPage) => page.hits.map((h) => h.message.text);
  const find = (query: string, options: SearchOptions = {}) => texts(cache.search.search(query, options));

  beforeEach(() => {
    ({ cache, dispose } = tempCache());
    const ctx = writeContext(cache);
    cache.transaction(() => {
      storeChat(ctx, chatView('chat-a'));
      storeChat(ctx, chatView('chat-b', { title: 'Team', kind: 'group', peer: null }));
    });
  });
  afterEach(() => dispose());

  it('finds English word forms through the stemmer', () => {
    add('The counters were reset');
    add('She counted the votes twice');
    add('Nothing to see here');
    add('The planet is round');
    expect(find('counting')).toEqual(['She counted the votes twice', 'The counters were reset']);
    expect(find('counter')).toEqual(['She counted the votes twice', 'The counters were reset']);
    expect(find('counts')).toContain('She counted the votes twice');
    // Dropping letters only reaches stems through endings: "planet" is not "plan".
    add('We made a plan');
    expect(find('planet')).toEqual(['The planet is round']);
  });

  it('finds a word from its first letters, and keeps finding it while the word is typed out', () => {
    add('Our happiness counter broke');
    for (const typed of ['coun', 'count', 'counte', 'counter', 'hap', 'happi', 'happin', 'happine', 'happines', 'happiness']) {
      expect(find(typed), typed).toEqual(['Our happiness counter broke']);
    }
  });

  it('ignores accents in either direction', () => {
    add('Meet me at the café near the Bahnhof');
    add('Crème brûlée for dessert');
    expect(find('cafe')).toEqual(['Meet me at the café near the Bahnhof']);
    expect(find('CAFÉ')).toEqual(['Meet me at the café near the Bahnhof']);
    expect(find('creme brulee')).toEqual(['Crème brûlée for dessert']);
  });

  it('finds Chinese, Japanese and Korean text inside longer sentences by substring', () => {
    add('我们昨天在公园里说你好世界然后回家了');
    add('昨日は東京タワーに行きました。とても楽しかった');
    add('我买了iPhone手机');
    add('학교에서 친구를 만났어요');
    expect(find('你好')).toEqual(['我们昨天在公园里说你好世界然后回家了']);
    expect(find('好')).toEqual(['我们昨天在公园里说你好世界然后回家了']);
    expect(find('说你好世界')).toEqual(['我们昨天在公园里说你好世界然后回家了']);
    expect(find('東京タワー')).toEqual(['昨日は東京タワーに行きました。とても楽しかった']);
    expect(find('楽しかった')).toEqual(['昨日は東京タワーに行きました。とても楽しかった']);
    expect(find('iphone')).toEqual(['我买了iPhone手机']);
    expect(find('iPhone 手机')).toEqual(['我买了iPhone手机']);
    expect(find('학교')).toEqual(['학교에서 친구를 만났어요']);
    expect(find('東京タワー 你好')).toEqual([]);
  });

  it('never throws on FTS syntax in the query', () => {
    add('a normal message with "quotes" and stars*');
    const nasty = ['"', '""', '"unclosed', '*', 'AND', 'OR NOT', 'NEAR(a b)', 'body:x', 'chat : c1', '^start', '(((', ')', '-', '+', '{a b}', 'a:b:c', "'", '\\', '\u0002', '🎉', '   ', '', 'quotes"*'];
    for (const query of nasty) expect(() => cache.search.search(query), query).not.toThrow();
    expect(find('"quotes" AND')).toEqual(['a normal message with "quotes" and stars*']);
    expect(find('stars*')).toEqual(['a normal message with "quotes" and stars*']);
  });

  it('matches a quoted phrase exactly', () => {
    add('the quick brown fox');
    add('brown and quick');
    expect(find('"quick brown"')).toEqual(['the quick brown fox']);
    expect(find('quick brown')).toHaveLength(2);
  });

  it('returns highlighted snippets as plain text segments', () => {
    add('<img src=x onerror=alert(1)> the counters are <b>wrong</b>');
    const [hit] = cache.search.search('counter').hits;
    expect(hit!.snippet).toEqual([
      { text: '<img src=x onerror=alert(1)> the ', match: false },
      { text: 'counters', match: true },
      { text: ' are <b>wrong</b>', match: false },
    ]);
    add('在公园里说你好世界');
    expect(cache.search.search('你好').hits[0]!.snippet).toEqual([
      { text: '在公园里说', match: false },
      { text: '你好', match: true },
      { text: '世界', match: false },
    ]);
  });

  it('cuts long texts around the first match', () => {
    const long = `${'lorem ipsum dolor '.repeat(20)}target word here${' sit amet'.repeat(30)}`;
    add(long);
    const snippet = cache.search.search('target').hits[0]!.snippet;
    expect(snippet[0]!.text.startsWith('…')).toBe(true);
    expect(snippet.at(-1)!.text.endsWith('…')).toBe(true);
    expect(snippet.find((s) => s.match)?.text).toBe('target');
    expect(snippet.map((s) => s.text).join('').length).toBeLessThan(200);
  });

  it('filters by chat and names chat and sender', () => {
    add('lunch today?', 'chat-a');
    add('lunch tomorrow', 'chat-b');
    expect(find('lunch', { chatId: 'chat-b' })).toEqual(['lunch tomorrow']);
    expect(find('lunch', { chatId: 'no-such-chat' })).toEqual([]);
    const hit = cache.search.search('today').hits[0]!;
    expect(hit.chatTitle).toBe('Ana');
    expect(hit.senderName).toBe('Ana');
  });

  it('does not find deleted text, and finds edited text by its new words only', () => {
    const gone = add('secret plans');
    const edited = add('typo mesage');
    const ctx = writeContext(cache);
    cache.transaction(() => {
      storeMessage(ctx, { ...gone, text: null, deletedAt: '2026-01-01T00:00:00.000Z' });
      storeMessage(ctx, { ...edited, text: 'fixed message', editedAt: '2026-01-01T00:00:00.000Z' });
    });
    expect(find('secret')).toEqual([]);
    expect(find('mesage')).toEqual([]);
    expect(find('message')).toEqual(['fixed message']);
  });

  it('returns all 1,000 matches over pages, newest first, each once', () => {
    cache.transaction(() => {
      for (let i = 0; i < 1000; i++) add(`report number ${i}`);
      for (let i = 0; i < 50; i++) add(`unrelated ${i}`);
    });
    for (const limit of [50, 200, 7]) {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page = cache.search.search('report', { cursor, limit });
        seen.push(...texts(page).map((t) => t!));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toHaveLength(1000);
      expect(new Set(seen).size).toBe(1000);
      expect(seen[0]).toBe('report number 999');
      expect(seen.at(-1)).toBe('report number 0');
    }
  });

  it('ranks by relevance within recent windows and still returns every match', () => {
    cache.transaction(() => {
      for (let i = 0; i < 2300; i++) add(i % 500 === 0 ? `budget budget budget review ${i}` : `the quarterly budget and many other words in this message ${i}`);
    });
    const seen: string[] = [];
    let cursor: string | null = null;
    let first: SearchPage | null = null;
    do {
      const page = cache.search.search('budget', { order: 'relevance', cursor, limit: 100 });
      first ??= page;
      seen.push(...texts(page).map((t) => t!));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(2300);
    expect(new Set(seen).size).toBe(2300);
    // The strongest matches in the most recent window come first.
    expect(texts(first!).slice(0, 4)).toEqual(['budget budget budget review 2000', 'budget budget budget review 1500', 'budget budget budget review 1000', 'budget budget budget review 500']);
  });

  it('rejects a cursor that is not one of its own', () => {
    add('hello');
    expect(() => cache.search.search('hello', { cursor: 'garbage' })).toThrow('Invalid search cursor');
  });
});
