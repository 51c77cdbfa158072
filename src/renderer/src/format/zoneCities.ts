/**
 * The city of a zone as English writes it, where its IANA name cannot say it: a name with accents
 * ("America/Sao_Paulo" is São Paulo), or an old spelling the CRM may still send ("Asia/Calcutta"
 * is Kolkata, "Europe/Kiev" Kyiv). From CLDR's English exemplar cities (root with the `en`
 * overrides, CLDR 49), cities only; every other zone's city is its name's last part, as before.
 */
const CITIES: Readonly<Record<string, string>> = {
  'Africa/Asmera': 'Asmara',
  'Africa/El_Aaiun': 'El Aaiún',
  'Africa/Lome': 'Lomé',
  'Africa/Ndjamena': 'N’Djamena',
  'Africa/Sao_Tome': 'São Tomé',
  'America/Araguaina': 'Araguaína',
  'America/Argentina/Cordoba': 'Córdoba',
  'America/Argentina/Rio_Gallegos': 'Río Gallegos',
  'America/Argentina/Tucuman': 'Tucumán',
  'America/Asuncion': 'Asunción',
  'America/Bahia_Banderas': 'Bahía de Banderas',
  'America/Belem': 'Belém',
  'America/Bogota': 'Bogotá',
  'America/Cancun': 'Cancún',
  'America/Ciudad_Juarez': 'Ciudad Juárez',
  'America/Cordoba': 'Córdoba',
  'America/Cuiaba': 'Cuiabá',
  'America/Curacao': 'Curaçao',
  'America/Eirunepe': 'Eirunepé',
  'America/Godthab': 'Nuuk',
  'America/Maceio': 'Maceió',
  'America/Mazatlan': 'Mazatlán',
  'America/Merida': 'Mérida',
  'America/Santarem': 'Santarém',
  'America/Sao_Paulo': 'São Paulo',
  'America/St_Barthelemy': 'St. Barthélemy',
  'America/St_Johns': 'St. John’s',
  'Asia/Calcutta': 'Kolkata',
  'Asia/Ho_Chi_Minh': 'Ho Chi Minh City',
  'Asia/Katmandu': 'Kathmandu',
  'Asia/Rangoon': 'Yangon',
  'Asia/Saigon': 'Ho Chi Minh City',
  'Asia/Urumqi': 'Ürümqi',
  'Europe/Busingen': 'Büsingen',
  'Europe/Chisinau': 'Chișinău',
  'Europe/Kiev': 'Kyiv',
  'Indian/Mahe': 'Mahé',
  'Indian/Reunion': 'Réunion',
  'Pacific/Noumea': 'Nouméa',
};

/** The city part of a zone's label: "São Paulo" for America/Sao_Paulo, "Berlin" for Europe/Berlin. */
export function zoneCity(zone: string): string | undefined {
  if (!zone.includes('/') || zone.startsWith('Etc/')) return undefined;
  return CITIES[zone] ?? zone.split('/').pop()?.replace(/_/g, ' ');
}
