import { useRef, useState, type DragEvent } from 'react';

/**
 * Files dragged from the desktop onto a conversation: an overlay while they hover, and the
 * dropped files handed over once. Drags of text or links inside the page are left alone.
 */
export function useFileDrop(enabled: boolean) {
  const [dragging, setDragging] = useState(false);
  const [files, setFiles] = useState<File[] | null>(null);
  // dragenter/dragleave fire for every child crossed; count them to know when the drag left.
  const depth = useRef(0);
  const carriesFiles = (e: DragEvent) => enabled && [...e.dataTransfer.types].includes('Files');

  const handlers = {
    onDragEnter(e: DragEvent) {
      if (!carriesFiles(e)) return;
      e.preventDefault();
      depth.current += 1;
      setDragging(true);
    },
    onDragOver(e: DragEvent) {
      if (!carriesFiles(e)) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = 'copy';
    },
    onDragLeave(e: DragEvent) {
      if (!carriesFiles(e)) return;
      depth.current = Math.max(0, depth.current - 1);
      if (depth.current === 0) setDragging(false);
    },
    onDrop(e: DragEvent) {
      if (!carriesFiles(e)) return;
      e.preventDefault();
      depth.current = 0;
      setDragging(false);
      const dropped = [...e.dataTransfer.files];
      if (dropped.length) setFiles(dropped);
    },
  };
  return { dragging, files, taken: () => setFiles(null), handlers };
}
