/** Electron IPC channel names: every one the app uses lives here. */
export const IPC_CALL_CHANNEL = 'cw:call';
export const IPC_EVENT_CHANNEL = 'cw:event';
