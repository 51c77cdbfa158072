/**
 * Work done here that has not reached the CRM, in words ("2 logged calls and 1 task change"):
 * what a sign-out or another organisation's sign-in would lose. Main's refusals and Settings'
 * buttons say it alike. A lead created here that never reached it is lost for good with the copy.
 */
export function unsentWorkWords(calls: number, tasks: number, leads = 0): string {
  const parts: string[] = [];
  if (leads > 0) parts.push(`${leads} lead${leads === 1 ? '' : 's'} created here`);
  if (calls > 0) parts.push(`${calls} logged call${calls === 1 ? '' : 's'}`);
  if (tasks > 0) parts.push(`${tasks} task change${tasks === 1 ? '' : 's'}`);
  const last = parts.pop() ?? '';
  return parts.length > 0 ? `${parts.join(', ')} and ${last}` : last;
}
