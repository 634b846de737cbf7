import { z } from 'zod';
import type { ConnectionState } from '../../core/types.js';
import { local } from './declare.js';
import { id, none } from './bounds.js';

/** The window around the page: which chat is on screen, and the connection. */
export const shell = {
  /** The chat on screen, so the device does not notify about what is being read. */
  'shell.setOpenChat': local.mutation(z.object({ chatId: id.nullable() }).strict()).answers<null>(),
  /**
   * The call this page is in (`null`: none), declared by its call controller when it starts or
   * answers one and when it leaves: the tray's "In call with Ana — Hang up" follows it.
   */
  'shell.setCall': local.mutation(z.object({ call: z.object({ callId: id, chatId: id }).strict().nullable() }).strict()).answers<null>(),
  /** The connection now; changes arrive as `shell.connection` events. */
  'shell.connectionState': local.query(none).answers<ConnectionState>(),
};
