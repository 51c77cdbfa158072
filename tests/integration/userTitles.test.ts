import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore } from '../../src/main/core/createCore';
import { rawHandle } from '../../src/main/db/bulkHandle';
import { makeTempDir, TEST_NOW, type TempDir } from '../fixtures/tempDb';
import { teamOrgDb } from '../fixtures/teamOrg';

let dir: TempDir;
beforeEach(() => {
  dir = makeTempDir('cw-user-titles-');
});
afterEach(() => dir.remove());

describe('what a user is called beside their name (TM-1)', () => {
  it('calls a manager of managers a director, a manager of reps a manager, and keeps their role', async () => {
    const org = await teamOrgDb(dir);
    // Dora over Mia and Ned, who manage reps; Xavier manages a rep only; Ada administers.
    const core = createCore(org.db, () => TEST_NOW);
    await core.handlers.setCurrentUser({ userId: 'd' });
    const session = await core.handlers.getSession({});
    const titles = Object.fromEntries(session.users.map((u) => [u.id, [u.role, u.title]]));
    expect(titles).toEqual({
      d: ['manager', 'director'],
      m1: ['manager', 'manager'],
      m2: ['manager', 'manager'],
      x: ['manager', 'manager'],
      r1: ['rep', 'rep'],
      r2: ['rep', 'rep'],
      r3: ['rep', 'rep'],
      r9: ['rep', 'rep'],
      admin: ['admin', 'admin'],
    });
    expect(session.currentUser).toMatchObject({ id: 'd', role: 'manager', title: 'director' });
    // A CRM user recorded as reporting to themselves is not a manager of a manager for it.
    rawHandle(org.db).exec(`update users set manager_id = 'x' where id = 'x'`);
    const selfReporting = await core.handlers.getSession({});
    expect(selfReporting.users.find((u) => u.id === 'x')?.title).toBe('manager');
    await org.db.close();
  });
});
