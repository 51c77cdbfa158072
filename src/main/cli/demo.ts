import { existsSync, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createCore } from '../core/createCore';
import { generateDemo } from '../demo/generateDemo';
import { openDatabase } from '../db/openDatabase';
import { makePrivateFolderFor } from '../db/privateFolder';
import { intOption, negativeNumbersJoined, requireDb } from './cliArgs';
import type { Io } from './cliIo';

/** `demo --db FILE [--people N] [--seed S] [--force]`: writes the demo organisation and learns its windows. */
export async function runDemoCli(args: string[], io: Io): Promise<number> {
  const { values } = parseArgs({
    args: negativeNumbersJoined(args, ['people', 'seed']),
    options: {
      db: { type: 'string' },
      people: { type: 'string' },
      seed: { type: 'string' },
      force: { type: 'boolean' },
    },
  });
  const path = requireDb(values.db);
  // Checked before anything is written: a typo must not leave a file that --force must replace.
  const seed = intOption(values.seed, 'seed', 1);
  const people = intOption(values.people, 'people', 400);
  // A folder is refused by the open below, with or without --force: no --force to suggest.
  const existing = existsSync(path) ? statSync(path) : null;
  if (!values.force && existing && !existing.isDirectory() && existing.size > 0) {
    io.stderr(
      `${path} already exists: "demo" would replace what it holds. Pass --force to replace it, or choose another file.\n`,
    );
    return 1;
  }
  makePrivateFolderFor(path);
  const db = await openDatabase(path);
  try {
    const started = performance.now();
    const now = Date.now();
    const summary = generateDemo(db, {
      seed,
      people,
      now,
    });
    await createCore(db, () => now).recomputeSuggestions();
    io.stderr(
      `Demo organisation written to ${path} in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
    );
    io.stdout(`${JSON.stringify(summary)}\n`);
  } finally {
    await db.close();
  }
  return 0;
}
