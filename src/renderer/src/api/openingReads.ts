import type { MethodInput, MethodName, MethodOutputs, Result } from '@shared/contract';
import { FIRST_ROWS } from '../plan/firstRows';
import { knownPage } from '../route/pages';
import { newTeamDayRequest } from './teamDayRequests';
import { webCall } from './webCall';

/**
 * The reads the first screen waits on, asked for as the app's script starts, before React, the
 * contract's schemas and the pages have been evaluated (a few hundred milliseconds on a slow
 * machine): the core answers while they are. The session and settings always; the team's day when
 * the app opens on the Team page, today's plan (its first rows) when it opens on the planner:
 * there each is the slow answer. main.tsx imports this module first, and it imports nothing but
 * the transport, two constants' modules and the team day's request counter.
 */
export type Opening = 'getSession' | 'getSettings' | 'getTeamDay' | 'getPlanner';

const kept = new Map<MethodName, Promise<Result<unknown>>>();

function ask<M extends Opening>(method: M, input: MethodInput<M>): void {
  const transport = window.api ? window.api.call(method, input) : webCall(method, input);
  kept.set(
    method,
    // The desktop shell's call rejects on a broken channel: the page that takes the read says so.
    transport.catch((e: unknown) => ({ ok: false, error: (e as Error).message })),
  );
}

/**
 * The page the address opens on, as `parseHash` reads it (that module is too heavy to load here),
 * and whether it names a day or a rep (the planner's own today is the only plan asked for here).
 */
function opening(hash: string): { page: string; dayOrRep: boolean; week: boolean } {
  const text = hash.replace(/^#\/?/, '');
  const [path = '', query = ''] = text.split('?');
  const params = new URLSearchParams(query);
  return {
    page: knownPage(path.split('/')[0] ?? '') ?? 'planner',
    dayOrRep: params.has('day') || params.has('rep'),
    // The Team page's week (`teamView`) is quick, and makes no day: none is asked for.
    week: params.get('view') === 'week',
  };
}

// The team's day first: the host answers one call at a time, and it is the slow one (asking for
// the session before it, and the day only once the session had come, painted later). The plan's
// first rows after the session and settings, the order the planner always had: the app's frame
// is drawn with the session while the plan is made.
const opens = opening(window.location.hash);
const teamDayRequest = opens.page === 'team' && !opens.week ? newTeamDayRequest() : null;
if (teamDayRequest !== null) ask('getTeamDay', { request: teamDayRequest });
ask('getSession', {});
ask('getSettings', {});
if (opens.page === 'planner' && !opens.dayOrRep) ask('getPlanner', { first: FIRST_ROWS });

/**
 * The answer to a read asked for at opening, once: the first to take it gets it, anyone later asks
 * again (null).
 */
export function takeOpeningRead<M extends Opening>(
  method: M,
): Promise<Result<MethodOutputs[M]>> | null {
  const read = kept.get(method);
  kept.delete(method);
  return (read as Promise<Result<MethodOutputs[M]>> | undefined) ?? null;
}

/** Data changed before anyone took them: the reads kept are stale, and asked again when needed. */
export function dropOpeningReads(): void {
  kept.clear();
}

/** The number the team's day asked for at opening carries, while that read waits for the page. */
export function openingTeamDayRequest(): number | null {
  return kept.has('getTeamDay') ? teamDayRequest : null;
}
