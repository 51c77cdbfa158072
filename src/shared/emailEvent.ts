/**
 * One e-mail activity of a person, as BT-2's reaction times need it: a mail a rep sent them
 * (`sent`), the contact's open of it or click in it (the same `messageId` as the mail: Zoho's
 * message id, see crm/zoho/zohoEmailMap.ts), or a mail the contact sent (`received`). The one
 * type of both what db/repos/emailExchanges.ts reads and besttime/model/emailResponsiveness.ts
 * takes; here because the two may import nothing of each other.
 */
export interface EmailEvent {
  kind: 'sent' | 'opened' | 'clicked' | 'received';
  /** UTC epoch ms. */
  at: number;
  messageId: string | null;
}
