import { describe, expect, it } from 'vitest';
import type { AlertItem, AlertsEvent } from '../../../src/shared/alertsContract';
import {
  nextRecent,
  nextToasts,
  SHOWN_MS,
  toastsOnOpen,
  withoutSettled,
  withoutToastOf,
} from '../../../src/renderer/src/components/alerts/toastQueue';
import {
  draftOf,
  newRuleDraft,
  settingsPatch,
} from '../../../src/renderer/src/components/alerts/ruleDrafts';

/** Alert `id` raised at minute `id`: a higher id is a newer visitor. */
function alert(id: number): AlertItem {
  return {
    id,
    personId: `p${id}`,
    visitId: `v${id}`,
    visitorId: `p${id}`,
    name: `Person ${id}`,
    company: null,
    email: null,
    phone: null,
    category: 'customer',
    rule: 'Mine',
    score: null,
    pages: ['/pricing'],
    visitStartedAt: id * 60_000,
    alertAt: id * 60_000,
    delivery: 'now',
    holdReason: null,
    deliverAt: 0,
    deliveredAt: 0,
    readAt: null,
    toastDismissedAt: null,
    bestWindow: null,
    title: `Person ${id} is on the website`,
    body: 'Customer · reading /pricing',
  };
}

const pushed = (delivered: AlertItem[], digest: AlertsEvent['digest'] = null): AlertsEvent => ({
  delivered,
  digest,
  unread: delivered.length,
  pausedUntil: null,
});

describe('toasts of visit alerts', () => {
  it('shows the newest first and at most three, the oldest leaving', () => {
    let toasts = nextToasts([], pushed([alert(1)]), 3);
    toasts = nextToasts(toasts, pushed([alert(2), alert(3)]), 3);
    toasts = nextToasts(toasts, pushed([alert(4)]), 3);
    expect(toasts.map((t) => t.key)).toEqual(['alert-4', 'alert-3', 'alert-2']);
  });

  it('keeps the newest visitors of a batch larger than the screen (a first start, a long sync)', () => {
    const before = nextToasts([], pushed([alert(0)]), 3);
    const toasts = nextToasts(before, pushed([1, 2, 3, 4, 5].map(alert)), 3);
    expect(toasts.map((t) => t.key)).toEqual(['alert-5', 'alert-4', 'alert-3']);
  });

  it('shows one toast for a digest of held alerts, not one per alert', () => {
    const digest = {
      title: '3 website visits while alerts were held',
      body: 'a, b, c',
      ids: [5, 6, 7],
    };
    const toasts = nextToasts([], pushed([alert(5), alert(6), alert(7), alert(8)], digest), 3);
    expect(toasts.map((t) => t.key)).toEqual(['digest-5-6-7', 'alert-8']);
  });

  it('shows nothing for a push that delivered nothing (a read, a pause)', () => {
    const toasts = nextToasts([], pushed([alert(1)]), 3);
    expect(nextToasts(toasts, pushed([]), 3)).toEqual(toasts);
  });

  it("keeps another data set's alert beside the shown set's alert of the same id", () => {
    const shown = nextToasts([], pushed([alert(7)]), 3);
    const both = nextToasts(shown, pushed([alert(7)]), 3, 'crm');
    expect(both.map((t) => [t.key, t.elsewhere])).toEqual([
      ['crm-alert-7', 'crm'],
      ['alert-7', undefined],
    ]);
  });

  it('keeps the demo’s alert 7 beside the CRM’s alert 7 pushed after a switch, each its own toast', () => {
    // The page has not cleared the demo's toasts yet: the CRM's alert 7 is another visitor.
    const demo = nextToasts([], { ...pushed([alert(7)]), dataSet: 'demo' }, 3);
    const both = nextToasts(demo, { ...pushed([alert(7)]), dataSet: 'crm' }, 3);
    expect(both.map((t) => [t.key, t.dataSet])).toEqual([
      ['crm-alert-7', 'crm'],
      ['demo-alert-7', 'demo'],
    ]);
    // A React key each, and a Dismiss of one leaves the other.
    expect(new Set(both.map((t) => t.key)).size).toBe(2);
  });

  it('replaces the CRM’s toast told of while the demo was shown when the same alert comes again', () => {
    const elsewhere = nextToasts([], pushed([alert(7)]), 3, 'crm');
    const again = nextToasts(elsewhere, { ...pushed([alert(7)]), dataSet: 'crm' }, 3);
    expect(again.map((t) => [t.key, t.elsewhere])).toEqual([['crm-alert-7', undefined]]);
  });

  it('opening the demo’s alert 7 takes down its toast, not the CRM’s alert 7', () => {
    const demo = nextToasts([], { ...pushed([alert(7)]), dataSet: 'demo' }, 3);
    const both = nextToasts(demo, { ...pushed([alert(7)]), dataSet: 'crm' }, 3);
    expect(withoutToastOf(both, 7, 'demo').map((t) => t.key)).toEqual(['crm-alert-7']);
  });

  it('opening an alert takes down its toast of a push that named no set', () => {
    const unnamed = nextToasts([], pushed([alert(7), alert(8)]), 3);
    expect(withoutToastOf(unnamed, 7, 'crm').map((t) => t.key)).toEqual(['alert-8']);
  });

  it('keeps each alert once in the feed, newest first', () => {
    const recent = nextRecent([alert(2), alert(1)], [alert(2), alert(3)], 50);
    expect(recent.map((a) => a.id)).toEqual([3, 2, 1]);
    expect(nextRecent(recent, [alert(4)], 2).map((a) => a.id)).toEqual([4, 3]);
  });
});

