import type { Database, Statement } from 'better-sqlite3';
import type { CachedMessage, SearchHit, SearchOptions, SearchPage } from '../../types.js';
import { chatToken } from './indexer.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { ftsString, parseQuery, type ParsedQuery } from './query.js';
import { Highlighter } from './snippet.js';

/**
 * bm25 scores every row it is asked about; over all hits of a common word that is hundreds of
 * milliseconds. Relevance order therefore ranks windows of the most recent hits, each window
 * on its own, and pages through window after window: recent good matches first, and every hit
 * is still reachable.
 */
export const RANK_WINDOW = 2000;
const DEFAULT_PAGE = 50;
const MAX_PAGE = 200;

export interface HitContext {
  message: CachedMessage;
  text: string;
  chatTitle: string;
  senderName: string;
}

export type LoadHits = (tks: readonly number[]) => Map<number, HitContext>;

interface Plan {
  table: string;
  match: string;
  bm25: string;
  filters: string[];
  params: unknown[];
}

export class MessageSearch {
  private readonly statements = new Map<string, Statement>();
  private readonly highlighter: Highlighter;
  private readonly chatNo: Statement;

  constructor(
    private readonly db: Database,
    private readonly loadHits: LoadHits,
  ) {
    this.highlighter = new Highlighter(db);
    this.chatNo = db.prepare('SELECT no FROM chats WHERE id = ?').pluck();
  }

  search(query: string, options: SearchOptions = {}): SearchPage {
    const order = options.order ?? 'newest';
    const limit = Math.min(MAX_PAGE, Math.max(1, Math.floor(options.limit ?? DEFAULT_PAGE)));
    const parsed = parseQuery(query);
    if (!parsed) return { hits: [], nextCursor: null };
    let chatNo: number | null = null;
    if (options.chatId !== undefined) {
      chatNo = (this.chatNo.get(options.chatId) as number | undefined) ?? null;
      if (chatNo === null) return { hits: [], nextCursor: null };
    }
    const plan = planFor(parsed, chatNo, options.chatId ?? null);
    const cursor = options.cursor ? decodeCursor(options.cursor, order) : null;

    if (order === 'newest') {
      const below = cursor?.order === 'newest' ? cursor.below : null;
      const rows = this.hitsBelow(plan, below, limit + 1, false);
      const page = rows.slice(0, limit).map((r) => r.tk);
      const next = rows.length > limit ? encodeCursor({ order: 'newest', below: page.at(-1)! }) : null;
      return { hits: this.hydrate(page, parsed), nextCursor: next };
    }

    const below = cursor?.order === 'relevance' ? cursor.below : null;
    const offset = cursor?.order === 'relevance' ? cursor.offset : 0;
    const window = this.hitsBelow(plan, below, RANK_WINDOW + 1, true);
    const moreWindows = window.length > RANK_WINDOW;
    const ranked = window.slice(0, RANK_WINDOW);
    const oldest = ranked.at(-1)?.tk ?? null;
    ranked.sort((a, b) => a.score! - b.score! || b.tk - a.tk);
    const page = ranked.slice(offset, offset + limit).map((r) => r.tk);
    let next: string | null = null;
    if (offset + limit < ranked.length) next = encodeCursor({ order: 'relevance', below, offset: offset + limit });
    else if (moreWindows && oldest !== null) next = encodeCursor({ order: 'relevance', below: oldest, offset: 0 });
    return { hits: this.hydrate(page, parsed), nextCursor: next };
  }

  private hitsBelow(plan: Plan, below: number | null, limit: number, withScore: boolean): { tk: number; score?: number }[] {
    const conditions = [`${plan.table} MATCH ?`, ...(below !== null ? ['rowid < ?'] : []), ...plan.filters];
    const sql = `SELECT rowid AS tk${withScore ? `, ${plan.bm25} AS score` : ''} FROM ${plan.table} WHERE ${conditions.join(' AND ')} ORDER BY rowid DESC LIMIT ?`;
    const params = [plan.match, ...(below !== null ? [below] : []), ...plan.params, limit];
    return this.statement(sql).all(...params) as { tk: number; score?: number }[];
  }

  private hydrate(tks: readonly number[], parsed: ParsedQuery): SearchHit[] {
    const contexts = this.loadHits(tks);
    const found = tks.flatMap((tk) => {
      const context = contexts.get(tk);
      return context ? [{ tk, context }] : [];
    });
    const snippets = this.highlighter.snippets(
      found.map(({ tk, context }) => ({ tk, text: context.text })),
      parsed,
    );
    return found.map(({ tk, context }) => ({
      message: context.message,
      chatTitle: context.chatTitle,
      senderName: context.senderName,
      snippet: snippets.get(tk) ?? [],
    }));
  }

  private statement(sql: string): Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }
}

/**
 * Which index drives the walk (it yields rowids newest first) and which others filter it. The
 * word index drives when the query has words, and then a chat filter is one more MATCH term.
 */
function planFor(parsed: ParsedQuery, chatNo: number | null, chatId: string | null): Plan {
  let joinChat = chatId;
  const filters: string[] = [];
  const params: unknown[] = [];
  const all = (terms: readonly string[]) => terms.map(ftsString).join(' AND ');
  let table: string;
  let match: string;
  let bm25: string;
  if (parsed.words) {
    table = 'search_words';
    match = `body : (${parsed.words})${chatNo !== null ? ` AND chat : ${ftsString(chatToken(chatNo))}` : ''}`;
    bm25 = 'bm25(search_words, 1.0, 0.0)';
    joinChat = null;
  } else if (parsed.trigrams.length > 0) {
    table = 'search_trigram';
    match = all(parsed.trigrams);
    bm25 = 'bm25(search_trigram)';
  } else {
    table = 'search_bigram';
    match = all(parsed.bigrams);
    bm25 = 'bm25(search_bigram)';
  }
  if (table !== 'search_trigram' && parsed.trigrams.length > 0) {
    filters.push(`rowid IN (SELECT rowid FROM search_trigram WHERE search_trigram MATCH ?)`);
    params.push(all(parsed.trigrams));
  }
  if (table !== 'search_bigram' && parsed.bigrams.length > 0) {
    filters.push(`rowid IN (SELECT rowid FROM search_bigram WHERE search_bigram MATCH ?)`);
    params.push(all(parsed.bigrams));
  }
  if (joinChat !== null) {
    filters.push(`EXISTS (SELECT 1 FROM messages m WHERE m.tk = ${table}.rowid AND m.chat_id = ?)`);
    params.push(joinChat);
  }
  return { table, match, bm25, filters, params };
}
