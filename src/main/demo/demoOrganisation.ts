import type { BusinessHours } from '../besttime/model/businessHours';

/**
 * The demo organisation's people at the company: a sales director over two teams, each with a
 * manager (so the Team page has a reporting line two levels deep).
 */
const ALL_DAY: [number, number][] = [[0, 24 * 60]];

export const DEMO_ORG: { name: string; timeZone: string; businessHours: BusinessHours } = {
  name: 'Northwind Demo (sample data)',
  timeZone: 'Europe/Berlin',
  // A follow-the-sun sales floor run from Berlin: weekdays around the clock, plus Sunday evening,
  // which is Monday morning in Tokyo and Sydney. Weekends stay closed (BT-7).
  businessHours: { days: [ALL_DAY, ALL_DAY, ALL_DAY, ALL_DAY, ALL_DAY, [], [[21 * 60, 24 * 60]]] },
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
  user('u-d1', 'Helena Brandt', 'manager', 'Sales leadership', 'Europe/Berlin', null),
  user('u-m1', 'Greta Lindqvist', 'manager', 'EMEA & APAC', 'Europe/Berlin', 'u-d1'),
  user('u-m2', 'Marcus Reed', 'manager', 'Americas', 'America/New_York', 'u-d1'),
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
  // Two more, so the director's team is the twelve reps the Team page is built and measured for.
  user('u-r11', 'Sofia Romano', 'rep', 'EMEA & APAC', 'Europe/Rome', 'u-m1'),
  user('u-r12', 'Lucas Pereira', 'rep', 'Americas', 'America/Sao_Paulo', 'u-m2'),
];
