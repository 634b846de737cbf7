import { useId, useState } from 'react';
import { chooseNotifications, notificationChoice, type NotificationChoice } from './browser-notifications';

const HINT: Record<NotificationChoice, string> = {
  on: 'New messages and missed calls show a notification while this tab is open in the background.',
  off: 'Turn on to hear about new messages while this tab is in the background.',
  blocked: 'Your browser blocks notifications for this site. Allow them in the site settings, then turn this on.',
  unsupported: 'This browser cannot show notifications.',
};

/** Settings → Notifications → This browser (web): on asks the browser's permission, which needs this click. */
export function NotificationSetting() {
  const [choice, setChoice] = useState<NotificationChoice>(notificationChoice);
  const id = useId();
  return (
    <>
      <div className="info-field">
        <label htmlFor={id}>Show notifications</label>
        <input
          id={id}
          type="checkbox"
          role="switch"
          className="info-switch"
          checked={choice === 'on'}
          disabled={choice === 'unsupported'}
          aria-describedby={`${id}-hint`}
          onChange={(e) => void chooseNotifications(e.target.checked).then(setChoice)}
        />
      </div>
      <p id={`${id}-hint`} className="field__hint">
        {HINT[choice]}
      </p>
    </>
  );
}
