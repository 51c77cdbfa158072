import { zohoTime, type ZRecord } from '../crm-server/crmDataSet';
import { buildOrganisation } from '../crm-server/crmFactories';
import { connectInSettings, crmHostTest, expect } from './crmHostFixture';

const CLIENT = {
  clientId: '1000.E2ETRANSCRIPTS',
  clientSecret: 'e2e-transcripts-secret',
  refreshToken: 'e2e-transcripts-refresh',
};

// As Zoho keeps a note written in its editor: HTML, with a hostile image for good measure.
const TRANSCRIPT = [
  '<div><b>Chat transcript</b></div>',
  '<div>10:02 Suzuki: How much is the team plan for 12 users?<br>',
  '10:03 Ada Rep: 12 users is 240&nbsp;euros a month; shall I send a quote?',
  '<img src="x" onerror="document.title=\'hacked\'"></div>',
  '<ul><li>Rating: 5</li><li>Duration: <b>6 min</b></li></ul>',
].join('');

let lead: ZRecord;
let chatAt: number;

/**
 * VT-5: the organisation's SalesIQ chatted with a lead, and Zoho keeps the chat's transcript as a
 * note on the lead; the visit itself gives only that there was a chat.
 */
const test = crmHostTest(() => {
  const data = buildOrganisation(24);
  lead = [...data.table('Leads').values()][0] as ZRecord;
  chatAt = data.clock - 2 * 86_400_000;
  data.insert('Visits', {
    Name: 'Visit with a chat',
    Visitor_Name: lead['Last_Name'],
    Lead_Name: { id: lead.id, name: lead['Last_Name'] },
    Visited_Time: zohoTime(chatAt),
    Time_Spent: 6,
    Visited_Pages: `${zohoTime(chatAt)} https://example.test/pricing`,
    Number_Of_Chats: 1,
  });
  data.addNote(
    { module: 'Leads', id: lead.id },
    'Chat transcript',
    TRANSCRIPT,
    chatAt + 8 * 60_000,
  );
  // A day later, a transcript SalesIQ kept as a file on its note.
  data.addNote({ module: 'Leads', id: lead.id }, 'Chat transcript', '', chatAt + 86_400_000, [
    'SalesIQ chat.txt',
  ]);
  return { data, client: CLIENT, grant: '1000.transcripts-grant' };
});

test("a chat's transcript kept in Zoho opens on the person's page", async ({ page, served }) => {
  await connectInSettings(page, served.openUrl, CLIENT, '1000.transcripts-grant');
  await expect(page.getByRole('status', { name: 'Data freshness' })).toHaveText(
    'Zoho CRM, synced just now',
    { timeout: 30_000 },
  );

  await page.goto(`${served.openUrl}#/person/${lead.id}`);
  const chats = page.getByRole('article', { name: 'Chats' });
  const chat = chats.locator('details.chat', { hasText: 'transcript from the CRM' });
  await expect(chat).toHaveCount(1);
  await expect(chats).not.toContainText('no transcript in the CRM');
  await chat.locator('summary').click();
  await expect(chat.getByText('How much is the team plan for 12 users?')).toBeVisible();
  await expect(
    chat.getByText('12 users is 240 euros a month; shall I send a quote?'),
  ).toBeVisible();
  // The chat's list reads as one: its items were plain lines, as if said in the chat.
  await expect(chat.locator('.transcript-text')).toContainText('\n• Rating: 5\n• Duration: 6 min');
  // Read as text: no markup shows, and none is rendered.
  await expect(chat).not.toContainText('<div>');
  await expect(chat.locator('img')).toHaveCount(0);
  expect(await page.title()).not.toBe('hacked');

  const attached = chats.locator('details.chat', { hasText: 'transcript attached in Zoho' });
  await attached.locator('summary').click();
  await expect(attached.getByText('Transcript attached in Zoho: SalesIQ chat.txt')).toBeVisible();
});
