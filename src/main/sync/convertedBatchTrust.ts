import type { Db } from '../db/openDatabase';
import { deleteSetting, putSetting, settingValue } from '../db/repos/settings';

/**
 * Setting, '1' once this organisation's Zoho answered `GET /Leads?ids=…&converted=true` with a
 * lead marked converted: it applies `converted` beside `ids`, so a lead left out of that answer
 * was not converted. Until then each lead left out is asked alone, as Zoho documents no more than
 * each parameter apart, and one that ignored `converted` would leave every converted lead out.
 */
const CONVERTED_BATCH_PROVEN = 'leads_converted_batch_proven';

export const convertedBatchProven = (db: Db): boolean =>
  settingValue(db, CONVERTED_BATCH_PROVEN) === '1';

export const markConvertedBatchProven = (db: Db): void =>
  putSetting(db, CONVERTED_BATCH_PROVEN, '1');

export const forgetConvertedBatchProven = (db: Db): void =>
  deleteSetting(db, CONVERTED_BATCH_PROVEN);
