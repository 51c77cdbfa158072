/**
 * What an activity was, in the words beside its time ("called 3 d ago"): a planner row's last
 * touch and People's last activity say the same thing of the same activity. Keys are the kind and
 * direction (`call_out`), `email_opened` for an open or a click, and `visit` for a website visit
 * (People counts visits; the planner's last touch does not, it shows "on the website now" apart).
 */
const TOUCH_WORDS: Record<string, string> = {
  call_out: 'called',
  call_in: 'they called',
  email_out: 'emailed',
  email_in: 'they emailed',
  email_opened: 'they opened an email',
  meeting_out: 'met',
  meeting_in: 'met',
  meeting: 'met',
  case_in: 'case opened',
  case_out: 'answered their case',
  form_in: 'web form',
  social_in: 'social',
  social_out: 'social',
  chat_in: 'chatted',
  chat_out: 'chatted',
  task_out: 'task done',
  task: 'task done',
  visit: 'visited',
};

/** The words for an activity of this kind, or null for one without (an unknown kind). */
export function touchWords(kind: string | null): string | null {
  return (kind !== null && TOUCH_WORDS[kind]) || null;
}
