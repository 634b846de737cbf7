import { User, Users } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useBackend } from '../app/context';
import { colourIndex, initials } from '../lib/identity';

interface AvatarProps {
  /** Seeds the colour: the user's or chat's id. */
  id: string;
  name: string;
  mediaId?: string | null;
  size?: 'sm' | 'md' | 'lg' | 'xl';
  group?: boolean;
}

/** A photo when there is one and it loads; otherwise initials on a colour of their own. */
export function Avatar({ id, name, mediaId = null, size = 'md', group = false }: AvatarProps) {
  // The server's thumbnail is plenty for an avatar; the full image if there is no thumbnail.
  const thumb = useMediaUrl(mediaId, 'thumb');
  const full = useMediaUrl(thumb === null && mediaId ? mediaId : null);
  const photo = thumb ?? full;
  const letters = initials(name);
  const className = `avatar avatar--${size} avatar--c${colourIndex(id)}`;
  if (photo) return <img className={className} src={photo} alt="" draggable={false} />;
  return (
    <span className={className} aria-hidden="true">
      {letters || (group ? <Users className="avatar__icon" /> : <User className="avatar__icon" />)}
    </span>
  );
}

/**
 * A displayable URL for a media id (fetched with the session's token): undefined while loading,
 * null when there is none or it cannot be read.
 */
export function useMediaUrl(mediaId: string | null, variant: 'full' | 'thumb' = 'full'): string | null | undefined {
  const backend = useBackend();
  const [url, setUrl] = useState<{ id: string; url: string | null } | null>(null);
  useEffect(() => {
    if (!mediaId) return;
    let live = true;
    void backend.call('files.url', { mediaId, variant }).then((u) => live && setUrl({ id: mediaId, url: u }));
    return () => {
      live = false;
    };
  }, [backend, mediaId, variant]);
  if (!mediaId) return null;
  return url?.id === mediaId ? url.url : undefined;
}
