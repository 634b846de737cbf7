import type { CoreEvent } from '../core/index.js';
import type { PageEvent } from '../shared/page-events.js';

/**
 * Which core events reach the page: all but the unread total, notifications and call alerts,
 * which are the main process's business (tray, OS notifications).
 */
const MAIN_ONLY = new Set<CoreEvent['type']>(['unread', 'os.notification', 'call.alert', 'call.here']);

export function toPageEvent(event: CoreEvent): PageEvent | null {
  return MAIN_ONLY.has(event.type) ? null : (event as PageEvent);
}
