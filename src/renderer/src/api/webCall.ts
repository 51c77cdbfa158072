import type { MethodInput, MethodName, MethodOutputs, Result } from '@shared/contract';
import { webHostToken } from './webHostToken';

/**
 * One call to the web host, as the page's transport makes it. Imports nothing the rest of the app
 * needs (only types from the contract): the opening reads make it before the bundle has finished
 * starting.
 */
export async function webCall<M extends MethodName>(
  method: M,
  input: MethodInput<M>,
): Promise<Result<MethodOutputs[M]>> {
  let response: Response;
  try {
    response = await fetch(`/api/call/${method}`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Authorization: `Bearer ${webHostToken()}`,
      },
      credentials: 'omit',
      body: JSON.stringify(input),
    });
  } catch {
    // The browser's own words ("Failed to fetch") say nothing to a rep.
    return {
      ok: false,
      error: 'the app could not be reached (is the command that serves it still running?)',
    };
  }
  // The host's text says what failed; the status alone ("500") only when it gives none.
  if (!response.ok)
    return { ok: false, error: (await response.text()).trim() || `HTTP ${response.status}` };
  return (await response.json()) as Result<MethodOutputs[M]>;
}
