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
