import type { BusinessHours } from '../besttime/model/businessHours';

/** The demo organisation's people at the company: two teams, each with a manager. */
const OFFICE_DAY: [number, number][] = [[8 * 60, 18 * 60]];

export const DEMO_ORG: { name: string; timeZone: string; businessHours: BusinessHours } = {
  name: 'Northwind Demo (sample data)',
  timeZone: 'Europe/Berlin',
  // An office in Berlin, as most organisations set theirs: Monday to Friday 08:00-18:00, weekends
  // closed (BT-7), so no window is suggested at night or on a Saturday.
  businessHours: { days: [OFFICE_DAY, OFFICE_DAY, OFFICE_DAY, OFFICE_DAY, OFFICE_DAY, [], []] },
};

interface DemoUser {
  id: string;
  name: string;
  email: string;
  role: 'rep' | 'manager';
  manager_id: string | null;
  team: string;
  time_zone: string;
}

const user = (
  id: string,
  name: string,
  role: 'rep' | 'manager',
  team: string,
  zone: string,
  manager: string | null,
): DemoUser => ({
  id,
  name,
  email: `${name.split(' ')[0]?.toLowerCase() ?? id}@northwind-demo.example`,
  role,
  manager_id: manager,
  team,
  time_zone: zone,
});

export const DEMO_USERS: readonly DemoUser[] = [
  user('u-m1', 'Greta Lindqvist', 'manager', 'EMEA & APAC', 'Europe/Berlin', null),
  user('u-m2', 'Marcus Reed', 'manager', 'Americas', 'America/New_York', null),
  user('u-r1', 'Anna Keller', 'rep', 'EMEA & APAC', 'Europe/Berlin', 'u-m1'),
  user('u-r2', 'Tom Brennan', 'rep', 'EMEA & APAC', 'Europe/London', 'u-m1'),
  user('u-r3', 'Yui Mori', 'rep', 'EMEA & APAC', 'Asia/Tokyo', 'u-m1'),
  user('u-r4', 'Lars Becker', 'rep', 'EMEA & APAC', 'Europe/Berlin', 'u-m1'),
  user('u-r5', 'Chloe Martin', 'rep', 'EMEA & APAC', 'Australia/Sydney', 'u-m1'),
  user('u-r6', 'Diego Alvarez', 'rep', 'Americas', 'America/New_York', 'u-m2'),
  user('u-r7', 'Priya Shah', 'rep', 'Americas', 'America/Chicago', 'u-m2'),
  user('u-r8', 'Jake Wilson', 'rep', 'Americas', 'America/Los_Angeles', 'u-m2'),
  user('u-r9', 'Nina Brooks', 'rep', 'Americas', 'America/New_York', 'u-m2'),
  user('u-r10', 'Sam Ortega', 'rep', 'Americas', 'America/Los_Angeles', 'u-m2'),
];
