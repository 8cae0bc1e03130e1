import { useState } from 'react';
import {
  notificationAccess,
  requestNotificationAccess,
  showSystemNotification,
  type NotificationAccess,
} from '../../notify/systemNotifications';
import { useUi } from '../../stores/ui';
import './notifyPanel.css';

/** What stands in the way, and what to do about it. */
const blockedHelp: Record<'denied' | 'unsupported', string> = {
  denied:
    'Notifications are blocked for this page. Allow them in the site settings (the icon left of the address) or the system settings, then turn this on again.',
  unsupported:
    'This browser cannot show notifications here (it needs a secure page such as the 127.0.0.1 address that yardstick serve prints). The window title still shows the progress of runs.',
};

/**
 * "Notify me when long work ends": a system notification when a run finishes, fails or is
 * cancelled, or a job (import, backup, export) ends while this window is in the background.
 * Permission is asked for here, on the click, as browsers require.
 */
export function NotifyPanel() {
  const isOn = useUi((s) => s.isNotifyOnLongWorkEnd);
  const setOn = useUi((s) => s.setNotifyOnLongWorkEnd);
  const [access, setAccess] = useState<NotificationAccess>(notificationAccess);
  const [isAsking, setAsking] = useState(false);
  // The prompt closed with no answer ("default"): the switch went back off, and says why.
  const [wasUnanswered, setUnanswered] = useState(false);

  const toggle = async (wantsOn: boolean) => {
    if (!wantsOn) return setOn(false);
    setAsking(true);
    const granted =
      notificationAccess() === 'granted' ? 'granted' : await requestNotificationAccess();
    setAsking(false);
    setUnanswered(granted === 'default');
    setAccess(granted);
    setOn(granted === 'granted');
  };
  const sample = () =>
    showSystemNotification({
      title: 'Yardstick notifications are on',
      body: 'You will see one like this when a run or a long job ends in the background.',
      tag: 'yardstick-sample',
      target: null,
    });
  const blocked = access === 'denied' || access === 'unsupported' ? access : null;
  const isEffective = isOn && access === 'granted';

  return (
    <div className="nt-panel">
      <label className="nt-switch">
        <input
          type="checkbox"
          role="switch"
          checked={isEffective}
          disabled={isAsking}
          aria-describedby="nt-help"
          onChange={(e) => void toggle(e.target.checked)}
        />{' '}
        Notify me when long work ends
      </label>
      <p id="nt-help" className="muted">
        A system notification when a run finishes, fails or is cancelled, or an import, backup or
        export ends, while Yardstick is in the background. Clicking it opens the run or result. The
        window title shows the progress of running runs either way.
      </p>
      {isAsking && <p className="muted">Waiting for your answer to the permission prompt…</p>}
      {wasUnanswered && !isAsking && (
        <p className="muted" role="status" data-testid="notify-unanswered">
          The permission prompt closed without an answer, so notifications stay off. Turn this on
          again to be asked again.
        </p>
      )}
      {blocked && (
        <p className="nt-blocked" role="status" data-testid="notify-blocked">
          {blockedHelp[blocked]}
        </p>
      )}
      {isEffective && (
        <button type="button" onClick={sample}>
          Show a sample notification
        </button>
      )}
    </div>
  );
}
