export type Page = 'planner' | 'people' | 'person' | 'visits' | 'team' | 'settings';

const PAGES: readonly Page[] = ['planner', 'people', 'person', 'visits', 'team', 'settings'];

/**
 * The page of an address's first part ("team" in #/team), if the app has one. Alone in its module
 * with no import: the opening reads decide with it, before the app has loaded.
 */
export function knownPage(name: string): Page | undefined {
  return PAGES.find((p) => p === name);
}
