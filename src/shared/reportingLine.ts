/**
 * The reporting line (Zoho's `Reporting_To`): everyone below a manager, at every level, each
 * once. A loop in the CRM's data (A reports to B, B to A) ends the walk instead of hanging it.
 */
export function reportsBelow<U extends { id: string; managerId: string | null }>(
  users: readonly U[],
  managerId: string,
): U[] {
  const children = new Map<string, U[]>();
  for (const u of users) {
    if (u.managerId === null) continue;
    let list = children.get(u.managerId);
    if (!list) {
      list = [];
      children.set(u.managerId, list);
    }
    list.push(u);
  }
  const seen = new Set<string>([managerId]);
  const below = new Set<string>();
  const queue = [managerId];
  for (let i = 0; i < queue.length; i++) {
    for (const child of children.get(queue[i] as string) ?? []) {
      if (seen.has(child.id)) continue;
      seen.add(child.id);
      below.add(child.id);
      queue.push(child.id);
    }
  }
  // In the order the users came in (the caller's order: team, then name).
  return users.filter((u) => below.has(u.id));
}
