/**
 * How a feature declares what the page may call. One declaration per procedure says its name,
 * its kind and where it runs; the preload's allow-list, main's validation and dispatch, and the
 * renderer's typed `call` for both builds are all derived from it (procedures/index.ts).
 *
 * - `online`: a server procedure, run on the server as it is. The web calls it over HTTP; the
 *   desktop page asks main, which calls it with its own session (the page never holds a token).
 *   The server's zod schema checks the input; types come from AppRouter.
 * - `cached`: a server procedure that the desktop core answers itself (cache first, writes
 *   through the outbox) with the server's own input and output types; the web calls the server.
 *   `input` bounds what an untrusted page may send main, and must accept no more than the
 *   server does (checked at compile time in index.ts).
 * - `local`: not a server procedure — a device concern (the session's tokens, the outbox, files,
 *   the window). Each build implements it: the desktop in its core and main process, the web in
 *   renderer/src/lib/web/local-procedures.ts. Its answer's type is declared here, once.
 */
import type { z } from 'zod';

export type Kind = 'query' | 'mutation';

export interface Online<K extends Kind = Kind> {
  readonly runs: 'server';
  readonly kind: K;
}

export interface Cached<K extends Kind = Kind, S extends z.ZodType = z.ZodType> {
  readonly runs: 'core';
  readonly kind: K;
  readonly input: S;
  readonly mirrors: 'server';
}

export interface Local<K extends Kind = Kind, S extends z.ZodType = z.ZodType, Output = unknown> {
  readonly runs: 'core';
  readonly kind: K;
  readonly input: S;
  readonly mirrors: 'nothing';
  /** Type only: what both builds answer. */
  readonly output?: Output;
}

export type Declaration = Online | Cached | Local;

export const online = {
  query: { runs: 'server', kind: 'query' } as Online<'query'>,
  mutation: { runs: 'server', kind: 'mutation' } as Online<'mutation'>,
};

export const cached = {
  query: <S extends z.ZodType>(input: S): Cached<'query', S> => ({ runs: 'core', kind: 'query', input, mirrors: 'server' }),
  mutation: <S extends z.ZodType>(input: S): Cached<'mutation', S> => ({ runs: 'core', kind: 'mutation', input, mirrors: 'server' }),
};

/** `local.query(schema).answers<T>()`: the answer's type is given once, for both builds. */
export const local = {
  query: <S extends z.ZodType>(input: S) => ({ answers: <Output>(): Local<'query', S, Output> => ({ runs: 'core', kind: 'query', input, mirrors: 'nothing' }) }),
  mutation: <S extends z.ZodType>(input: S) => ({ answers: <Output>(): Local<'mutation', S, Output> => ({ runs: 'core', kind: 'mutation', input, mirrors: 'nothing' }) }),
};
