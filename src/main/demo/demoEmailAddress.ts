import { searchFold } from '../../shared/searchFold';

/**
 * A demo person's e-mail address, as such a person's company would write it: the name in plain
 * letters ("Amelia Müller" is amelia.muller, not amelia.mller), a number that keeps two people
 * of one name apart, and the account's domain.
 */
export function demoEmailAddress(first: string, last: string, n: number, account: string): string {
  const domain = account.split(' ').slice(0, 2).join('-').toLowerCase();
  return `${plainLetters(first)}.${plainLetters(last)}${n}@${domain}.example`;
}

/** Lower case a-z only: accents dropped, ß as ss, ø as o (as search folds them), the rest out. */
function plainLetters(name: string): string {
  return searchFold(name).replace(/[^a-z]/g, '');
}
