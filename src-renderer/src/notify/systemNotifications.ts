import { navigate } from '../stores/ui';
import type { Notice } from './longWorkText';

/** What the system lets this page do: show notifications, ask first, neither, or no API at all. */
export type NotificationAccess = 'granted' | 'default' | 'denied' | 'unsupported';

/**
 * The Web Notifications API, in browsers and in Electron's renderer alike (Electron shows
 * them with the operating system's notifications; its permission handler grants them to the
 * app's own pages only). Plain-http pages other than loopback have no API: `unsupported`.
 */
export function notificationAccess(): NotificationAccess {
  if (typeof Notification === 'undefined' || !window.isSecureContext) return 'unsupported';
  return Notification.permission;
}

/**
 * Asks for permission. Browsers show their prompt only during a user gesture (a click on the
 * Settings switch), so this is called from that handler and nowhere else.
 */
export async function requestNotificationAccess(): Promise<NotificationAccess> {
  if (notificationAccess() === 'unsupported') return 'unsupported';
  try {
    return await Notification.requestPermission();
  } catch {
    // Very old engines only take a callback; treat a refusal to ask as a denial.
    return notificationAccess();
  }
}

/**
 * Whether the person is looking at this window now. When they are, the screen shows how the
 * work ended and a notification would only interrupt.
 */
export function isWindowAttended(): boolean {
  return document.visibilityState === 'visible' && document.hasFocus();
}

/** Shows a notice; clicking it brings this window forward on the run or result it names. */
export function showSystemNotification(notice: Notice): void {
  if (notificationAccess() !== 'granted') return;
  const notification = new Notification(notice.title, { body: notice.body, tag: notice.tag });
  notification.onclick = () => {
    window.focus();
    if (notice.target) navigate(notice.target.section, ...notice.target.params);
    notification.close();
  };
}
