/**
 * The core refuses bad input as "Invalid input for METHOD at PATH: MESSAGE" (contract.ts): the
 * field it names, and its own message, so a form can show it beside that field.
 */
export function refusedField(error: string): { path: string[]; message: string } | null {
  const match = /^Invalid input for \w+ at ([\w.]+): (.*)$/s.exec(error);
  if (!match?.[1] || match[2] === undefined) return null;
  return { path: match[1].split('.'), message: match[2] };
}
