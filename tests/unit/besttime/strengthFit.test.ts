import { describe, expect, it } from 'vitest';
import { MODEL_PARAMS } from '../../../src/main/besttime/model/modelParams';
import { buildPriors } from '../../../src/main/besttime/model/priors';
import { options, organisation, weekly } from './eventFactory';

describe('shrinkage strengths learned per organisation (BT-11)', () => {
  it('keeps the defaults for an organisation with too few repeat sittings to learn from', () => {
    const priors = buildPriors(
      weekly('p', '2024-03-05T10:15', 'UTC', 4, 'email_opened'),
      options(),
    );
    expect(priors.strengths.email).toEqual({
      person: MODEL_PARAMS.personStrength,
      day: MODEL_PARAMS.dayStrength,
    });
  });

  it('trusts contacts sooner where they keep their own hours than where hours scatter around a shared rhythm', () => {
    const habitual = buildPriors(organisation(60, 12), options()).strengths.email;
    const scattered = buildPriors(organisation(60, 12, true), options()).strengths.email;
    expect(habitual.person).toBeLessThan(MODEL_PARAMS.personStrength);
    expect(scattered.person).toBeGreaterThan(8 * habitual.person);
  });

  it('learns only from signals before as-of', () => {
    const asOf = Date.UTC(2023, 11, 1);
    const before = organisation(60, 12).filter((e) => e.at < asOf);
    const withLater = [...before, ...organisation(60, 12, true).filter((e) => e.at >= asOf)];
    expect(buildPriors(withLater, options({ asOf })).strengths).toEqual(
      buildPriors(before, options({ asOf })).strengths,
    );
  });
});
