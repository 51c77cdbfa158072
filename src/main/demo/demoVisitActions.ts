import { SITE_PAGES } from './demoVocabulary';

// The demo's own pages are bare paths (SITE_PAGES), so equality is enough: no host or query to strip.
const PRICING: (typeof SITE_PAGES)[number][0] = '/pricing';

/**
 * The `actions` a demo visit is written with, from the pages it opened so far. A synced visit
 * takes its actions from SalesIQ, which records what the visitor did; the demo has only its pages
 * to go by, so it says "Viewed pricing" exactly when one of them is the pricing page: the tag and
 * the pages on the same card never disagree.
 */
export function demoVisitActions(pageUrls: readonly string[]): string | null {
  return pageUrls.includes(PRICING) ? 'Viewed pricing' : null;
}