describe('toasts of alerts delivered while no page listened (an opening, a reload)', () => {
  const NOW = 1_000 * 60_000;
  const none = (): boolean => false;
  /** Alert `id`, delivered `ago` ms before now. */
  const deliveredAgo = (id: number, ago: number, more: Partial<AlertItem> = {}): AlertItem => ({
    ...alert(id),
    deliveredAt: NOW - ago,
    ...more,
  });

  it('shows the unread alerts delivered within a toast’s time on screen, newest first', () => {
    const recent = [deliveredAgo(2, 1_000), deliveredAgo(3, 9_000), deliveredAgo(1, SHOWN_MS)];
    expect(toastsOnOpen([], recent, NOW, 3, none).map((t) => t.key)).toEqual([
      'alert-3',
      'alert-2',
      'alert-1',
    ]);
  });

  it('leaves out one delivered longer ago than a toast stays on screen', () => {
    const recent = [deliveredAgo(1, SHOWN_MS + 1), deliveredAgo(2, 2 * 60_000)];
    expect(toastsOnOpen([], recent, NOW, 3, none)).toEqual([]);
  });

  it('leaves out alerts read, held (they came in a digest or late), or not delivered', () => {
    const recent = [
      deliveredAgo(1, 1_000, { readAt: NOW - 500 }),
      deliveredAgo(2, 1_000, { delivery: 'held', holdReason: 'hours' }),
      deliveredAgo(3, 1_000, { deliveredAt: null }),
    ];
    expect(toastsOnOpen([], recent, NOW, 3, none)).toEqual([]);
  });

  it('leaves out an alert the rep already had a toast for, dismissed or read (a feed asked before the read)', () => {
    const recent = [deliveredAgo(1, 1_000), deliveredAgo(2, 2_000)];
    const seen = (a: AlertItem): boolean => a.id === 1;
    expect(toastsOnOpen([], recent, NOW, 3, seen).map((t) => t.key)).toEqual(['alert-2']);
  });

  it('leaves out an alert whose toast the rep dismissed in any window (a reload, another tab)', () => {
    const recent = [
      deliveredAgo(1, 1_000, { toastDismissedAt: NOW - 800 }),
      deliveredAgo(2, 2_000),
    ];
    expect(toastsOnOpen([], recent, NOW, 3, none).map((t) => t.key)).toEqual(['alert-2']);
  });

  it('toasts the CRM’s alert 2 missed beside the demo’s toast of alert 2, another visitor', () => {
    const onScreen = nextToasts([], { ...pushed([deliveredAgo(2, 500)]), dataSet: 'demo' }, 3);
    const crmFeed = [deliveredAgo(2, 2_000)];
    expect(toastsOnOpen(onScreen, crmFeed, NOW, 3, none, 'crm').map((t) => t.key)).toEqual([
      'demo-alert-2',
      'crm-alert-2',
    ]);
  });

  it('keeps the toasts on screen first, each alert once, at most the screen’s number', () => {
    const onScreen = nextToasts([], pushed([deliveredAgo(4, 500)]), 3);
    const recent = [1, 2, 3, 4].map((id) => deliveredAgo(id, 2_000));
    expect(toastsOnOpen(onScreen, recent, NOW, 3, none).map((t) => t.key)).toEqual([
      'alert-4',
      'alert-3',
      'alert-2',
    ]);
  });
});

