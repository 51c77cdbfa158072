import { useEffect, useState, type RefObject } from 'react';

/** Which sides of a box that scrolls sideways have more beyond them. */
export interface ScrollEdges {
  left: boolean;
  right: boolean;
}

const NONE: ScrollEdges = { left: false, right: false };

/** A pixel of slack: a zoomed page scrolls by fractions and may stop short of the very end. */
function scrollEdges(scrollLeft: number, clientWidth: number, scrollWidth: number): ScrollEdges {
  return { left: scrollLeft > 1, right: scrollLeft + clientWidth < scrollWidth - 1 };
}

/**
 * The sides of `ref`'s box with more beyond them, followed as it scrolls and as it or its content
 * changes width (a window resized, the sparklines arriving).
 */
export function useScrollEdges(ref: RefObject<HTMLElement | null>): ScrollEdges {
  const [edges, setEdges] = useState<ScrollEdges>(NONE);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const update = (): void => {
      const next = scrollEdges(el.scrollLeft, el.clientWidth, el.scrollWidth);
      setEdges((e) => (e.left === next.left && e.right === next.right ? e : next));
    };
    update();
    el.addEventListener('scroll', update, { passive: true });
    const resized = new ResizeObserver(update);
    resized.observe(el);
    if (el.firstElementChild) resized.observe(el.firstElementChild);
    return () => {
      el.removeEventListener('scroll', update);
      resized.disconnect();
    };
  }, [ref]);
  return edges;
}
