import type { Database, Statement } from 'better-sqlite3';
import { bigramText, hasUnsegmented, trigramText, unsegmentedRuns, wordIndexText } from './scripts.js';

/** `c<chats.no>`: a chat as one token of the word index's `chat` column. */
export const chatToken = (chatNo: number): string => `c${chatNo}`;

/**
 * Keeps the three search tables in step with message text. Messages are indexed by their tk
 * (rowid); a message without text (deleted, media only) is simply not in the index.
 */
export class SearchIndexer {
  private readonly insertWords: Statement;
  private readonly insertTrigram: Statement;
  private readonly insertBigram: Statement;
  private readonly deleteWords: Statement;
  private readonly deleteTrigram: Statement;
  private readonly deleteBigram: Statement;

  constructor(db: Database) {
    this.insertWords = db.prepare('INSERT INTO search_words(rowid, body, chat) VALUES (?, ?, ?)');
    this.insertTrigram = db.prepare('INSERT INTO search_trigram(rowid, body) VALUES (?, ?)');
    this.insertBigram = db.prepare('INSERT INTO search_bigram(rowid, body) VALUES (?, ?)');
    this.deleteWords = db.prepare('DELETE FROM search_words WHERE rowid = ?');
    this.deleteTrigram = db.prepare('DELETE FROM search_trigram WHERE rowid = ?');
    this.deleteBigram = db.prepare('DELETE FROM search_bigram WHERE rowid = ?');
  }

  index(tk: number, chatNo: number, text: string | null): void {
    if (!text) return;
    this.insertWords.run(tk, wordIndexText(text), chatToken(chatNo));
    if (!hasUnsegmented(text)) return;
    const runs = unsegmentedRuns(text);
    this.insertTrigram.run(tk, trigramText(runs));
    this.insertBigram.run(tk, bigramText(runs));
  }

  /** `text` is what was indexed: only messages with unsegmented runs are in the other two tables. */
  unindex(tk: number, text: string | null): void {
    if (!text) return;
    this.deleteWords.run(tk);
    if (!hasUnsegmented(text)) return;
    this.deleteTrigram.run(tk);
    this.deleteBigram.run(tk);
  }
}
