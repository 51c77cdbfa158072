import type { DataSet } from '../../shared/contract';

/**
 * The core's `markAlertsRead` input for a notification's or the tray's read mark: named for the
 * data set the alert came from, so a core that has switched to the other set since refuses it
 * (`sameDataSet`) instead of marking that set's alert of the same number (each set counts from 1).
 * None named: the set on screen, as for the tray's own list.
 */
export function trayReadInput(
  ids: number[],
  dataSet: DataSet | undefined,
): { ids: number[]; dataSet?: DataSet } {
  return dataSet ? { ids, dataSet } : { ids };
}

/**
 * The tray menu's Mark all as read, named for the set the menu listed: a click while the window
 * switches to the other set marks nothing there (the core refuses, saying why).
 */
export function trayReadAllInput(dataSet: DataSet | undefined): { all: true; dataSet?: DataSet } {
  return dataSet ? { all: true, dataSet } : { all: true };
}
