import { describe, expect, it } from 'vitest';
import { trayReadAllInput, trayReadInput } from '../../../src/main/alerts/trayReadMarks';

describe('the tray’s read marks', () => {
  it('name the data set the notification came from', () => {
    expect(trayReadInput([5], 'crm')).toEqual({ ids: [5], dataSet: 'crm' });
  });

  it('name none for an alert of the set on screen', () => {
    expect(trayReadInput([3, 4], undefined)).toEqual({ ids: [3, 4] });
  });

  it('name the data set the menu listed for Mark all as read, none when the core named none', () => {
    expect(trayReadAllInput('demo')).toEqual({ all: true, dataSet: 'demo' });
    expect(trayReadAllInput(undefined)).toEqual({ all: true });
  });
});
