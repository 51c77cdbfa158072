/** Word lists for the demo organisation. Invented names; any likeness is chance. */
export const FIRST_NAMES = [
  'Aiko',
  'Hiroshi',
  'Yuki',
  'Kenji',
  'Sakura',
  'Haruto',
  'Mei',
  'Takumi',
  'Lena',
  'Jonas',
  'Mia',
  'Lukas',
  'Hannah',
  'Felix',
  'Sophie',
  'Paul',
  'Emma',
  'Liam',
  'Olivia',
  'Noah',
  'Ava',
  'Ethan',
  'Isabella',
  'Mason',
  'Chloe',
  'Jack',
  'Ruby',
  'Oliver',
  'Grace',
  'Harper',
  'Lucas',
  'Zoe',
  'Priya',
  'Arjun',
  'Sofia',
  'Mateo',
  'Amelia',
  'Leo',
  'Nora',
  'Elias',
] as const;

export const LAST_NAMES = [
  'Tanaka',
  'Suzuki',
  'Sato',
  'Watanabe',
  'Ito',
  'Yamamoto',
  'Nakamura',
  'Kobayashi',
  'Müller',
  'Schmidt',
  'Schneider',
  'Fischer',
  'Weber',
  'Meyer',
  'Wagner',
  'Becker',
  'Smith',
  'Johnson',
  'Williams',
  'Brown',
  'Jones',
  'Garcia',
  'Miller',
  'Davis',
  'Wilson',
  'Taylor',
  'Anderson',
  'Thomas',
  'Moore',
  'Martin',
  'Lee',
  'Clark',
  'Nguyen',
  'Patel',
  'Kelly',
  'Walsh',
  'Murphy',
  'Campbell',
  'Stewart',
  'Hughes',
] as const;

export const COMPANY_HEADS = [
  'Apex',
  'Blue',
  'Cedar',
  'Delta',
  'Ember',
  'Fjord',
  'Granite',
  'Harbor',
  'Iris',
  'Juniper',
  'Kite',
  'Lumen',
  'Maple',
  'Nimbus',
  'Orbit',
  'Pine',
  'Quartz',
  'River',
  'Summit',
  'Tidal',
  'Umber',
  'Vertex',
  'Willow',
  'Zenith',
] as const;

export const COMPANY_TAILS = [
  'Logistics',
  'Robotics',
  'Foods',
  'Health',
  'Systems',
  'Analytics',
  'Energy',
  'Textiles',
  'Media',
  'Pharma',
  'Finance',
  'Networks',
  'Materials',
  'Travel',
] as const;

export const COMPANY_SUFFIXES = ['Inc.', 'GmbH', 'Ltd', 'K.K.', 'Pty Ltd', 'LLC', 'AG'] as const;

export const INDUSTRIES = [
  'Manufacturing',
  'Retail',
  'Healthcare',
  'Financial services',
  'Logistics',
  'Software',
  'Energy',
  'Media',
  'Education',
  'Hospitality',
] as const;

export const TITLES = [
  'Head of Operations',
  'Procurement Manager',
  'CTO',
  'IT Director',
  'Office Manager',
  'VP Sales',
  'Purchasing Lead',
  'CFO',
  'Project Manager',
  'Founder',
] as const;

/** Zones of the demo's people, with a country and a phone prefix that fit them. */
export const PERSON_ZONES = [
  { zone: 'Asia/Tokyo', country: 'Japan', phone: '+81', weight: 16 },
  { zone: 'Europe/Berlin', country: 'Germany', phone: '+49', weight: 22 },
  { zone: 'America/New_York', country: 'United States', phone: '+1', weight: 20 },
  { zone: 'America/Los_Angeles', country: 'United States', phone: '+1', weight: 12 },
  { zone: 'Australia/Sydney', country: 'Australia', phone: '+61', weight: 10 },
  { zone: 'Europe/London', country: 'United Kingdom', phone: '+44', weight: 12 },
  { zone: 'America/Chicago', country: 'United States', phone: '+1', weight: 8 },
] as const;

