import { FormError } from '../../ui/FormError';
import { Trash2 } from 'lucide-react';
import { useState } from 'react';
import { useBackend } from '../../app/context';
import type { ChatView } from '../../lib/backend';
import { errorText } from '../../../../shared/errors';
import { Avatar } from '../../ui/Avatar';
import { PhotoPicker } from '../../ui/PhotoPicker';
import type { GroupInfo } from './group-data';

/**
 * The group's image at the top of group info; who may edit the info (`editable`) can change or
 * remove it. Every member's list, header and this dialog follow through `group.updated`.
 */
export function GroupImage({ chat, info, editable }: { chat: ChatView; info: GroupInfo | undefined; editable: boolean }) {
  const backend = useBackend();
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [removing, setRemoving] = useState(false);
  // Once the group's info is known it has the last word: a removed image is null there.
  const mediaId = info ? info.avatarMediaId : chat.avatarMediaId;

  function start() {
    setStatus(null);
    setError(null);
  }

  async function setImage(uploaded: string) {
    await backend.call('groups.setImage', { chatId: chat.id, mediaId: uploaded });
    setStatus('Group image changed.');
  }

  async function remove() {
    start();
    setRemoving(true);
    try {
      await backend.call('groups.removeImage', { chatId: chat.id });
      setStatus('Group image removed.');
    } catch (err) {
      setError(errorText(err));
    } finally {
      setRemoving(false);
    }
  }

  return (
    <>
      <Avatar id={chat.id} name={info?.name ?? chat.title} mediaId={mediaId} size="xl" group />
      {editable && (
        <PhotoPicker label={mediaId ? 'Change group image' : 'Add group image'} disabled={removing} onStart={start} onUploaded={setImage} onError={(err) => setError(errorText(err))}>
          {mediaId && (
            <button type="button" className="button button--ghost button--small" onClick={() => void remove()} disabled={removing}>
              <Trash2 aria-hidden="true" /> Remove image
            </button>
          )}
        </PhotoPicker>
      )}
      {status && (
        <p className="form-notice" role="status">
          {status}
        </p>
      )}
      <FormError message={error} />
    </>
  );
}
