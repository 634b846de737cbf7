import { useCallback, useEffect, useRef, useState, type CSSProperties, type KeyboardEvent, type PointerEvent, type RefObject } from 'react';

/** Pointer travel (px) before a press becomes a drag rather than a click. */
const DRAG_THRESHOLD = 4;
/** Arrow keys move the window this far (Shift: four times as far). */
const KEY_STEP = 24;
/** Kept clear of the viewport's edges. */
const MARGIN = 8;

interface Point {
  x: number;
  y: number;
}

/** Where the window was left, so the next call's window comes back there (this page's lifetime). */
let remembered: Point | null = null;

/**
 * A floating box the user can drag with mouse, pen or touch, or move with the arrow keys; it
 * always stays inside the viewport, also when the window shrinks. Until moved, CSS places it.
 */
export function useDraggable(box: RefObject<HTMLElement | null>) {
  const [at, setAt] = useState<Point | null>(remembered);
  const [dragging, setDragging] = useState(false);
  const press = useRef<{ pointer: Point; origin: Point; moved: boolean } | null>(null);
  const dragged = useRef(false);

  const place = useCallback(
    (point: Point) => {
      const el = box.current;
      if (!el) return;
      const clamped = {
        x: Math.round(Math.min(Math.max(MARGIN, point.x), window.innerWidth - el.offsetWidth - MARGIN)),
        y: Math.round(Math.min(Math.max(MARGIN, point.y), window.innerHeight - el.offsetHeight - MARGIN)),
      };
      remembered = clamped;
      setAt(clamped);
    },
    [box],
  );

  useEffect(() => {
    const onResize = () => {
      if (remembered) place(remembered);
    };
    onResize();
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, [place]);

  const origin = (): Point => {
    const rect = box.current?.getBoundingClientRect();
    return { x: rect?.left ?? 0, y: rect?.top ?? 0 };
  };

  function onPointerDown(e: PointerEvent<HTMLElement>) {
    if (e.button !== 0) return;
    // Buttons inside may still be pressed; a drag starting on them only counts once it moves.
    press.current = { pointer: { x: e.clientX, y: e.clientY }, origin: origin(), moved: false };
    dragged.current = false;
    const el = e.currentTarget;
    const move = (ev: globalThis.PointerEvent) => {
      const p = press.current;
      if (!p) return;
      const dx = ev.clientX - p.pointer.x;
      const dy = ev.clientY - p.pointer.y;
      if (!p.moved && Math.hypot(dx, dy) < DRAG_THRESHOLD) return;
      if (!p.moved) {
        p.moved = true;
        setDragging(true);
        el.setPointerCapture?.(ev.pointerId);
      }
      place({ x: p.origin.x + dx, y: p.origin.y + dy });
    };
    const up = () => {
      dragged.current = press.current?.moved ?? false;
      press.current = null;
      setDragging(false);
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', up);
      window.removeEventListener('pointercancel', up);
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up);
    window.addEventListener('pointercancel', up);
  }

  function onKeyDown(e: KeyboardEvent<HTMLElement>) {
    const step = e.shiftKey ? KEY_STEP * 4 : KEY_STEP;
    const delta: Record<string, Point> = { ArrowLeft: { x: -step, y: 0 }, ArrowRight: { x: step, y: 0 }, ArrowUp: { x: 0, y: -step }, ArrowDown: { x: 0, y: step } };
    const d = delta[e.key];
    if (!d) return;
    e.preventDefault();
    const from = origin();
    place({ x: from.x + d.x, y: from.y + d.y });
  }

  const style: CSSProperties | undefined = at ? { left: at.x, top: at.y, right: 'auto', bottom: 'auto' } : undefined;
  return {
    style,
    dragging,
    onPointerDown,
    onKeyDown,
    /** True once after a drag ended, so the click that follows it is ignored. */
    consumeDrag(): boolean {
      const was = dragged.current;
      dragged.current = false;
      return was;
    },
  };
}
