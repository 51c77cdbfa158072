import { describe, expect, it } from 'vitest';
import type { CreditBudget } from '../../../src/shared/contract';
import { creditsText } from '../../../src/renderer/src/components/crm/creditsText';

const BERLIN = 'Europe/Berlin';
const NOW = Date.UTC(2026, 2, 29, 9, 0); // Sunday 11:00 in Berlin, summer time since 03:00
const free: CreditBudget = {
  share: 2_500,
  organisation: 5_000,
  edition: 'Free',
  users: 1,
  recordsMinutes: 15,
  visitsMinutes: 1,
  stretched: true,
  pausedUntil: null,
};
const credits = (budget: CreditBudget | null, last24h = 1_480, estimate: number | null = null) => ({
  last24h,
  estimate,
  budget,
});

describe('Settings › CRM account on the API credits the app keeps to', () => {
  it('says the daily budget, where it comes from, and the stretched schedule', () => {
    expect(creditsText(credits(free), false, NOW, BERLIN)).toBe(
      'This app keeps to 2,500 API credits a day (your Free edition allows 5,000 for the organisation, 1 user). Records now sync every 15 minutes to stay within it. API requests by this app in the last 24 hours: 1,480.',
    );
  });

  it('says the visits are stretched too, and when the rep’s schedule stays within it', () => {
    const both = { ...free, share: 625, users: 4, recordsMinutes: 72, visitsMinutes: 72 };
    expect(creditsText(credits(both), false, NOW, BERLIN)).toContain(
      '(your Free edition allows 5,000 for the organisation, 4 users). Records now sync, with the website visits, every 72 minutes to stay within it.',
    );
    const apart = { ...free, share: 1_250, users: 2, recordsMinutes: 60, visitsMinutes: 3 };
    expect(creditsText(credits(apart), false, NOW, BERLIN)).toContain(
      'Records now sync every 60 minutes and website visits every 3 minutes to stay within it.',
    );
    const enterprise = {
      ...free,
      share: 25_500,
      organisation: 51_000,
      edition: 'Enterprise',
      recordsMinutes: 5,
      stretched: false,
    };
    expect(creditsText(credits(enterprise), false, NOW, BERLIN)).toContain(
      'This app keeps to 25,500 API credits a day (your Enterprise edition allows 51,000 for the organisation, 1 user). The schedule you set stays within it.',
    );
  });

  it('says the free edition is assumed when Zoho did not say the edition', () => {
    expect(creditsText(credits({ ...free, edition: null }), false, NOW, BERLIN)).toContain(
      "(Zoho did not say your edition, so the free edition's 5,000 for the organisation are assumed, 1 user)",
    );
  });

  it('says until when automatic sync is paused, by the rep’s clock on the day the clocks go forward', () => {
    const paused = { ...free, pausedUntil: Date.UTC(2026, 2, 29, 12, 20) };
    expect(creditsText(credits(paused, 2_490), false, NOW, BERLIN)).toContain(
      'Automatic sync paused until 14:20: this app used its 2,500 credits for the last 24 hours. Sync now still works.',
    );
    // Saturday 23:30 in Berlin (winter time): the day is named.
    const saturday = Date.UTC(2026, 2, 28, 22, 30);
    expect(creditsText(credits(paused, 2_490), false, saturday, BERLIN)).toContain(
      'Automatic sync paused until Sun 14:20:',
    );
  });

  it('says when a first sync takes more than the organisation has left for the last 24 hours', () => {
    expect(creditsText(credits(free, 1_000, 4_200), true, NOW, BERLIN)).toBe(
      "This first sync takes about 4,200 API requests. That is more than the 4,000 left of the organisation's 5,000 credits for the last 24 hours: Zoho may refuse every API call of the organisation, its other integrations' too, until the 24 hours roll on. This app keeps to 2,500 API credits a day (your Free edition allows 5,000 for the organisation, 1 user). Records now sync every 15 minutes to stay within it. API requests by this app in the last 24 hours: 1,000.",
    );
    expect(creditsText(credits(free, 1_000, 300), true, NOW, BERLIN)).toMatch(
      /^This first sync takes about 300 API requests\. This app keeps to/,
    );
  });
});
