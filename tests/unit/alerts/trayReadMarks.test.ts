import { describe, expect, it } from 'vitest';
import { trayReadInput } from '../../../src/main/alerts/trayReadMarks';

describe('the tray’s read marks', () => {
  it('name the data set the notification came from', () => {
    expect(trayReadInput([5], 'crm')).toEqual({ ids: [5], dataSet: 'crm' });
  });

  it('name none for an alert of the set on screen', () => {
    expect(trayReadInput([3, 4], undefined)).toEqual({ ids: [3, 4] });
  });
});
