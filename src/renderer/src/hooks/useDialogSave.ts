import { useRef, useState, type Dispatch, type RefObject, type SetStateAction } from 'react';

/**
 * A modal dialog's closing and its save, one at a time: the save runs once however fast the rep
 * presses Enter or clicks (a ref as well as state, as a double-click's second submit comes before
 * React re-renders), closes the dialog when it is done, and keeps it open with the core's words
 * when it fails. Closed as Escape closes it, not just taken away: the browser then gives focus back
 * to what had it, instead of dropping it on the page; `onClose` follows the close.
 */
export function useDialogSave(
  dialog: RefObject<HTMLDialogElement | null>,
  onClose: () => void,
): {
  error: string | null;
  setError: Dispatch<SetStateAction<string | null>>;
  saving: boolean;
  /** True from the start of a save to its end (before React has re-rendered too). */
  busy: () => boolean;
  close: () => void;
  save: (work: () => Promise<void>) => Promise<void>;
} {
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const savingNow = useRef(false);
  const close = (): void => {
    if (dialog.current?.open) dialog.current.close();
    else onClose();
  };
  const save = async (work: () => Promise<void>): Promise<void> => {
    if (savingNow.current) return;
    savingNow.current = true;
    setSaving(true);
    try {
      await work();
      close();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      savingNow.current = false;
      setSaving(false);
    }
  };
  return { error, setError, saving, busy: () => savingNow.current, close, save };
}
