import { useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';

/**
 * Whether giving the page `room` more px of height would move what a scrolling box shows: a box
 * grows by as much, and one scrolled nearer its end than that is pulled back by the browser (its
 * scroll offset can be no more than its height allows), so its rows move up. One at its top, or
 * one that does not scroll, only grows.
 */
function wouldMove(boxes: readonly (Element | null)[], room: number): boolean {
  return boxes.some((b) => {
    if (b === null || !b.isConnected) return false;
    const most = Math.max(0, b.scrollHeight - b.clientHeight - room);
    return b.scrollTop - most > 1;
  });
}

/**
 * The height the toast strip leaves behind when its last toast goes (0 when nothing is kept).
 *
 * The strip takes its height from the page (a toast covers no row), so the page grows back when
 * it goes. A list scrolled to its very end then moves up by the strip's height: the browser keeps
 * the last row at the bottom. The strip's room stays, blank, while taking it away would move
 * what the list shows, and goes once the rep scrolls back from the end or opens another page.
 */
export function useToastRoom(strip: RefObject<HTMLElement | null>, shown: boolean): number {
  const [height, setHeight] = useState(0);
  const [wasShown, setWasShown] = useState(shown);
  const [kept, setKept] = useState(false);
  const scrolled = useRef<Element | null>(null);
  // In the same render as the strip goes: a frame without the room would already have moved it.
  if (shown !== wasShown) {
    setWasShown(shown);
    setKept(!shown);
  }

  // A toast grows while hovered: the strip's height as it is the moment it goes.
  useEffect(() => {
    const el = strip.current;
    if (!shown || !el) return;
    const seen = new ResizeObserver(() => setHeight(el.offsetHeight));
    seen.observe(el);
    return () => seen.disconnect();
  }, [shown, strip]);

  // The box the rep last scrolled (scroll events do not bubble: read them on the way down).
  useEffect(() => {
    const onScroll = (e: Event): void => {
      scrolled.current = e.target instanceof Element ? e.target : document.scrollingElement;
    };
    document.addEventListener('scroll', onScroll, { capture: true, passive: true });
    return () => document.removeEventListener('scroll', onScroll, { capture: true });
  }, []);

  const room = kept && !shown ? height : 0;

  // Nothing scrolled near its end: the room is not needed at all.
  useLayoutEffect(() => {
    if (room > 0 && !wouldMove([scrolled.current, document.querySelector('main')], room))
      setKept(false);
  }, [room]);

  // Kept: it goes once the rep scrolls back from the end, or opens another page.
  useEffect(() => {
    if (room === 0) return;
    const check = (): void => {
      if (!wouldMove([scrolled.current, document.querySelector('main')], room)) setKept(false);
    };
    const release = (): void => setKept(false);
    document.addEventListener('scroll', check, { capture: true, passive: true });
    window.addEventListener('hashchange', release);
    return () => {
      document.removeEventListener('scroll', check, { capture: true });
      window.removeEventListener('hashchange', release);
    };
  }, [room]);

  return room;
}
