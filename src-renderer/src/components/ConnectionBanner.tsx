import { useEffect, useState, useSyncExternalStore } from 'react';
import { connection } from '../api/client';
import type { ConnectionState } from '../api/connection';
import './ConnectionBanner.css';

/** Whole seconds until `at`, re-read four times a second (so each second shows on time). */
function useSecondsUntil(at: number | null): number | null {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (at === null) return;
    const tick = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(tick);
  }, [at]);
  return at === null ? null : Math.max(0, Math.ceil((at - now) / 1000));
}

function Reconnecting({ nextAttemptAt }: { nextAttemptAt: number | null }) {
  const seconds = useSecondsUntil(nextAttemptAt);
  return (
    <div
      className="connection-banner connection-lost"
      role="status"
      data-testid="connection-banner"
    >
      <span>
        <strong>Lost the connection to Yardstick</strong>
        {/* The countdown changes every second: screen readers get the sentence once. */}
        <span aria-hidden="true">
          {' '}
          — {seconds === null || seconds === 0 ? 'retrying now…' : `retrying in ${seconds} s`}
        </span>
        <span className="visually-hidden"> — retrying on its own</span>
      </span>
      <button type="button" onClick={() => connection.retryNow()} disabled={seconds === null}>
        Retry now
      </button>
    </div>
  );
}

function Refused() {
  return (
    <div
      className="connection-banner connection-refused"
      role="alert"
      data-testid="connection-banner"
    >
      <span>
        <strong>Yardstick was restarted:</strong> open the new address it printed (the old
        link&apos;s token no longer works).
      </span>
    </div>
  );
}

/**
 * Browser mode only: says when the server cannot be reached or no longer accepts this page's
 * token, and goes away once the connection is back (stores then re-read what they missed).
 */
export function ConnectionBanner() {
  const state: ConnectionState = useSyncExternalStore(connection.subscribe, connection.state);
  if (state.status === 'reconnecting') return <Reconnecting nextAttemptAt={state.nextAttemptAt} />;
  if (state.status === 'refused') return <Refused />;
  return null;
}
