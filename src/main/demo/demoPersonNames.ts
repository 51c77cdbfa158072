import { FIRST_NAMES, LAST_NAMES } from './demoVocabulary';

type FirstName = (typeof FIRST_NAMES)[number];
type LastName = (typeof LAST_NAMES)[number];

/**
 * Keeps the demo's people apart: two people of one name at one company read as one row written
 * twice. A name already given at the company becomes the next last name in the list (past the
 * last one, with the next first name), so no random number is drawn for it and everyone whose
 * pick was free keeps it: the same seed still makes the same organisation, but for those.
 */
export class DemoPersonNames {
  private readonly given = new Set<string>();

  /** The picked name, or the next one free at `company`; kept as given there. */
  give(first: FirstName, last: LastName, company: string): { first: FirstName; last: LastName } {
    const firstAt = Math.max(0, FIRST_NAMES.indexOf(first));
    const lastAt = Math.max(0, LAST_NAMES.indexOf(last));
    const names = FIRST_NAMES.length * LAST_NAMES.length;
    for (let step = 0; step < names; step++) {
      const l = lastAt + step;
      const f = (firstAt + Math.floor(l / LAST_NAMES.length)) % FIRST_NAMES.length;
      const name = {
        first: FIRST_NAMES[f] ?? first,
        last: LAST_NAMES[l % LAST_NAMES.length] ?? last,
      };
      const key = `${name.first} ${name.last}\n${company}`;
      if (this.given.has(key)) continue;
      this.given.add(key);
      return name;
    }
    // Out of reach: the demo deals a company at most a handful of people.
    throw new Error(
      `The demo has more than ${names} people at ${company}: no name is left for another`,
    );
  }
}
