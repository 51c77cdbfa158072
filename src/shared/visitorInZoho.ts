/**
 * A visit Zoho links to a lead or contact not stored here yet (the sync reads them by id, within
 * the minute, or with the next records run): the words the Visits card shows instead of Create
 * lead, and the refusal of a lead made from it, which would be a second one in Zoho.
 */
export const VISITOR_IN_ZOHO_TEXT =
  'Zoho already has this visitor as a lead; it arrives with the next sync';