export const DEAL_STAGES_OPEN = [
  'Qualification',
  'Needs Analysis',
  'Value Proposition',
  'Proposal/Price Quote',
  'Negotiation/Review',
] as const;

export const SITE_PAGES = [
  ['/', 'Home'],
  ['/pricing', 'Pricing'],
  ['/product', 'Product tour'],
  ['/product/integrations', 'Integrations'],
  ['/customers', 'Customer stories'],
  ['/blog/best-time-to-call', 'Blog: the best time to call'],
  ['/docs/getting-started', 'Docs: getting started'],
  ['/contact', 'Contact sales'],
  ['/demo', 'Book a demo'],
  ['/careers', 'Careers'],
] as const;

export const REFERRERS = [
  { referrer: 'https://www.google.com/', engine: 'Google', weight: 40 },
  { referrer: 'https://www.bing.com/', engine: 'Bing', weight: 8 },
  { referrer: 'https://duckduckgo.com/', engine: 'DuckDuckGo', weight: 4 },
  { referrer: 'https://www.linkedin.com/', engine: null, weight: 14 },
  { referrer: 'https://news.ycombinator.com/', engine: null, weight: 4 },
  { referrer: null, engine: null, weight: 30 },
] as const;

export const SEARCH_KEYWORDS = [
  'best time to call prospects',
  'sales call planner',
  'crm call scheduling',
  'website visitor tracking',
  'contact window pricing',
  'zoho crm planner',
] as const;

/**
 * Website chats, each a whole conversation: the visitor opens, the operator answers what was
 * asked, turn by turn. `{operator}` is the operator's first name.
 */
export const CHAT_CONVERSATIONS: readonly (readonly string[])[] = [
  [
    'Hi, does this work with Zoho CRM?',
    'Hello, {operator} here. Yes: it syncs leads, contacts, deals and activities from Zoho CRM.',
    'Do we need an admin to connect it?',
    'Any user with API access can connect it in a few minutes; your admin can limit it later.',
    'Great, thanks.',
  ],
  [
    'What does the team plan cost for 12 reps?',
    'Hi, this is {operator}. For 12 reps the team plan is billed per seat; I can send you the price sheet.',
    'Please do, to this address.',
    'Sent. Would a short call on Thursday suit you to go through it?',
    'Thursday afternoon works.',
    'Booked for 15:00 your time. Talk then!',
  ],
  [
    'Can we try it with our own data first?',
    'Absolutely, {operator} here: there is a 30-day trial on your own CRM data.',
    'Does the data leave our machines?',
    'No, it is kept in a local database on each computer and only synced with your CRM.',
  ],
  [
    'Is there a way to export the schedule to our calendar?',
    'Hi, {operator} here. Yes, any day can be exported as CSV or iCalendar.',
    'Also for the whole team?',
    'Managers can export each rep’s day, or the team’s side by side.',
    'Perfect, that is what I needed.',
  ],
  [
    'How does it know when to call someone?',
    'Hello! {operator} here. It learns from when each contact answered calls, opened emails or replied.',
    'And for a brand new lead?',
    'It starts from your organisation’s pattern in their time zone until they engage.',
  ],
  [
    'Hello, is anyone there?',
    'Hi, I’m {operator}. How can I help?',
    'We are comparing call planners. Do you have a case study in logistics?',
    'We do, I will email it to you now.',
    'Thank you!',
  ],
];

/** A conversation's lines with their speakers: the visitor opens, the two take turns. */
export function chatLines(
  conversation: readonly string[],
  visitorName: string | null,
  operatorName: string,
): { sender: 'visitor' | 'operator'; author: string; text: string }[] {
  const operatorFirst = operatorName.split(' ')[0] ?? operatorName;
  return conversation.map((text, i) =>
    i % 2 === 0
      ? { sender: 'visitor', author: visitorName ?? 'Visitor', text }
      : {
          sender: 'operator',
          author: operatorName,
          text: text.replace('{operator}', operatorFirst),
        },
  );
}
