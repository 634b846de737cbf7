/**
 * The preload bridge's contract: for every method, the zod schema its one payload argument must
 * pass in the main process (strict objects: an unknown key is refused), and the type of what it
 * answers. The renderer is treated as untrusted input: a compromised page can call any method
 * with anything, so every field is bounded here.
 */
import { z } from 'zod';
import type {
  CachedMessage,
  ChatItem,
  ConnectionState,
  CoreEvent,
  MessagesPage,
  Profile,
  SearchPage,
} from '../core/types.js';
import type { MessageView } from '@confab/api';
import type { InvokeMethod } from './channels.js';
import { SERVER_PROCEDURE_NAMES } from './server-procedures.js';

export * from './channels.js';

const id = z.string().min(1).max(128);
const seq = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const text = z.string().min(1).max(65_536);
const none = z.object({}).strict();
/** The server's largest per-kind limit; it enforces the exact one. */
const MAX_UPLOAD_BYTES = 100 * 1024 * 1024;
/** A server call's input as JSON, at most (a 1,000-member group's ids fit many times over). */
const MAX_SERVER_INPUT_CHARS = 256 * 1024;

/** Plain JSON of a bounded size; the server's own zod schema then checks every field. */
function isBoundedJson(value: unknown): boolean {
  try {
    const json = JSON.stringify(value);
    return json === undefined ? value === undefined : json.length <= MAX_SERVER_INPUT_CHARS;
  } catch {
    return false; // cycles, BigInt
  }
}

export const payloadSchemas = {
  restoreSession: none,
  requestCode: z.object({ phone: z.string().min(3).max(32) }).strict(),
  verifyCode: z.object({ phone: z.string().min(3).max(32), code: z.string().regex(/^\d{4,10}$/) }).strict(),
  signOut: none,
  getMe: none,
  updateProfile: z.object({ name: z.string().max(200).optional(), about: z.string().max(1000).optional() }).strict(),
  setAvatar: z.object({ mediaId: id }).strict(),
  getQrCode: none,
  listChats: z.object({ includeHidden: z.boolean().optional() }).strict(),
  getChat: z.object({ chatId: id }).strict(),
  openDirect: z.object({ userId: id }).strict(),
  openChat: z.object({ chatId: id }).strict(),
  setOpenChat: z.object({ chatId: id.nullable() }).strict(),
  readMessages: z.object({ chatId: id, beforeSeq: seq.optional(), limit: z.number().int().min(1).max(200).optional() }).strict(),
  loadOlder: z.object({ chatId: id, beforeSeq: seq }).strict(),
  markRead: z.object({ chatId: id, seq: seq.optional() }).strict(),
  markDelivered: z.object({ chatId: id, seq }).strict(),
  sendTyping: z.object({ chatId: id }).strict(),
  sendMessage: z.object({ chatId: id, text, replyToId: id.nullable().optional(), mentions: z.array(id).max(256).optional() }).strict(),
  retrySend: z.object({ messageId: id }).strict(),
  discardFailed: z.object({ messageId: id }).strict(),
  editMessage: z.object({ messageId: id, text }).strict(),
  deleteMessage: z.object({ messageId: id, forEveryone: z.boolean() }).strict(),
  react: z.object({ messageId: id, emoji: z.string().min(1).max(32).nullable() }).strict(),
  lookupPhone: z.object({ phone: z.string().min(3).max(32) }).strict(),
  userByQr: z.object({ token: z.string().min(1).max(512) }).strict(),
  search: z
    .object({
      query: z.string().max(500),
      chatId: id.optional(),
      order: z.enum(['newest', 'relevance']).optional(),
      cursor: z.string().max(4096).nullable().optional(),
      limit: z.number().int().min(1).max(200).optional(),
    })
    .strict(),
  mediaUrl: z.object({ mediaId: id }).strict(),
  uploadMedia: z
    .object({
      bytes: z.instanceof(Uint8Array).refine((b) => b.byteLength > 0 && b.byteLength <= MAX_UPLOAD_BYTES, 'A file of 1 byte to 100 MB'),
      contentType: z.string().max(255),
      fileName: z.string().max(255).optional(),
      kind: z.enum(['image', 'video', 'audio', 'document']).optional(),
    })
    .strict(),
  sendMedia: z
    .object({
      chatId: id,
      clientId: id,
      kind: z.enum(['image', 'video', 'audio', 'voice', 'document']),
      mediaId: id,
      text: z.string().max(65_536).optional(),
      replyToId: id.optional(),
    })
    .strict(),
  callServer: z
    .object({ procedure: z.enum(SERVER_PROCEDURE_NAMES), input: z.unknown().optional() })
    .strict()
    .refine((call) => isBoundedJson(call.input), { message: 'The input must be plain JSON of at most 256 KB', path: ['input'] }),
  connectionState: none,
  reconnectNow: none,
} satisfies Record<InvokeMethod, z.ZodType>;

export type Payloads = { [M in InvokeMethod]: z.input<(typeof payloadSchemas)[M]> };

/** What each method answers (plain JSON: it crosses IPC by structured clone). */
export interface Results {
  restoreSession: { user: Profile | null };
  requestCode: { phone: string; expiresInSeconds: number };
  verifyCode: { user: Profile; isNewUser: boolean };
  signOut: null;
  getMe: Profile | null;
  updateProfile: Profile;
  setAvatar: Profile;
  getQrCode: { token: string; svg: string };
  listChats: ChatItem[];
  getChat: ChatItem | null;
  openDirect: ChatItem;
  openChat: MessagesPage;
  setOpenChat: null;
  readMessages: MessagesPage;
  loadOlder: MessagesPage;
  markRead: null;
  markDelivered: null;
  sendTyping: null;
  sendMessage: CachedMessage;
  retrySend: null;
  discardFailed: null;
  editMessage: null;
  deleteMessage: null;
  react: null;
  lookupPhone: Profile | null;
  userByQr: Profile;
  search: SearchPage;
  /** A URL the page may load (app://…/media/<id> in Electron), or null when unavailable. */
  mediaUrl: string | null;
  uploadMedia: { mediaId: string; kind: string; mime: string; size: number };
  /** The stored message as the server answered (it also reaches the cache through sync). */
  sendMedia: MessageView;
  /** What the server answered (typed by procedure on the renderer side: ServerOutput). */
  callServer: unknown;
  connectionState: ConnectionState;
  reconnectNow: null;
}

/** A failure the renderer can explain: a stable code, a human message, and a wait when limited. */
export interface IpcError {
  code: string;
  message: string;
  retryAfterSeconds?: number;
}

/**
 * Every invoke answers with an envelope rather than a rejection: Electron flattens rejected
 * errors into a string, which would lose the code the sign-in screen needs (e.g. rate limits).
 */
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: IpcError };

/** Main → renderer on EVENT_CHANNEL. */
export type RendererEvent =
  | Extract<CoreEvent, { type: 'chats' | 'messages' | 'connection' | 'typing' | 'presence' | 'server-event' | 'session' | 'error' }>
  /** A notification was clicked: show this chat. */
  | { type: 'open-chat'; chatId: string };

export const RENDERER_EVENT_TYPES: ReadonlySet<string> = new Set(['chats', 'messages', 'connection', 'typing', 'presence', 'server-event', 'session', 'error', 'open-chat']);
