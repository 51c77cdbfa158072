import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Creates the folders a data file goes in, readable by their owner only (0700): the file holds
 * the CRM's people and notes. A folder that exists keeps its mode (the user chose it).
 */
export function makePrivateFolderFor(path: string): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
}
