import type { CoreEvent } from '../core/index.js';
import { RENDERER_EVENT_TYPES, type RendererEvent } from '../shared/ipc-contract.js';

/**
 * Which core events reach the page. Unread totals and notifications are the main process's
 * business (tray, OS notifications); the page hears only what it renders.
 */
export function toRendererEvent(event: CoreEvent): RendererEvent | null {
  return RENDERER_EVENT_TYPES.has(event.type) ? (event as RendererEvent) : null;
}
