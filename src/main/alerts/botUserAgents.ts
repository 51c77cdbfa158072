/**
 * Whether a user agent is a machine: crawlers, headless browsers, HTTP libraries and uptime
 * monitors never raise an alert (VT-8). A short list of our own rather than a dependency (`isbot`
 * keeps a longer one): a browser's user agent names its engine and platform, so the words below
 * appear only in machines' user agents, and a miss costs one needless alert, not a lost one.
 * An empty user agent ("-" in a log) is a machine too: every browser sends one. An unknown one
 * (null: a CRM or a file that keeps none) is not.
 */
const MACHINE_WORDS = [
  // crawlers and search engines (CUBOT is a maker of phones)
  '(?<!cu)bot(?![a-z])',
  'crawl',
  'spider',
  'slurp',
  'scrap',
  'archiver',
  'indexer',
  'fetch',
  'nutch',
  'scout',
  'mediapartners',
  // Yandex's crawlers (YandexBot, YandexImages, …), not its search app; Baidu's is Baiduspider
  'yandex(?!search)',
  'facebookexternalhit',
  'embedly',
  'preview',
  // headless and automated browsers
  'headless',
  'phantomjs',
  'puppeteer',
  'playwright',
  'selenium',
  'webdriver',
  'lighthouse',
  'pagespeed',
  'gtmetrix',
  // HTTP libraries and command-line tools
  'curl/',
  'wget',
  'python-requests',
  'python-urllib',
  'python/',
  'aiohttp',
  'httpclient',
  'okhttp',
  'go-http-client',
  'java/',
  // libwww-perl, not the Lynx browser's libwww-FM
  'libwww-perl',
  'lwp::',
  'node-fetch',
  'axios/',
  'ruby',
  'perl',
  'php/',
  'httpie',
  'indy library',
  // uptime and performance monitoring
  'monitor',
  'pingdom',
  'uptime',
  'statuscake',
  'site24x7',
  'newrelic',
  'datadog',
  'nagios',
  'zabbix',
  'check_http',
  // feed readers polling on a timer
  'feed',
  'rss',
  'reader',
  'reeder/',
  'newsify/',
  // link checkers
  'link sleuth',
  'link validator',
  // mail security link scanners: they open every link in an incoming mail, in the recipient's
  // name, before the person does ("a mail scanner following their link"). Each word is a
  // product or what it calls itself, never part of a browser's, device's or app's user agent:
  // a "URL scanner" or "link scanner" (not "scanner" alone: a QR or barcode scanner app's own
  // browser names itself so, and a person reads through it); Barracuda (Sentinel, Email Security
  // Gateway), Proofpoint (URL Defense), Mimecast (URL Protect), Microsoft's Safe Links
  '(?:url|link)[ _-]?scanner',
  'barracuda',
  'proofpoint',
  'mimecast',
  'safelinks',
  // a "browser" that names nothing: Mozilla/4.0 (compatible;) and the like
  '^mozilla/\\d\\.\\d \\(compatible;?\\)$',
  // a contact address or home page: how crawlers sign (browsers never carry one)
  'https?://',
  '@',
];

const MACHINE = new RegExp(MACHINE_WORDS.join('|'), 'i');

export function isBotUserAgent(userAgent: string | null): boolean {
  if (userAgent === null) return false;
  const ua = userAgent.trim();
  return ua === '' || ua === '-' || MACHINE.test(ua);
}
