import { Ban, Bell, Lock, MonitorSmartphone, ShieldAlert, SmilePlus, Trash2, UserRound, type LucideIcon } from 'lucide-react';
import type { ComponentType } from 'react';
import { EmoticonsPage } from '../emoticons/EmoticonsPage';
import { ModerationPage } from '../moderation/ModerationPage';
import { BlockedContactsPage } from './BlockedContactsPage';
import { DeleteAccountPage } from './DeleteAccountPage';
import { LinkedDevicesPage } from './LinkedDevicesPage';
import { NotificationPreferences } from './NotificationPreferences';
import { PrivacyPage } from './PrivacyPage';
import { ProfileEditor } from './ProfileEditor';

/** What every settings page is given. */
export interface SettingsPageProps {
  /** The account's session ended here (deleted): back to the sign-in screen, with a word why. */
  onSignedOut(notice?: string): void;
}

export interface SettingsSection {
  id: string;
  /** The row's text and the page's title. */
  label: string;
  /** One line under the label. */
  hint: string;
  icon: LucideIcon;
  Page: ComponentType<SettingsPageProps>;
  /** Only for some accounts (moderators); shown to all when absent. */
  shownTo?(account: { moderator: boolean }): boolean;
  danger?: boolean;
  /** Wider pages (forms in two columns, reports). */
  size?: 'sm' | 'md';
}

/**
 * The sections of Settings, in the order shown. Adding one is one entry here: a label, an icon
 * and the page it opens (Settings draws the list, the back button and the title).
 */
export const SETTINGS_SECTIONS: SettingsSection[] = [
  { id: 'profile', label: 'Profile', hint: 'Name, about, photo, QR code', icon: UserRound, Page: ProfileEditor, size: 'md' },
  { id: 'privacy', label: 'Privacy', hint: 'Last seen, profile photo, about, read receipts, groups', icon: Lock, Page: PrivacyPage },
  { id: 'notifications', label: 'Notifications', hint: 'Messages, groups, stories, reactions, sound, previews', icon: Bell, Page: NotificationPreferences },
  { id: 'emoticons', label: 'Stickers & emoticons', hint: 'Your own pictures to type as :shortcut: and send as stickers', icon: SmilePlus, Page: EmoticonsPage },
  { id: 'devices', label: 'Linked devices', hint: 'Where you are signed in', icon: MonitorSmartphone, Page: LinkedDevicesPage },
  { id: 'blocked', label: 'Blocked contacts', hint: 'People who cannot message or call you', icon: Ban, Page: BlockedContactsPage },
  { id: 'moderation', label: 'Moderation', hint: 'Reports waiting for a moderator', icon: ShieldAlert, Page: ModerationPage, shownTo: (a) => a.moderator, size: 'md' },
  { id: 'delete-account', label: 'Delete account', hint: 'Erase your profile and sign out everywhere', icon: Trash2, Page: DeleteAccountPage, danger: true },
];
