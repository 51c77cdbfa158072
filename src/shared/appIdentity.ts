/**
 * The app's identity for the operating systems: the macOS bundle id, the Windows AppUserModelID
 * (which toasts and taskbar entries are grouped under; the installer's shortcut carries the same
 * id) and the Linux desktop entry. Changing it makes a new app to every OS: installed copies
 * would not upgrade in place.
 */
export const APP_ID = 'com.contactwindow.desktop';
