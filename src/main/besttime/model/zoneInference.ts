/**
 * Best guess of a contact's zone from CRM fields. Countries spanning several zones get the
 * zone where most of their people live (US: New York, Australia: Sydney); the guess only has
 * to beat "assume the organisation's zone", and an explicit zone on the record always wins.
 */
const COUNTRIES: [iso: string, names: string[], zone: string][] = [
  ['US', ['united states', 'usa', 'united states of america', 'america'], 'America/New_York'],
  ['CA', ['canada'], 'America/Toronto'],
  ['MX', ['mexico'], 'America/Mexico_City'],
  ['BR', ['brazil', 'brasil'], 'America/Sao_Paulo'],
  ['AR', ['argentina'], 'America/Argentina/Buenos_Aires'],
  ['CL', ['chile'], 'America/Santiago'],
  ['CO', ['colombia'], 'America/Bogota'],
  ['PE', ['peru'], 'America/Lima'],
  [
    'GB',
    ['united kingdom', 'uk', 'great britain', 'england', 'scotland', 'wales'],
    'Europe/London',
  ],
  ['IE', ['ireland'], 'Europe/Dublin'],
  ['PT', ['portugal'], 'Europe/Lisbon'],
  ['ES', ['spain', 'españa'], 'Europe/Madrid'],
  ['FR', ['france'], 'Europe/Paris'],
  ['BE', ['belgium'], 'Europe/Brussels'],
  ['NL', ['netherlands', 'the netherlands', 'holland'], 'Europe/Amsterdam'],
  ['LU', ['luxembourg'], 'Europe/Luxembourg'],
  ['DE', ['germany', 'deutschland'], 'Europe/Berlin'],
  ['CH', ['switzerland'], 'Europe/Zurich'],
  ['AT', ['austria'], 'Europe/Vienna'],
  ['IT', ['italy', 'italia'], 'Europe/Rome'],
  ['DK', ['denmark'], 'Europe/Copenhagen'],
  ['NO', ['norway'], 'Europe/Oslo'],
  ['SE', ['sweden'], 'Europe/Stockholm'],
  ['FI', ['finland'], 'Europe/Helsinki'],
  ['PL', ['poland'], 'Europe/Warsaw'],
  ['CZ', ['czech republic', 'czechia'], 'Europe/Prague'],
  ['HU', ['hungary'], 'Europe/Budapest'],
  ['RO', ['romania'], 'Europe/Bucharest'],
  ['GR', ['greece'], 'Europe/Athens'],
  ['TR', ['turkey', 'türkiye'], 'Europe/Istanbul'],
  ['UA', ['ukraine'], 'Europe/Kyiv'],
  ['RU', ['russia', 'russian federation'], 'Europe/Moscow'],
  ['IL', ['israel'], 'Asia/Jerusalem'],
  ['AE', ['united arab emirates', 'uae'], 'Asia/Dubai'],
  ['SA', ['saudi arabia'], 'Asia/Riyadh'],
  ['EG', ['egypt'], 'Africa/Cairo'],
  ['ZA', ['south africa'], 'Africa/Johannesburg'],
  ['NG', ['nigeria'], 'Africa/Lagos'],
  ['KE', ['kenya'], 'Africa/Nairobi'],
  ['IN', ['india'], 'Asia/Kolkata'],
  ['PK', ['pakistan'], 'Asia/Karachi'],
  ['BD', ['bangladesh'], 'Asia/Dhaka'],
  ['TH', ['thailand'], 'Asia/Bangkok'],
  ['VN', ['vietnam', 'viet nam'], 'Asia/Ho_Chi_Minh'],
  ['ID', ['indonesia'], 'Asia/Jakarta'],
  ['MY', ['malaysia'], 'Asia/Kuala_Lumpur'],
  ['SG', ['singapore'], 'Asia/Singapore'],
  ['PH', ['philippines'], 'Asia/Manila'],
  ['CN', ['china', "people's republic of china"], 'Asia/Shanghai'],
  ['HK', ['hong kong'], 'Asia/Hong_Kong'],
  ['TW', ['taiwan'], 'Asia/Taipei'],
  ['KR', ['south korea', 'korea', 'republic of korea'], 'Asia/Seoul'],
  ['JP', ['japan', '日本'], 'Asia/Tokyo'],
  ['AU', ['australia'], 'Australia/Sydney'],
  ['NZ', ['new zealand'], 'Pacific/Auckland'],
];

/** Longest prefix wins, so "+44" is not read as "+4". */
const PHONE_PREFIXES: [prefix: string, iso: string][] = [
  ['1', 'US'],
  ['52', 'MX'],
  ['55', 'BR'],
  ['54', 'AR'],
  ['56', 'CL'],
  ['57', 'CO'],
  ['51', 'PE'],
  ['44', 'GB'],
  ['353', 'IE'],
  ['351', 'PT'],
  ['34', 'ES'],
  ['33', 'FR'],
  ['32', 'BE'],
  ['31', 'NL'],
  ['352', 'LU'],
  ['49', 'DE'],
  ['41', 'CH'],
  ['43', 'AT'],
  ['39', 'IT'],
  ['45', 'DK'],
  ['47', 'NO'],
  ['46', 'SE'],
  ['358', 'FI'],
  ['48', 'PL'],
  ['420', 'CZ'],
  ['36', 'HU'],
  ['40', 'RO'],
  ['30', 'GR'],
  ['90', 'TR'],
  ['380', 'UA'],
  ['7', 'RU'],
  ['972', 'IL'],
  ['971', 'AE'],
  ['966', 'SA'],
  ['20', 'EG'],
  ['27', 'ZA'],
  ['234', 'NG'],
  ['254', 'KE'],
  ['91', 'IN'],
  ['92', 'PK'],
  ['880', 'BD'],
  ['66', 'TH'],
  ['84', 'VN'],
  ['62', 'ID'],
  ['60', 'MY'],
  ['65', 'SG'],
  ['63', 'PH'],
  ['86', 'CN'],
  ['852', 'HK'],
  ['886', 'TW'],
  ['82', 'KR'],
  ['81', 'JP'],
  ['61', 'AU'],
  ['64', 'NZ'],
];

const ZONE_BY_ISO = new Map(COUNTRIES.map(([iso, , zone]) => [iso, zone]));
const ZONE_BY_NAME = new Map(
  COUNTRIES.flatMap(([, names, zone]) => names.map((n) => [n, zone] as const)),
);
const PREFIXES_LONGEST_FIRST = [...PHONE_PREFIXES].sort((a, b) => b[0].length - a[0].length);

function zoneForCountry(country: string): string | null {
  const key = country.trim();
  if (key === '') return null;
  return ZONE_BY_ISO.get(key.toUpperCase()) ?? ZONE_BY_NAME.get(key.toLowerCase()) ?? null;
}

function zoneForPhone(phone: string): string | null {
  const trimmed = phone.trim();
  // Only international numbers say where they are; a national number could be anywhere.
  if (!trimmed.startsWith('+') && !trimmed.startsWith('00')) return null;
  const digits = trimmed.replace(/^00/, '').replace(/\D/g, '');
  const hit = PREFIXES_LONGEST_FIRST.find(([prefix]) => digits.startsWith(prefix));
  return hit ? (ZONE_BY_ISO.get(hit[1]) ?? null) : null;
}

/** Maps a country (name or ISO 3166 alpha-2 code) or an E.164 phone number to an IANA zone. */
export function inferZone(country?: string, phone?: string): string | null {
  return (country ? zoneForCountry(country) : null) ?? (phone ? zoneForPhone(phone) : null);
}
