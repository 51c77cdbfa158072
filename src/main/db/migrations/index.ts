import type { Kysely } from 'kysely';
import * as m001 from './001_initial';
import * as m002 from './002_sync';
import * as m003 from './003_signal_index';
import * as m004 from './004_day_plans';
import * as m005 from './005_delete_indexes';
import * as m006 from './006_windows_evidence';
import * as m007 from './007_drop_unread_columns';
import * as m008 from './008_call_outcome';
import * as m009 from './009_learned_priors';
import * as m010 from './010_alerts';
import * as m011 from './011_visit_user_agents';
import * as m012 from './012_outbox_create_sent';
import * as m013 from './013_record_times';
import * as m014 from './014_search_text';
import * as m015 from './015_shifts';
import * as m016 from './016_plan_mark_shares';
import * as m017 from './017_people_email_key';
import * as m018 from './018_plan_marks_waiting';
import * as m019 from './019_visits_email_key';
import * as m020 from './020_holidays';
import * as m021 from './021_person_links';
import * as m022 from './022_outbox_refused';
import * as m023 from './023_account_links';
import * as m024 from './024_last_activity_indexes';
import * as m025 from './025_quarantine_unreadable';
import * as m026 from './026_plan_off_plan';
import * as m027 from './027_search_name_orders';
import * as m028 from './028_quarantine_waits_for';
import * as m029 from './029_chat_transcripts';
import * as m030 from './030_chat_transcript_files';
import * as m031 from './031_task_due_dates';
import * as m032 from './032_visit_forms';
import * as m033 from './033_search_text_when_changed';
import * as m034 from './034_alert_toast_dismissed';
import * as m035 from './035_kept_reasons_after_the_day';
import * as m036 from './036_visits_anonymous_ip';
import * as m037 from './037_open_undated_tasks';
import * as m038 from './038_plan_mark_shares_snooze';
import * as m039 from './039_people_last_touch';

export interface Migration {
  version: number;
  name: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  up: (db: Kysely<any>) => Promise<void>;
}

// Static imports, not a folder scan: the bundled app has no migrations folder to read.
export const migrations: readonly Migration[] = [
  { version: 1, name: 'initial', up: m001.up },
  { version: 2, name: 'sync', up: m002.up },
  { version: 3, name: 'signal_index', up: m003.up },
  { version: 4, name: 'day_plans', up: m004.up },
  { version: 5, name: 'delete_indexes', up: m005.up },
  { version: 6, name: 'windows_evidence', up: m006.up },
  { version: 7, name: 'drop_unread_columns', up: m007.up },
  { version: 8, name: 'call_outcome', up: m008.up },
  { version: 9, name: 'learned_priors', up: m009.up },
  { version: 10, name: 'alerts', up: m010.up },
  { version: 11, name: 'visit_user_agents', up: m011.up },
  { version: 12, name: 'outbox_create_sent', up: m012.up },
  { version: 13, name: 'record_times', up: m013.up },
  { version: 14, name: 'search_text', up: m014.up },
  { version: 15, name: 'shifts', up: m015.up },
  { version: 16, name: 'plan_mark_shares', up: m016.up },
  { version: 17, name: 'people_email_key', up: m017.up },
  { version: 18, name: 'plan_marks_waiting', up: m018.up },
  { version: 19, name: 'visits_email_key', up: m019.up },
  { version: 20, name: 'holidays', up: m020.up },
  { version: 21, name: 'person_links', up: m021.up },
  { version: 22, name: 'outbox_refused', up: m022.up },
  { version: 23, name: 'account_links', up: m023.up },
  { version: 24, name: 'last_activity_indexes', up: m024.up },
  { version: 25, name: 'quarantine_unreadable', up: m025.up },
  { version: 26, name: 'plan_off_plan', up: m026.up },
  { version: 27, name: 'search_name_orders', up: m027.up },
  { version: 28, name: 'quarantine_waits_for', up: m028.up },
  { version: 29, name: 'chat_transcripts', up: m029.up },
  { version: 30, name: 'chat_transcript_files', up: m030.up },
  { version: 31, name: 'task_due_dates', up: m031.up },
  { version: 32, name: 'visit_forms', up: m032.up },
  { version: 33, name: 'search_text_when_changed', up: m033.up },
  { version: 34, name: 'alert_toast_dismissed', up: m034.up },
  { version: 35, name: 'kept_reasons_after_the_day', up: m035.up },
  { version: 36, name: 'visits_anonymous_ip', up: m036.up },
  { version: 37, name: 'open_undated_tasks', up: m037.up },
  { version: 38, name: 'plan_mark_shares_snooze', up: m038.up },
  { version: 39, name: 'people_last_touch', up: m039.up },
];
