import { describe, expect, it } from 'vitest';
import { reportsBelow } from '../../../src/shared/reportingLine';
import { DEMO_ORG, DEMO_USERS, demoWorkingHoursOf } from '../../../src/main/demo/demoOrganisation';

const line = DEMO_USERS.map((u) => ({ id: u.id, managerId: u.manager_id }));
const byRole = (role: string) => DEMO_USERS.filter((u) => u.role === role);

describe("the demo organisation's users", () => {
  it('has a director over two managers over twelve reps, and one admin', () => {
    expect(byRole('rep')).toHaveLength(12);
    expect(byRole('manager').map((u) => u.name)).toEqual([
      'Helena Brandt',
      'Greta Lindqvist',
      'Marcus Reed',
    ]);
    expect(byRole('admin').map((u) => u.name)).toEqual(['Ingrid Vogel']);
    expect(DEMO_USERS).toHaveLength(16);
    expect(reportsBelow(line, 'u-d1').filter((u) => u.id.startsWith('u-r'))).toHaveLength(12);
  });

  it('keeps the admin outside the sales line: no manager, nobody reporting to them, no sales team', () => {
    const [admin] = byRole('admin');
    expect(admin).toMatchObject({
      id: 'u-a1',
      email: 'ingrid@northwind-demo.example',
      team: 'Sales operations',
      manager_id: null,
    });
    expect(reportsBelow(line, 'u-a1')).toEqual([]);
    // Nobody above them either: the director's line is the twelve reps and their managers.
    expect(reportsBelow(line, 'u-d1').map((u) => u.id)).not.toContain('u-a1');
    const salesTeams = new Set(byRole('rep').map((u) => u.team));
    expect(salesTeams.has(admin?.team ?? '')).toBe(false);
  });

  it('gives the admin no shift: they keep the office hours in Berlin', () => {
    expect(byRole('admin')[0]?.shift_id).toBeNull();
    expect(demoWorkingHoursOf('u-a1')).toEqual({
      zone: DEMO_ORG.timeZone,
      hours: DEMO_ORG.businessHours,
    });
  });

  it('gives every user their own id and sign-in e-mail', () => {
    expect(new Set(DEMO_USERS.map((u) => u.id)).size).toBe(DEMO_USERS.length);
    expect(new Set(DEMO_USERS.map((u) => u.email)).size).toBe(DEMO_USERS.length);
  });
});
