import { describe, expect, it } from 'vitest';
import { pushedEvents, type EventHandler } from '../../../src/shared/pushedEvents';

/** What the preload keeps for the app's first listener. */
const DESKTOP_KEPT = ['open-page', 'alerts', 'database-update'] as const;

// The IPC channel from main as the preload sees it: a test pushes events down it.
function fakeChannel() {
  const handlers = new Set<EventHandler>();
  return {
    channel: {
      on: (h: EventHandler) => void handlers.add(h),
      off: (h: EventHandler) => void handlers.delete(h),
    },
    push: (name: string, payload: unknown) => {
      for (const h of [...handlers]) h(name, payload);
    },
    size: () => handlers.size,
  };
}

describe('events from the desktop shell to the page', () => {
  it('keeps the page a new window was opened for until the app listens (macOS, window closed)', () => {
    const main = fakeChannel();
    const on = pushedEvents(main.channel, DESKTOP_KEPT);
    // The tray opened a window for an alert and sent its page before the app's script ran.
    main.push('open-page', { page: 'visits' });
    main.push('open-page', { page: 'person', id: 'p-42' });
    main.push('data-changed', { entities: ['alerts'] });
    const opened: unknown[] = [];
    const off = on('open-page', (page) => opened.push(page));
    expect(opened).toEqual([{ page: 'person', id: 'p-42' }]);
    main.push('open-page', { page: 'visits' });
    expect(opened).toEqual([{ page: 'person', id: 'p-42' }, { page: 'visits' }]);
    off();
    main.push('open-page', { page: 'visits' });
    expect(opened).toHaveLength(2);
    // A later listener (React mounting twice) gets no stale page again.
    const later: unknown[] = [];
    on('open-page', (page) => later.push(page));
    expect(later).toEqual([]);
  });

  it('keeps alerts delivered while the window loaded until the app listens, in order', () => {
    const main = fakeChannel();
    const on = pushedEvents(main.channel, DESKTOP_KEPT);
    // Alerts that fell due while the app was closed, delivered as it starts.
    main.push('alerts', { delivered: [{ id: 1 }], unread: 1 });
    main.push('alerts', { delivered: [{ id: 2 }], unread: 2 });
    const heard: unknown[] = [];
    const off = on('alerts', (e) => heard.push(e));
    expect(heard).toEqual([
      { delivered: [{ id: 1 }], unread: 1 },
      { delivered: [{ id: 2 }], unread: 2 },
    ]);
    main.push('alerts', { delivered: [{ id: 3 }], unread: 3 });
    expect(heard).toHaveLength(3);
    off();
    // A later listener (React mounting twice) gets no toast a second time.
    const later: unknown[] = [];
    on('alerts', (e) => later.push(e));
    expect(later).toEqual([]);
  });

  it('keeps where an update of the database is while the window loads, the latest only', () => {
    const main = fakeChannel();
    const on = pushedEvents(main.channel, DESKTOP_KEPT);
    // The core started updating before the app's script ran.
    main.push('database-update', { dataSet: 'crm', done: 0, total: 3 });
    main.push('database-update', { dataSet: 'crm', done: 1, total: 3 });
    const heard: unknown[] = [];
    on('database-update', (p) => heard.push(p));
    expect(heard).toEqual([{ dataSet: 'crm', done: 1, total: 3 }]);
    main.push('database-update', { dataSet: 'crm', done: 2, total: 3 });
    expect(heard).toHaveLength(2);
  });

  it('hands other events only to their own listeners, from when they listen', () => {
    const main = fakeChannel();
    const on = pushedEvents(main.channel, DESKTOP_KEPT);
    main.push('data-changed', { entities: ['people'] });
    const changed: unknown[] = [];
    const off = on('data-changed', (p) => changed.push(p));
    main.push('alerts', { delivered: [] });
    main.push('data-changed', { entities: ['settings'] });
    expect(changed).toEqual([{ entities: ['settings'] }]);
    off();
    expect(main.size()).toBe(1);
  });
});
