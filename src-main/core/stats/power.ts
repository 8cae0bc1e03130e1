/**
 * How many items are needed to detect a given difference (two-sided test at level α with the
 * given power), by the normal approximations used in practice:
 * - paired pass/fail (McNemar): Connor (1987), Biometrics 43:207–211,
 *   n = [z₁₋α/₂·√ψ + z₁₋β·√(ψ − δ²)]² / δ², ψ = discordant share, δ = p₀₁ − p₁₀;
 * - independent pass rates: Fleiss, Levin & Paik (2003) eq. 4.14 without continuity correction,
 *   n per group = [z₁₋α/₂·√(2p̄q̄) + z₁₋β·√(p₁q₁ + p₂q₂)]² / δ²;
 * - paired scores: n = ((z₁₋α/₂ + z₁₋β)·σ_d / δ)².
 * Results are rounded up to whole items.
 */
import { normalCdf, normalQuantile } from './normal';

export interface PowerOptions {
  alpha?: number;
  power?: number;
}

function zs(options: PowerOptions) {
  return {
    za: normalQuantile(1 - (options.alpha ?? 0.05) / 2),
    zb: normalQuantile(options.power ?? 0.8),
  };
}

export function sampleSizePairedProportions(
  input: { discordantShare: number; difference: number } & PowerOptions,
): number {
  const { za, zb } = zs(input);
  const psi = input.discordantShare;
  const delta = Math.abs(input.difference);
  if (!(delta > 0) || psi <= delta * delta || psi > 1) {
    throw new Error('need 0 < |difference| and difference² < discordant share ≤ 1');
  }
  return Math.ceil(
    (za * Math.sqrt(psi) + zb * Math.sqrt(psi - delta * delta)) ** 2 / (delta * delta),
  );
}

export function sampleSizeTwoProportions(
  input: { baseline: number; candidate: number } & PowerOptions,
): number {
  const { za, zb } = zs(input);
  const p1 = input.baseline;
  const p2 = input.candidate;
  const delta = Math.abs(p2 - p1);
  if (!(delta > 0)) throw new Error('the two pass rates must differ');
  const pBar = (p1 + p2) / 2;
  const n =
    (za * Math.sqrt(2 * pBar * (1 - pBar)) + zb * Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2))) ** 2 /
    (delta * delta);
  return Math.ceil(n);
}

export function sampleSizePairedMeans(
  input: { sdDifference: number; difference: number } & PowerOptions,
): number {
  const { za, zb } = zs(input);
  const delta = Math.abs(input.difference);
  if (!(delta > 0) || !(input.sdDifference > 0))
    throw new Error('difference and sdDifference must be positive');
  return Math.ceil((((za + zb) * input.sdDifference) / delta) ** 2);
}

/** Power of the paired pass/fail comparison with n items (Connor 1987, inverted). */
export function powerPairedProportions(input: {
  n: number;
  discordantShare: number;
  difference: number;
  alpha?: number;
}): number {
  const za = normalQuantile(1 - (input.alpha ?? 0.05) / 2);
  const psi = input.discordantShare;
  const delta = Math.abs(input.difference);
  const zb = (Math.sqrt(input.n) * delta - za * Math.sqrt(psi)) / Math.sqrt(psi - delta * delta);
  return normalCdf(zb);
}
