import { useLayoutEffect, useState, type RefObject } from 'react';

/**
 * Whether the element's content box is at most `px` wide, as a CSS container query on it reads
 * (`@container (max-width: …px)`): a layout the stylesheet switches at that width, whose heights
 * the script must know too (a virtualised list places its rows by their heights).
 */
export function useNarrowerThan(element: RefObject<HTMLElement | null>, px: number): boolean {
  const [narrow, setNarrow] = useState(false);
  useLayoutEffect(() => {
    const target = element.current;
    if (!target) return;
    // The content box's fractional width, as the container query has it (clientWidth rounds).
    const read = (width: number): void => setNarrow(width <= px);
    read(target.getBoundingClientRect().width - (target.offsetWidth - target.clientWidth));
    const observer = new ResizeObserver((entries) => {
      const entry = entries[entries.length - 1];
      if (entry) read(entry.contentRect.width);
    });
    observer.observe(target);
    return () => observer.disconnect();
  }, [element, px]);
  return narrow;
}
