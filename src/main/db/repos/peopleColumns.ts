// A person's website-visit summary (VT-3): a converted lead's fills the gaps of its contact's.
export const VISIT_SUMMARY = [
  'days_visited',
  'chats_count',
  'avg_time_spent_min',
  'first_visit_at',
  'last_visit_at',
  'first_visited_url',
  'visit_referrer',
  'visitor_score',
] as const;
/** A person's stored columns, as the sync writes them and a lead made here carries to its CRM id. */
export const PEOPLE_COLUMNS = [
  'id',
  'module',
  'first_name',
  'last_name',
  'email',
  'phone',
  'title',
  'company',
  'account_id',
  'crm_account_id',
  'owner_id',
  'country',
  'time_zone',
  'lead_status',
  'lead_source',
  ...VISIT_SUMMARY,
  'created_at',
  'modified_at',
] as const;
