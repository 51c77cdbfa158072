import { describe, expect, it } from 'vitest';
import { isFormAction, visitActions } from '../../../src/shared/visitActions';

describe("a visit's actions in plain words (VT-1)", () => {
  it("says SalesIQ's actions, leaving out the page views already listed as the visit's pages", () => {
    const stored = JSON.stringify([
      {
        Action_Type: 'Page Visited',
        Action_Performed_Time: '2026-11-23T09:55:00+01:00',
        Visited_Page: 'https://northwind.example/pricing',
      },
      {
        Action_Type: 'Form Submitted',
        Action_Performed_Time: '2026-11-23T09:58:00+01:00',
        Visited_Page: 'https://northwind.example/contact',
      },
      { Action_Type: 'Chat', Action_Performed_Time: '2026-11-23T09:59:00+01:00' },
      { Action_Type: 'File Downloaded', Visited_Page: 'https://northwind.example/brochure.pdf' },
      { Action_Type: 'Clicked the demo banner' },
    ]);
    expect(visitActions(stored)).toEqual([
      {
        what: 'Submitted a form',
        page: 'https://northwind.example/contact',
        at: Date.parse('2026-11-23T08:58:00Z'),
      },
      { what: 'Started a chat', page: null, at: Date.parse('2026-11-23T08:59:00Z') },
      { what: 'Downloaded a file', page: 'https://northwind.example/brochure.pdf', at: null },
      { what: 'Clicked the demo banner', page: null, at: null },
    ]);
  });

  it('says an organisation’s text one line an action, as it was written', () => {
    expect(visitActions('Viewed pricing\n\n  Asked for a quote ')).toEqual([
      { what: 'Viewed pricing', page: null, at: null },
      { what: 'Asked for a quote', page: null, at: null },
    ]);
  });

  it('shows nothing of a value it cannot read rather than its JSON', () => {
    expect(visitActions(null)).toEqual([]);
    expect(visitActions('  ')).toEqual([]);
    expect(visitActions('{"Action_Type":"Chat"}')).toEqual([
      { what: 'Started a chat', page: null, at: null },
    ]);
    expect(visitActions('{"actions": 3}')).toEqual([]);
    expect(visitActions('[1, null, {"Action_Performed_Time": "x"}]')).toEqual([]);
  });
  it('takes the word form for a form sent, not an address or a longer word holding it', () => {
    expect(isFormAction('Form Submitted')).toBe(true);
    expect(isFormAction('Submitted the contact form')).toBe(true);
    expect(isFormAction('Visited /platform')).toBe(false);
    expect(isFormAction('Viewed https://example.com/forms/demo')).toBe(false);
    expect(isFormAction('Read the information page')).toBe(false);
    expect(visitActions('Visited /platform\nForm submitted: Contact us')).toEqual([
      { what: 'Visited /platform', page: null, at: null },
      { what: 'Form submitted: Contact us', page: null, at: null },
    ]);
  });
});
