import { describe, expect, it, vi } from 'vitest';
import type { RefusedCall } from '../../src/shared/contract';

// Loaded by paths tsc does not follow: the node project that checks tests has no JSX or DOM
// types, which React's and the component's would bring in.
const load = (path: string): Promise<unknown> => import(/* @vite-ignore */ path);
const { createElement } = (await load('react')) as {
  createElement: (type: unknown, props: unknown) => unknown;
};
const { renderToStaticMarkup } = (await load('react-dom/server')) as {
  renderToStaticMarkup: (element: unknown) => string;
};
const { RefusedCalls } = (await load(
  '../../src/renderer/src/components/crm/RefusedEntries.tsx',
)) as { RefusedCalls: unknown };

// The stores talk to the host; the list only reads its actions and the rep's zone.
vi.mock('../../src/renderer/src/stores/crmStore', () => ({
  useCrm: () => ({ retryRefused: () => undefined, discardRefused: () => undefined, busy: false }),
}));
vi.mock('../../src/renderer/src/stores/sessionStore', () => ({
  useSession: () => 'Europe/Berlin',
}));

// Settings › CRM account: a booking the app did not send because its time passed is the app's
// own refusal, not Zoho's, and a Retry would be refused again at once.

const booking = (id: number, passed: boolean): RefusedCall => ({
  id,
  personName: 'Hana Suzuki',
  startedAt: Date.UTC(2026, 11, 7, 9, 0),
  booked: true,
  ...(passed ? { passed: true } : {}),
  refusedAt: Date.UTC(2026, 11, 7, 9, 5),
  reason: 'The call "Call Hana Suzuki" was booked for a time that passed before it reached the CRM',
});

/** The page's text, and its buttons' names, of the list for `calls`. */
function shown(calls: RefusedCall[]): { text: string; buttons: string[] } {
  const html = renderToStaticMarkup(createElement(RefusedCalls, { calls }));
  const buttons = [...html.matchAll(/<button[^>]*>([^<]*)<\/button>/g)].map((m) => m[1] ?? '');
  return { text: html.replace(/<[^>]+>/g, '').replace(/&#x27;|&apos;/g, "'"), buttons };
}

describe('a booking not sent because its time passed, in Settings', () => {
  it('says it was not sent because its time passed, not that Zoho refused it, and offers Discard only', () => {
    const { text, buttons } = shown([booking(1, true)]);
    expect(text).toContain('A call booked here was not sent to Zoho: its time passed first');
    expect(text).not.toContain('Zoho refused');
    expect(buttons).toEqual(['Discard']);
  });

  it('keeps Retry for a booking Zoho refused while its time is to come', () => {
    const { text, buttons } = shown([booking(1, true), booking(2, false)]);
    expect(text).toContain('Zoho refused a booked call');
    expect(buttons).toEqual(['Discard', 'Retry', 'Discard']);
  });
});
