import { parseBusinessHours, type BusinessHours } from '../besttime/model/businessHours';
import { readInputText } from '../files/inputFile';
import { EventsInputError, parseEventsCsv } from '../besttime/eventsCsv';
import { isValidZone } from '../besttime/model/localClock';
import { computeAll } from '../besttime/model/personModel';
import { groupByPerson } from '../besttime/model/priors';
import { clockText } from '../besttime/model/reasonText';
import {
  DEFAULT_TOP,
  type BesttimeOptions,
  type PersonChannelWindows,
  type SlotMinutes,
} from '../besttime/model/types';
import { writeAtomically } from '../files/atomicWrite';
import { outputProblem } from '../files/outputFile';
import { isoInstantWithDate, UsageError } from './cliArgs';
import { usageMistake } from './commandUsage';

export interface CliIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

const KNOWN = new Set(['events', 'as-of', 'org-tz', 'business-hours', 'slot', 'top', 'out']);

function readFlags(argv: string[]): Map<string, string> {
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i] ?? '';
    if (!word.startsWith('--')) throw new UsageError(`unexpected argument "${word}"`);
    const eq = word.indexOf('=');
    const name = eq > 0 ? word.slice(2, eq) : word.slice(2);
    if (!KNOWN.has(name)) throw new UsageError(`unknown option --${name}`);
    const value = eq > 0 ? word.slice(eq + 1) : argv[++i];
    if (value === undefined || (eq < 0 && value.startsWith('--')))
      throw new UsageError(`option --${name} needs a value`);
    flags.set(name, value);
  }
  return flags;
}

function required(flags: Map<string, string>, name: string): string {
  const value = flags.get(name);
  if (value === undefined || value === '') throw new UsageError(`missing option --${name}`);
  return value;
}

/** An as-of without an offset is read in the organisation's zone: "as of this morning, here". */
function parseAsOf(text: string, orgTz: string): number {
  const asOf = isoInstantWithDate(text, orgTz);
  if (asOf === null)
    throw new UsageError(`bad --as-of "${text}" (ISO 8601, e.g. 2024-06-01T00:00:00Z)`);
  return asOf;
}

function parseOptions(flags: Map<string, string>): BesttimeOptions {
  const orgTz = flags.get('org-tz') ?? 'UTC';
  if (!isValidZone(orgTz))
    throw new UsageError(
      `unknown time zone "${orgTz}" in --org-tz (use an IANA name like Europe/Berlin)`,
    );
  const slot = Number(flags.get('slot') ?? '60');
  if (slot !== 30 && slot !== 60 && slot !== 120)
    throw new UsageError(`bad --slot "${flags.get('slot')}" (30, 60 or 120)`);
  const top = Number(flags.get('top') ?? String(DEFAULT_TOP));
  if (!Number.isInteger(top) || top < 1 || top > 24)
    throw new UsageError(`bad --top "${flags.get('top')}" (a whole number from 1 to 24)`);
  const spec = flags.get('business-hours');
  let businessHours: BusinessHours | null = null;
  if (spec !== undefined) {
    try {
      businessHours = parseBusinessHours(spec);
    } catch (error) {
      throw new UsageError(`--business-hours: ${(error as Error).message}`);
    }
  }
  return {
    asOf: parseAsOf(required(flags, 'as-of'), orgTz),
    orgTz,
    businessHours,
    slotMinutes: slot as SlotMinutes,
    top,
  };
}

function toJson(asOf: number, results: PersonChannelWindows[]): string {
  const people = results.map((r) => ({
    person_id: r.personId,
    channel: r.channel,
    tz: r.tz,
    windows: r.windows.map((w) => ({
      weekday: w.weekday,
      start: clockText(w.startMin),
      end: clockText(w.endMin),
      stars: w.stars,
      reason: w.reason,
    })),
  }));
  return `${JSON.stringify({ as_of: new Date(asOf).toISOString(), people }, null, 2)}\n`;
}

/** `besttime` command: events CSV in, suggested windows JSON out. Returns the exit code. */
export async function runBesttimeCli(argv: string[], io: CliIo): Promise<number> {
  try {
    const flags = readFlags(argv);
    const eventsPath = required(flags, 'events');
    const outPath = required(flags, 'out');
    const opts = parseOptions(flags);
    const text = readInputText(
      eventsPath,
      `--events ${eventsPath}`,
      (m) => new EventsInputError(m),
    );
    const events = parseEventsCsv(eventsPath, text, (warning) =>
      io.stderr(`besttime: ${warning}\n`),
    );
    const refused = outputProblem(outPath, { files: { '--events': eventsPath } });
    if (refused) {
      return usageMistake(io, 'besttime', refused);
    }
    const { results } = computeAll(groupByPerson(events), opts);
    await writeAtomically(outPath, toJson(opts.asOf, results));
    const people = new Set(results.map((r) => r.personId)).size;
    // The model learns only from what was known at --as-of; a later event is not silently counted.
    const ignored = events.filter((e) => e.at >= opts.asOf).length;
    io.stdout(
      `besttime: ${events.length} events, suggestions for ${people} people written to ${outPath}\n`,
    );
    if (ignored > 0)
      io.stderr(
        `besttime: ${ignored} of them dated at or after --as-of, ignored (the model learns only from what was known then)\n`,
      );
    return 0;
  } catch (error) {
    if (error instanceof UsageError) return usageMistake(io, 'besttime', error.message);
    io.stderr(`besttime: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
