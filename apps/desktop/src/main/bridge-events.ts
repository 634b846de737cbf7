import type { CoreEvent } from '../core/index.js';
import type { PageEvent } from '../shared/page-events.js';

/**
 * Which core events reach the page: all but the unread total and notifications, which are the
 * main process's business (tray, OS notifications).
 */
export function toPageEvent(event: CoreEvent): PageEvent | null {
  return event.type === 'unread' || event.type === 'os.notification' ? null : event;
}