describe('toasts once the feed is read again', () => {
  const NOW = 1_000_000;
  const on = (...ids: number[]): AlertsEvent => pushed(ids.map(alert));
  const keys = (toasts: { key: string }[]): string[] => toasts.map((t) => t.key);

  it('takes down the toast of an alert read or dismissed elsewhere, keeps the others', () => {
    const shown = nextToasts([], on(1, 2, 3), 3);
    const recent = [{ ...alert(1), readAt: NOW }, { ...alert(2), toastDismissedAt: NOW }, alert(3)];
    expect(keys(withoutSettled(shown, recent))).toEqual(['alert-3']);
  });

  it('keeps a toast the feed does not list (a push newer than the read) and another data set’s', () => {
    const shown = nextToasts(nextToasts([], on(4), 3), on(1), 3, 'crm');
    const recent = [
      { ...alert(1), readAt: NOW },
      { ...alert(2), readAt: NOW },
    ];
    expect(keys(withoutSettled(shown, recent))).toEqual(['crm-alert-1', 'alert-4']);
  });

  it('takes down a digest once every alert it named is read, not before', () => {
    const shown = nextToasts(
      [],
      { ...on(1, 2), digest: { title: '2 visitors', body: '', ids: [1, 2] } },
      3,
    );
    const oneRead = [{ ...alert(1), readAt: NOW }, alert(2)];
    expect(keys(withoutSettled(shown, oneRead))).toEqual(['digest-1-2']);
    const bothRead = [
      { ...alert(1), readAt: NOW },
      { ...alert(2), readAt: NOW },
    ];
    expect(withoutSettled(shown, bothRead)).toEqual([]);
  });
});

describe('rules as Settings › Alerts edits them', () => {
  const settings = {
    userId: 'u',
    rules: [
      { name: 'Mine', categories: ['customer' as const], owner: 'me' as const },
      {
        name: 'Pricing',
        categories: ['unknown' as const],
        owner: 'anyone' as const,
        page: '/pricing*',
        minScore: 40,
        returning: false,
      },
    ],
    defaultRules: false,
    unreadableRules: [],
    cooldownMinutes: 60,
    workingHours: null,
    repTz: 'Europe/Berlin',
    effectiveHours: {
      spec: 'Mon-Fri 08:00-18:00',
      zone: 'Europe/Berlin',
      source: 'organisation' as const,
    },
    otherHours: { spec: 'Mon-Fri 08:00-18:00', zone: 'Europe/Berlin' },
    daysOffAhead: [],
    enabledForEveryone: true,
    canChangeEnabled: false,
    pausedUntil: null,
  };

  it('round-trips what the core stored, leaving out the fields a rule does not set', () => {
    expect(settingsPatch(draftOf(settings))).toEqual({
      rules: settings.rules,
      cooldownMinutes: 60,
      workingHours: null,
    });
  });

  it('sends an empty cooldown as no number, for the core to refuse, never as 0', () => {
    const draft = { ...draftOf(settings), cooldown: ' ' };
    expect(settingsPatch(draft).cooldownMinutes).toBeNaN();
  });

  it('names a new rule so it does not clash with the others', () => {
    expect(newRuleDraft(['Rule 2', 'Mine']).name).toBe('Rule 3');
    expect(newRuleDraft(['Rule 2']).name).toBe('Rule 3');
  });
});
