/**
 * Work done here that has not reached the CRM, in words ("2 logged calls and 1 task change"):
 * what a sign-out or another organisation's sign-in would lose. Main's refusals and Settings'
 * buttons say it alike.
 */
export function unsentWorkWords(calls: number, tasks: number): string {
  const parts: string[] = [];
  if (calls > 0) parts.push(`${calls} logged call${calls === 1 ? '' : 's'}`);
  if (tasks > 0) parts.push(`${tasks} task change${tasks === 1 ? '' : 's'}`);
  return parts.join(' and ');
}
