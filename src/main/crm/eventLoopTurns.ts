/**
 * Resolves in an event-loop turn of its own: one waiter a turn, in the order they asked. Pages
 * read side by side tend to arrive together: a CRM client parses each answer, and the sync stores
 * each page, in a turn of its own, so the app's timers, IPC and network get the loop between two
 * of them rather than after five (the main loop is never held more than 50 ms). One queue for both
 * sides, so a page's parsing and another page's transaction never share a turn. (Several
 * setImmediate callbacks queued at once all run in one turn: hence the queue.)
 */
const waiting: (() => void)[] = [];
let scheduled = false;

function next(): void {
  waiting.shift()?.();
  // Scheduled from inside this turn's callback: it runs in the next turn.
  if (waiting.length > 0) setImmediate(next);
  else scheduled = false;
}

export function ownTurn(): Promise<void> {
  return new Promise((resolve) => {
    waiting.push(resolve);
    if (!scheduled) {
      scheduled = true;
      setImmediate(next);
    }
  });
}
