import { describe, expect, it } from 'vitest';
import type { DataSet } from '../../../src/shared/contract';
import { trayMenu, type TrayMenuItem } from '../../../src/main/electron/trayMenu';

/** The menu of a feed of `set`, and what its clicks asked for. */
function menuOf(set: DataSet | undefined, unread: number) {
  const asked: string[] = [];
  const menu = trayMenu(
    {
      unread,
      recent: [{ title: 'Mika Tanaka is on your website' }],
      pausedUntil: null,
      timeZone: 'Europe/Berlin',
      ...(set ? { dataSet: set } : {}),
    },
    {
      showWindow: () => asked.push('window'),
      open: (alert) => asked.push(`open ${alert.title}`),
      markAllRead: (of) => asked.push(`read all in ${of ?? 'the set shown'}`),
      pause: (minutes) => asked.push(`pause ${minutes}`),
      resume: () => asked.push('resume'),
      quit: () => asked.push('quit'),
    },
  );
  const click = (label: string): void => {
    const item = menu.find(
      (i): i is Exclude<TrayMenuItem, { type: 'separator' }> => 'label' in i && i.label === label,
    );
    if (!item?.click) throw new Error(`no menu item ${label}`);
    item.click();
  };
  return { menu, asked, click };
}

describe('the tray menu', () => {
  it('marks all read in the data set whose alerts it lists', () => {
    const crm = menuOf('crm', 1);
    crm.click('Mark all as read');
    expect(crm.asked).toEqual(['read all in crm']);
  });

  it('names no set when the core said none (a core of one data set)', () => {
    const one = menuOf(undefined, 1);
    one.click('Mark all as read');
    expect(one.asked).toEqual(['read all in the set shown']);
  });

  it('offers Mark all as read only while something is unread', () => {
    const labels = menuOf('demo', 0).menu.map((i) => ('label' in i ? i.label : '—'));
    expect(labels).toEqual([
      'Open Contact Window',
      '—',
      'Recent alerts',
      'Mika Tanaka is on your website',
      '—',
      'Pause alerts for 1 hour',
      '—',
      'Quit Contact Window',
    ]);
  });
});
