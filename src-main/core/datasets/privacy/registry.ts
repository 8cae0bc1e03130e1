import { emailDetector } from './detectors/email';
import { ibanDetector } from './detectors/iban';
import { ipv4Detector, ipv6Detector } from './detectors/ipAddress';
import { ukNinoDetector, usSsnDetector } from './detectors/nationalId';
import { paymentCardDetector } from './detectors/paymentCard';
import { phoneDetector } from './detectors/phone';
import type { PiiDetector } from './types';

/**
 * Every personal-data detector, looked up by exact id. Adding one = a file in detectors/
 * and one entry here. Order matters only for overlapping matches: earlier detectors win.
 */
export const piiDetectors: readonly PiiDetector[] = registry([
  emailDetector,
  paymentCardDetector,
  ibanDetector,
  usSsnDetector,
  ukNinoDetector,
  phoneDetector,
  ipv4Detector,
  ipv6Detector,
]);

function registry(list: PiiDetector[]): readonly PiiDetector[] {
  const seen = new Set<string>();
  for (const detector of list) {
    if (seen.has(detector.id)) throw new Error(`duplicate PII detector id "${detector.id}"`);
    seen.add(detector.id);
  }
  return Object.freeze(list);
}

export function piiDetector(id: string): PiiDetector | undefined {
  return piiDetectors.find((d) => d.id === id);
}
