/**
 * Whose people the People list is narrowed to, as its messages name them: null for the signed-in
 * user's own ("My people"), else the owner's name.
 */
export type NarrowedTo = { ownerName: string } | null;

/**
 * What an empty search among one owner's people says, before the offer of everyone's matches:
 * "No one of yours matches “Tanaka”." With nobody elsewhere either (`othersMatching` 0) it says
 * so, since switching to everyone's people would find nothing more.
 */
export function noOneHereText(
  query: string,
  narrowedTo: NarrowedTo,
  othersMatching: number | null,
): string {
  const quoted = `“${query}”`;
  if (othersMatching === 0)
    return narrowedTo
      ? `No one matches ${quoted}, in ${narrowedTo.ownerName}’s people or anyone else’s.`
      : `No one matches ${quoted}, in your people or anyone else’s.`;
  if (othersMatching === null) return `No one matches ${quoted} among these people.`;
  return narrowedTo
    ? `None of ${narrowedTo.ownerName}’s people match ${quoted}.`
    : `No one of yours matches ${quoted}.`;
}

/**
 * The offer of the matches the owner filter hides, up to its link: "2 matches in everyone’s
 * people:" when none are listed, "2 more matches in everyone’s people:" after a list.
 */
export function othersMatchingText(othersMatching: number, listed: boolean): string {
  const matches = `${othersMatching.toLocaleString()} ${listed ? 'more ' : ''}${othersMatching === 1 ? 'match' : 'matches'}`;
  return `${matches} in everyone’s people:`;
}

/** The link's words after othersMatchingText: one match is "it". */
export function showOthersText(othersMatching: number): string {
  return othersMatching === 1 ? 'show it' : 'show them';
}

/** The search a People answer was read for: the query as sent and the owner it was narrowed to. */
export interface ReadFor {
  query: string;
  ownerId: string | undefined;
}

/**
 * The count of everyone's matches an answer may be worded with now: null while the search shown
 * (typed since, or another owner) is not the one the answer was read for, so the offer never
 * names one search's count beside another's query during the debounce and the core's read.
 */
export function othersMatchingNow(
  answer: { othersMatching: number | null; for: ReadFor } | null,
  now: ReadFor,
): number | null {
  if (!answer || answer.for.query !== now.query || answer.for.ownerId !== now.ownerId) return null;
  return answer.othersMatching;
}
