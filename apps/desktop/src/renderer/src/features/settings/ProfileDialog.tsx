import { Dialog } from '../../ui/Dialog';
import { ProfileEditor } from './ProfileEditor';

/** Name, about, photo and my QR code, opened from my avatar in the chat list. */
export function ProfileDialog({ onClose }: { onClose(): void }) {
  return (
    <Dialog title="Your profile" onClose={onClose} size="md">
      <ProfileEditor />
    </Dialog>
  );
}
