import type { Settings } from './contract';
import type { Channel } from './signals';

/**
 * The channels a day plan has rows on: those whose suggestions are on. A person has a row on one
 * when they have windows stored for it (none that day makes a "no window" row): the planner
 * (planDay) and a person's page (Done on their call row of today, getPerson) go by this rule.
 */
export function planChannels(settings: Settings): Channel[] {
  return [
    ...(settings.callSuggestions ? (['call'] as const) : []),
    ...(settings.emailSuggestions ? (['email'] as const) : []),
  ];
}
