/**
 * Everything the page may call, one declaration per feature (see declare.ts). From this one
 * object come the preload's methods, main's validation and dispatch, and the renderer's typed
 * `call` in both builds. Making an online procedure available to both apps is one line in its
 * feature's file.
 */
import type { RouterInputs, RouterOutputs } from '@confab/api';
import type { z } from 'zod';
import { calls } from './calls.js';
import { chats } from './chats.js';
import type { Cached, Declaration, Kind, Local, Online } from './declare.js';
import { files } from './files.js';
import { groups } from './groups.js';
import { messages } from './messages.js';
import { outbox } from './outbox.js';
import { people } from './people.js';
import { polls } from './polls.js';
import { profile } from './profile.js';
import { session } from './session.js';
import { settings } from './settings.js';
import { shell } from './shell.js';
import { devices, notificationCentre, stories } from './stories.js';
import { account } from './account.js';
import { moderation } from './moderation.js';
import { sharing } from './sharing.js';
import { emoticons } from './emoticons.js';

export const procedures = {
  ...session,
  ...profile,
  ...chats,
  ...messages,
  ...outbox,
  ...files,
  ...groups,
  ...polls,
  ...people,
  ...settings,
  ...shell,
  ...calls,
  ...stories,
  ...notificationCentre,
  ...devices,
  ...account,
  ...moderation,
  ...sharing,
  ...emoticons,
} satisfies Record<string, Declaration>;

type Procedures = typeof procedures;
export type ProcedureName = keyof Procedures;
export const PROCEDURE_NAMES = Object.keys(procedures) as ProcedureName[];

export type OnlineName = { [P in ProcedureName]: Procedures[P] extends Online ? P : never }[ProcedureName];
export type CachedName = { [P in ProcedureName]: Procedures[P] extends Cached ? P : never }[ProcedureName];
export type LocalName = { [P in ProcedureName]: Procedures[P] extends Local ? P : never }[ProcedureName];
/** What the desktop answers itself (core or main): everything that is not online-only. */
export type DeviceName = CachedName | LocalName;

type Split<P extends string> = P extends `${infer R}.${infer N}` ? [R, N] : never;
type Path<T, P extends string> = Split<P> extends [infer R, infer N] ? (R extends keyof T ? (N extends keyof T[R] ? T[R][N] : never) : never) : never;
export type ServerInput<P extends string> = Path<RouterInputs, P>;
export type ServerOutput<P extends string> = Path<RouterOutputs, P>;

type DeclaredInput<P extends ProcedureName> = Procedures[P] extends { input: infer S extends z.ZodType } ? z.input<S> : ServerInput<P>;

/** What a call takes: the declared schema's input where the device answers, else the server's. */
export type InputOf<P extends ProcedureName> = undefined extends ServerInput<P> ? DeclaredInput<P> | undefined : DeclaredInput<P>;

/** What the page's input is once main has validated it (zod defaults applied). */
export type ParsedInputOf<P extends DeviceName> = Procedures[P] extends { input: infer S extends z.ZodType } ? z.output<S> : never;

/** What a call answers: the declared answer of a local procedure, else the server's output. */
export type OutputOf<P extends ProcedureName> = Procedures[P] extends Local<Kind, z.ZodType, infer O> ? O : ServerOutput<P>;

/** Inputs that may be left out: none at all, or an object whose every field is optional. */
type Omittable<T> = undefined extends T ? true : Record<never, never> extends T ? true : false;

/** Calls any declared procedure; the input may be left out where the procedure needs none. */
export type Call = <P extends ProcedureName>(procedure: P, ...input: Omittable<InputOf<P>> extends true ? [InputOf<P>?] : [InputOf<P>]) => Promise<OutputOf<P>>;

/** Implementations of the procedures a build answers itself (desktop main, or the web's local ones). */
export type Handlers<Names extends DeviceName> = { [P in Names]: (input: ParsedInputOf<P>) => Promise<OutputOf<P>> };

export const declarationOf = (name: ProcedureName): Declaration => procedures[name];
export const isProcedureName = (name: string): name is ProcedureName => Object.prototype.hasOwnProperty.call(procedures, name);

// ── Compile-time checks ─────────────────────────────────────────────────────────────────────
// Online and cached names are real server procedures with the declared kind, and a cached
// procedure's schema accepts nothing the server would refuse by type.
type ServerKind<P extends string> = Path<AppProcedures, P>;
type AppProcedures = { [R in keyof RouterInputs]: { [N in keyof RouterInputs[R]]: 'server' } };
type NotOnServer = { [P in OnlineName | CachedName]: ServerKind<P> extends never ? P : never }[OnlineName | CachedName];
type TakesInput<P extends string> = [NonNullable<ServerInput<P>>] extends [never | void] ? false : true;
type Wider = {
  [P in CachedName]: TakesInput<P> extends false ? never : DeclaredInput<P> extends NonNullable<ServerInput<P>> ? never : P;
}[CachedName];
const everyServerNameExists: [NotOnServer] extends [never] ? true : NotOnServer = true;
const cachedInputsFitTheServer: [Wider] extends [never] ? true : Wider = true;
void everyServerNameExists;
void cachedInputsFitTheServer;

export { type Declaration } from './declare.js';
export type { UnsentMessage } from './outbox.js';
export type { UploadedFile } from './files.js';
