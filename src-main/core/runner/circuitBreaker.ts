export type CircuitState = 'closed' | 'open' | 'half_open';

export interface CircuitBreakerOptions {
  /** Consecutive failures that open the circuit. */
  failures: number;
  /** How long it stays open before one probe request is let through. */
  cooldownMs: number;
  /** Openings without a success in between after which the provider is given up on. */
  maxOpens: number;
}

/**
 * Stops sending to a provider that keeps failing: closed → (K consecutive failures) → open for
 * a cool-down → half-open (one probe) → closed on success, open again on failure. After
 * `maxOpens` openings without a success the circuit is *tripped*: the engine fails the
 * provider's remaining cells as unavailable instead of waiting forever.
 */
export class CircuitBreaker {
  state: CircuitState = 'closed';
  private consecutiveFailures = 0;
  private opens = 0;
  private openUntil = 0;
  private probeInFlight = false;

  constructor(private readonly options: CircuitBreakerOptions) {}

  get isTripped(): boolean {
    return this.opens >= this.options.maxOpens;
  }

  /** Whether a request may be sent now (moves open → half-open after the cool-down). */
  canSend(now: number): boolean {
    if (this.state === 'closed') return true;
    if (this.isTripped) return false;
    if (this.state === 'open') {
      if (now < this.openUntil) return false;
      this.state = 'half_open';
      this.probeInFlight = false;
    }
    return !this.probeInFlight;
  }

  /** When a blocked lane should look again (null: when a request settles). */
  wakeAt(): number | null {
    return this.state === 'open' && !this.isTripped ? this.openUntil : null;
  }

  onSend() {
    if (this.state === 'half_open') this.probeInFlight = true;
  }

  onSuccess() {
    this.state = 'closed';
    this.consecutiveFailures = 0;
    this.opens = 0;
    this.probeInFlight = false;
  }

  onFailure(now: number) {
    this.consecutiveFailures += 1;
    if (
      this.state === 'half_open' ||
      (this.state === 'closed' && this.consecutiveFailures >= this.options.failures)
    ) {
      this.state = 'open';
      this.opens += 1;
      this.openUntil = now + this.options.cooldownMs;
      this.probeInFlight = false;
    }
  }
}
