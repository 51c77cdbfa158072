import { describe, expect, it } from 'vitest';
import {
  firstSyncReason,
  treatmentOf,
  type FirstSyncFacts,
  type FirstSyncReason,
} from '../../../src/main/sync/firstSyncReason';

const ALL = ['Accounts', 'Contacts', 'Leads', 'Deals', 'Calls'];
const but = (...left: string[]): string[] => ALL.filter((m) => !left.includes(m));

describe('why a run is a first sync’s', () => {
  it.each<[string, FirstSyncFacts, FirstSyncReason | null]>([
    ['no module finished yet', { pending: ALL, finished: [], unread: [] }, 'first-ever'],
    [
      'the store cannot tell (before its tables exist)',
      { pending: null, finished: [], unread: ['Deals'] },
      'first-ever',
    ],
    [
      'a first sync stopped part way, none failed',
      { pending: ['Deals', 'Calls'], finished: but('Deals', 'Calls'), unread: [] },
      'resumed',
    ],
    [
      'one module failed, another still to come',
      { pending: ['Deals', 'Calls'], finished: but('Deals', 'Calls'), unread: ['Deals'] },
      'resumed',
    ],
    [
      'only a module the last run could not read is still to come',
      { pending: ['Deals'], finished: but('Deals'), unread: ['Deals'] },
      'held-back',
    ],
    [
      'held back, and the run failed the module again without storing any of it',
      { pending: ['Deals'], finished: but('Deals'), unread: ['Deals'], read: but('Deals') },
      'held-back',
    ],
    [
      'held back, and the run read the module at last',
      { pending: ['Deals'], finished: but('Deals'), unread: ['Deals'], read: ALL },
      'catching-up',
    ],
    [
      'held back, and the run read another module the last run could not read, never finished',
      {
        pending: ['Deals'],
        finished: but('Deals', 'Calls'),
        unread: ['Deals', 'Calls'],
        read: ['Calls'],
      },
      'catching-up',
    ],
    [
      'a first sync resumed whose run read the held-back module too',
      {
        pending: ['Deals', 'Calls'],
        finished: but('Deals', 'Calls'),
        unread: ['Deals'],
        read: ALL,
      },
      'resumed',
    ],
    ['every module finished', { pending: [], finished: ALL, unread: [] }, null],
    [
      'every module finished, one failing since (a standing failure is no first sync)',
      { pending: [], finished: ALL, unread: ['Deals'], read: but('Deals') },
      null,
    ],
    [
      'a module the last run could not read is finished: reading it is no first sync',
      { pending: [], finished: ALL, unread: ['Deals'], read: ALL },
      null,
    ],
  ])('%s', (_case, facts, reason) => {
    expect(firstSyncReason(facts)).toBe(reason);
  });
});

describe('how a run is treated, by why it is a first sync’s', () => {
  it.each<[FirstSyncReason | null, ReturnType<typeof treatmentOf>]>([
    [null, { shownAsFirst: false, unbudgeted: false, measured: true, relearnsEveryone: false }],
    [
      'first-ever',
      { shownAsFirst: true, unbudgeted: true, measured: false, relearnsEveryone: true },
    ],
    ['resumed', { shownAsFirst: true, unbudgeted: true, measured: false, relearnsEveryone: true }],
    [
      'held-back',
      { shownAsFirst: true, unbudgeted: false, measured: true, relearnsEveryone: false },
    ],
    [
      'catching-up',
      { shownAsFirst: true, unbudgeted: false, measured: false, relearnsEveryone: true },
    ],
  ])('%s', (reason, treatment) => {
    expect(treatmentOf(reason)).toEqual(treatment);
  });
});
