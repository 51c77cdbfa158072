import type { BusinessHours } from '../besttime/model/businessHours';

/**
 * The demo organisation's people at the company: a sales director over two teams, each with a
 * manager (so the Team page has a reporting line two levels deep), and an admin beside them.
 */
const OFFICE_DAY: [number, number][] = [[8 * 60, 18 * 60]];

export const DEMO_ORG: { name: string; timeZone: string; businessHours: BusinessHours } = {
  name: 'Northwind Demo (sample data)',
  timeZone: 'Europe/Berlin',
  // An office in Berlin, as most organisations set theirs: Monday to Friday 08:00-18:00, weekends
  // closed (BT-7), so no window is suggested at night or on a Saturday.
  businessHours: { days: [OFFICE_DAY, OFFICE_DAY, OFFICE_DAY, OFFICE_DAY, OFFICE_DAY, [], []] },
};

const weekdays = (day: [number, number][]): BusinessHours => ({
  days: [day, day, day, day, day, [], []],
});

/**
 * Shifts, as an organisation with reps on three continents keeps them in Zoho: each office
 * works its own day in its own zone. The Berlin and Rome reps, the London rep and the managers
 * in Berlin work the organisation's hours (no shift), the rest their office's.
 */
export const DEMO_SHIFTS: readonly {
  id: string;
  name: string;
  time_zone: string;
  hours: BusinessHours;
}[] = [
  {
    id: 's-ny',
    name: 'New York office',
    time_zone: 'America/New_York',
    hours: weekdays([[510, 1050]]),
  },
  {
    id: 's-chi',
    name: 'Chicago office',
    time_zone: 'America/Chicago',
    hours: weekdays([[480, 1020]]),
  },
  {
    id: 's-la',
    name: 'West Coast',
    time_zone: 'America/Los_Angeles',
    hours: weekdays([[480, 1020]]),
  },
  {
    id: 's-sp',
    name: 'São Paulo office',
    time_zone: 'America/Sao_Paulo',
    hours: weekdays([[540, 1080]]),
  },
  // A lunch break, as Zoho's break hours take out of a shift.
  {
    id: 's-tyo',
    name: 'Tokyo office',
    time_zone: 'Asia/Tokyo',
    hours: weekdays([
      [540, 720],
      [780, 1080],
    ]),
  },
  {
    id: 's-syd',
    name: 'Sydney office',
    time_zone: 'Australia/Sydney',
    hours: weekdays([[510, 1050]]),
  },
];

/** The demo shift of an office's zone, if it has one. */
const SHIFT_OF_ZONE = new Map(DEMO_SHIFTS.map((s) => [s.time_zone, s.id]));

interface DemoUser {
  id: string;
  name: string;
  email: string;
  role: 'rep' | 'manager' | 'admin';
  manager_id: string | null;
  team: string;
  time_zone: string;
  shift_id: string | null;
}

const user = (
  id: string,
  name: string,
  role: DemoUser['role'],
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
  shift_id: SHIFT_OF_ZONE.get(zone) ?? null,
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
  // The one admin, as a small organisation has one: sales operations, who keeps the CRM and the
  // app's organisation-wide settings (visit alerts for everyone) and sees every team's day. Outside
  // the sales line (nobody's manager, reporting to nobody), with no shift and no leads of their own:
  // the generator deals people to reps only, so the demo's rows, and the time to write them, stay
  // as they were. With an admin in the organisation the managers no longer have the admin's switch.
  user('u-a1', 'Ingrid Vogel', 'admin', 'Sales operations', 'Europe/Berlin', null),
];

/**
 * The hours a demo user works, as the app reads them (the planner, the Team page): their shift's,
 * in its zone, else the organisation's business hours in the organisation's zone.
 */
export function demoWorkingHoursOf(userId: string): { zone: string; hours: BusinessHours } {
  const shiftId = DEMO_USERS.find((u) => u.id === userId)?.shift_id ?? null;
  const shift = DEMO_SHIFTS.find((s) => s.id === shiftId);
  return shift
    ? { zone: shift.time_zone, hours: shift.hours }
    : { zone: DEMO_ORG.timeZone, hours: DEMO_ORG.businessHours };
}
