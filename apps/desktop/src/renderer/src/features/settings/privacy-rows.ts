import type { OutputOf } from '../../../../shared/procedures/index';

export type Privacy = OutputOf<'settings.get'>['privacy'];
/** The privacy settings that are one choice from a short list (stories have their own screen). */
export type ChoiceField = { [K in keyof Privacy]: Privacy[K] extends string ? K : never }[keyof Privacy];

export interface PrivacyRow<F extends ChoiceField = ChoiceField> {
  field: F;
  label: string;
  hint: string;
  options: readonly { value: Privacy[F]; label: string }[];
}

const AUDIENCE = [
  { value: 'everyone', label: 'Everyone' },
  { value: 'contacts', label: 'My contacts' },
  { value: 'nobody', label: 'Nobody' },
] as const;

/** Settings → Privacy, one row per entry: another setting is one more entry. */
export const PRIVACY_ROWS: PrivacyRow[] = [
  { field: 'lastSeen', label: 'Last seen and online', hint: 'If you hide yours, you cannot see other people’s.', options: AUDIENCE },
  { field: 'profilePhoto', label: 'Profile photo', hint: 'Who sees your photo in chats and your profile.', options: AUDIENCE },
  { field: 'about', label: 'About', hint: 'Who sees the line under your name.', options: AUDIENCE },
  { field: 'readReceipts', label: 'Read receipts', hint: 'Turned off, you do not send or see blue ticks (groups included).', options: AUDIENCE },
  { field: 'groupAdd', label: 'Groups', hint: 'Who can add you to groups; others send you an invitation.', options: AUDIENCE },
  {
    field: 'messageMe',
    label: 'Who can message me',
    hint: 'With “My contacts”, a first message from anyone else waits in Message requests until you accept it.',
    options: [
      { value: 'everyone', label: 'Everyone' },
      { value: 'contacts', label: 'My contacts' },
    ],
  },
];
