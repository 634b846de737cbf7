/**
 * Deterministic, roughly realistic chat text: common English words with a Zipf-like skew,
 * everyday phrases, names, a long tail of rare words, accented words, links and emoji, and
 * about 5 % Chinese or Japanese.
 */

export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const COMMON = `the to you i a and it is that of in for me on we be have are this my what so do just not with
can at was your it's all but get up if out i'm know like go no about how will it’s yes ok when there they one
now time think good see did would then its from see don't got come today tomorrow right back need want here
going really make well he she them our us too let more some call work home day night still maybe thanks
thank great sure later sorry love new last take look meeting dinner lunch coffee office week weekend morning
tonight train bus car flight hotel plan plans project report budget team client email phone message send
sent check checked checking counter counters counted counting count please help find found question answer
problem issue fix fixed update updated deploy release review reviewed test tests testing draft document file
photo photos picture video link price money pay paid bill store shop buy bought order ordered delivery
package address street city park beach walk run game match score win won lost party birthday gift cake
movie music song book read reading school class exam study teacher kids baby family mom dad brother sister
friend friends doctor appointment sick better feeling happy happiness tired busy free early late soon
minute minutes hour hours year years month summer winter rain sunny weather cold hot`.split(/\s+/);

const NAMES = ['Ana', 'Ben', 'Chloé', 'Dmitri', 'Emre', 'Fatima', 'Giulia', 'Hiro', 'Ingrid', 'José', 'Kwame', 'Lena', 'Mateo', 'Nour', 'Olga', 'Priya', 'Quinn', 'Rafael', 'Søren', 'Tomás', 'Uma', 'Viktor', 'Wen', 'Xavier', 'Yuki', 'Zoë'];
const ACCENTED = ['café', 'naïve', 'résumé', 'crème brûlée', 'jalapeño', 'façade', 'über', 'São Paulo', 'München', 'piñata', 'déjà vu', 'Zürich'];
const PHRASES = [
  'see you tomorrow',
  'are we still on for dinner tonight?',
  'running a bit late, sorry',
  'can you send me the report',
  'the meeting moved to {time}',
  'happy birthday {name}!',
  'did you see the game last night',
  'call me when you are free',
  'I will be at the office around {time}',
  'thanks for the help with the project',
  'the counters were reset again this morning',
  'let me check and get back to you',
  'who is picking up the kids today?',
  "don't forget the budget review on {day}",
  'flight lands at {time}, see you at arrivals',
];
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const EMOJI = ['😂', '👍', '❤️', '🎉', '🙏', '😅', '🔥', '👀'];
const CJK = [
  '你好，最近怎么样？',
  '我们明天下午三点开会',
  '今天天气很好，我们去公园吧',
  '这个项目的预算需要再看一下',
  '谢谢你的帮助，你好厉害',
  '晚饭吃什么？火锅还是饺子',
  '今日は東京タワーに行きました',
  '明日の会議は十時からです',
  'ありがとうございます、よろしくお願いします',
  '駅で待っています',
  '週末は京都に行く予定です',
  'お疲れ様でした！',
];

const SYLLABLES = ['ka', 'lo', 'mi', 'ren', 'tas', 'vo', 'qui', 'dre', 'ul', 'pan', 'sor', 'bel', 'tri', 'gon', 'fex', 'mar', 'zu', 'nel', 'cor', 'hal'];

/** The n-th rare word (≈ 30,000 of them, each appearing a handful of times). */
export function rareWord(n: number): string {
  const parts: string[] = [];
  let x = n + 400;
  while (x > 0) {
    parts.push(SYLLABLES[x % SYLLABLES.length]!);
    x = Math.floor(x / SYLLABLES.length);
  }
  return parts.join('');
}
export const RARE_WORDS = 30_000;

export class Corpus {
  constructor(private readonly random: () => number) {}

  private pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.random() * list.length)]!;
  }

  /** Zipf-like: low indexes (the most common words) much more often. */
  private commonWord(): string {
    const index = Math.floor(COMMON.length * this.random() ** 2.2);
    return COMMON[index]!;
  }

  private fill(template: string): string {
    return template
      .replace('{time}', `${1 + Math.floor(this.random() * 12)}:${this.random() < 0.5 ? '00' : '30'}`)
      .replace('{name}', this.pick(NAMES))
      .replace('{day}', this.pick(DAYS));
  }

  message(): string {
    const r = this.random();
    if (r < 0.05) return this.random() < 0.3 ? `${this.pick(CJK)} ${this.pick(CJK)}` : this.pick(CJK);
    if (r < 0.25) return this.fill(this.pick(PHRASES));
    const words: string[] = [];
    const length = 3 + Math.floor(this.random() ** 1.5 * 30);
    for (let i = 0; i < length; i++) {
      const w = this.random();
      if (w < 0.04) words.push(rareWord(Math.floor(this.random() * RARE_WORDS)));
      else if (w < 0.07) words.push(this.pick(NAMES));
      else if (w < 0.085) words.push(this.pick(ACCENTED));
      else if (w < 0.09) words.push(`https://example.com/${rareWord(Math.floor(this.random() * 500))}`);
      else if (w < 0.1) words.push(this.pick(EMOJI));
      else words.push(this.commonWord());
    }
    const text = words.join(' ');
    return text.charAt(0).toUpperCase() + text.slice(1) + (this.random() < 0.3 ? '?' : '');
  }
}
