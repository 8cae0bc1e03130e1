import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DatasetItem, DeriveOutcome, PiiScanSummary } from '@contract/index';
import type { Core } from '@core/host';
import { ApiError } from '@core/apiError';
import { sql } from '@core/db/sql';
import { assertPrivacyAllows } from '@core/datasets/privacyGuard';
import { emailDetector } from '@core/datasets/privacy/detectors/email';
import { ibanDetector, ibanValid } from '@core/datasets/privacy/detectors/iban';
import { ipv4Detector, ipv6Detector } from '@core/datasets/privacy/detectors/ipAddress';
import { ukNinoDetector, usSsnDetector } from '@core/datasets/privacy/detectors/nationalId';
import { luhnValid, paymentCardDetector } from '@core/datasets/privacy/detectors/paymentCard';
import { phoneDetector } from '@core/datasets/privacy/detectors/phone';
import { piiDetectors } from '@core/datasets/privacy/registry';
import { redactItemFields, redactText } from '@core/datasets/privacy/redact';
import { maskValue, scanItem } from '@core/datasets/privacy/scan';
import type { PiiDetector } from '@core/datasets/privacy/types';
import { writeFrozenVersion } from '@core/datasets/versionWriter';
import { call, openTestCore, resourcesDir } from '../../support/core';
import { useTempDir } from '../../support/tempDir';
import { runJob } from './jobHelpers';

function found(detector: PiiDetector, text: string): string[] {
  return detector.find(text).map((m) => text.slice(m.start, m.end));
}

describe('personal-data detectors', () => {
  it('find emails', () => {
    expect(found(emailDetector, 'mail j.weber@example.net or ap-invoices@example.org.')).toEqual([
      'j.weber@example.net',
      'ap-invoices@example.org',
    ]);
    expect(found(emailDetector, 'user@localhost and @handle')).toEqual([]);
  });

  it('find card numbers only when the Luhn check passes', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
    expect(
      found(
        paymentCardDetector,
        'Visa 4111 1111 1111 1111, MC 5555-5555-5555-4444, Amex 378282246310005',
      ),
    ).toEqual(['4111 1111 1111 1111', '5555-5555-5555-4444', '378282246310005']);
    expect(found(paymentCardDetector, 'order 4111 1111 1111 1112 and id 1234567890123')).toEqual(
      [],
    );
  });

  it('find IBANs only when the mod-97 check passes', () => {
    expect(ibanValid('DE89370400440532013000')).toBe(true);
    expect(ibanValid('DE89370400440532013001')).toBe(false);
    expect(found(ibanDetector, 'IBAN: DE89 3704 0044 0532 0130 00\nBIC: COBADEFFXXX')).toEqual([
      'DE89 3704 0044 0532 0130 00',
    ]);
    expect(
      found(ibanDetector, 'GB82 WEST 1234 5698 7654 32 and GB82 WEST 1234 5698 7654 33'),
    ).toEqual(['GB82 WEST 1234 5698 7654 32']);
  });

  it('find IP addresses but not versions, times or loopback', () => {
    expect(
      found(ipv4Detector, 'proxy 198.51.100.23:8080, client 4.12.3, 1.2.3.4.5, 127.0.0.1'),
    ).toEqual(['198.51.100.23']);
    expect(
      found(
        ipv6Detector,
        'from 2001:db8::8a2e:370:7334 at 10:30:00 via ::1 and fe80::1ff:fe23:4567:890a',
      ),
    ).toEqual(['2001:db8::8a2e:370:7334', 'fe80::1ff:fe23:4567:890a']);
  });

  it('find phone numbers in international, North American and UK forms, not arithmetic', () => {
    expect(
      found(
        phoneDetector,
        'Handy +49 151 23456789, (614) 555-0148, 07700 900123, +39 347 123 4567',
      ),
    ).toEqual(['+49 151 23456789', '(614) 555-0148', '07700 900123', '+39 347 123 4567']);
    expect(found(phoneDetector, '$6000 - $600 = 600-150-1200, year 2024, 12-34-56')).toEqual([]);
  });

  it('find US SSNs and UK National Insurance numbers', () => {
    expect(found(usSsnDetector, 'SSN: 078-05-1120; not 000-12-3456 or 666-12-3456')).toEqual([
      '078-05-1120',
    ]);
    expect(
      found(ukNinoDetector, 'NI AB 12 34 56 C, JG103759A, not GB123456A nor QQ123456A'),
    ).toEqual(['AB 12 34 56 C', 'JG103759A']);
  });

  it('are a registry with unique ids, and redaction replaces what they find', () => {
    expect(new Set(piiDetectors.map((d) => d.id)).size).toBe(piiDetectors.length);
    expect(redactText('Call +1 415 555 0199 or mail a@example.com')).toBe(
      'Call [PHONE] or mail [EMAIL]',
    );
    const messages = JSON.stringify([
      { role: 'user', content: 'card 4111 1111 1111 1111 "quoted"' },
    ]);
    const redacted = redactItemFields({
      inputFormat: 'messages',
      input: messages,
      reference: null,
      metadata: { note: 'ip 203.0.113.45' },
    });
    expect(JSON.parse(redacted.input)).toEqual([{ role: 'user', content: 'card [CARD] "quoted"' }]);
    expect(redacted.metadata).toEqual({ note: 'ip [IP]' });
  });

  it('report findings by field with a masked preview, never the value', () => {
    const findings = scanItem({
      input: 'mail jonas.weber@example.com',
      reference: null,
      metadata: { contact: { phone: '+49 30 12345678' } },
    });
    expect(findings).toEqual([
      { detector: 'email', field: 'input', start: 5, end: 28, preview: 'j***@example.com' },
      {
        detector: 'phone',
        field: 'metadata.contact.phone',
        start: 0,
        end: 15,
        preview: '+** ** ******78',
      },
    ]);
    expect(maskValue('us_ssn', '078-05-1120')).toBe('***-**-**20');
  });

  it('flag the tickets of the bundled example that are tagged pii, and no others', () => {
    const tickets = readFileSync(join(resourcesDir, 'examples/support/tickets.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map(
        (line) =>
          JSON.parse(line) as {
            id: string;
            input: string;
            reference: string;
            tags: string[];
            metadata: Record<string, unknown>;
          },
      );
    const flagged = tickets.filter((t) => scanItem(t).length > 0).map((t) => t.id);
    const tagged = tickets.filter((t) => t.tags.includes('pii')).map((t) => t.id);
    expect(tagged).toHaveLength(23);
    // Every flagged ticket is a tagged one; the one missed (T0041) holds only a street address.
    expect(flagged.filter((id) => !tagged.includes(id))).toEqual([]);
    expect(tagged.filter((id) => !flagged.includes(id))).toEqual(['T0041']);
  });
});

describe('privacy guard', () => {
  const tempDir = useTempDir();
  let core: Core;
  afterEach(() => core.close());

  const cloud = [{ label: 'openai-prod', isLocal: false }];
  const local = [{ label: 'llama.cpp on 127.0.0.1', isLocal: true }];

  function example() {
    core = openTestCore(tempDir(), { seedExamples: true });
    const [dataset] = core.context.repos.datasets.list();
    if (!dataset?.latestVersion) throw new Error('no example dataset');
    return { dataset, versionId: dataset.latestVersion.id };
  }

  it('detects the bundled example as personal when the workspace is seeded', async () => {
    const { dataset, versionId } = example();
    expect(dataset).toMatchObject({ name: 'support-tickets', isPersonal: true, allowCloud: false });
    const pii = await call<{ scan: PiiScanSummary }>(core, 'datasets.pii', { versionId });
    expect(pii.scan).toMatchObject({ itemCount: 150, flaggedCount: 22 });
  });

  it('refuses a run of a personal dataset against a cloud provider, with a message saying how to allow it', () => {
    const { versionId } = example();
    let error: unknown;
    try {
      assertPrivacyAllows(core.context, versionId, [...local, ...cloud]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('refused');
    expect((error as ApiError).message).toMatch(
      /^Dataset "support-tickets" \(version 1\) holds personal data \(22 items flagged by the privacy scan\)/,
    );
    expect((error as ApiError).message).toContain('non-local providers: openai-prod');
    expect((error as ApiError).message).toContain(
      'yardstick datasets allow-cloud "support-tickets"',
    );
  });

  it('lets a run against loopback providers proceed', () => {
    const { versionId } = example();
    expect(() => assertPrivacyAllows(core.context, versionId, local)).not.toThrow();
  });

  it('lets a cloud run proceed once the user allows it for that dataset, and refuses again when revoked', async () => {
    const { dataset, versionId } = example();
    await call(core, 'datasets.setPolicy', { datasetId: dataset.id, allowCloud: true });
    expect(() => assertPrivacyAllows(core.context, versionId, cloud)).not.toThrow();
    await call(core, 'datasets.setPolicy', { datasetId: dataset.id, allowCloud: false });
    expect(() => assertPrivacyAllows(core.context, versionId, cloud)).toThrow(/personal data/);
  });

  it('refuses a dataset the user marked personal even when scans find nothing', async () => {
    core = openTestCore(tempDir());
    const v = writeFrozenVersion(core.context.db, core.context.repos.datasets, {
      datasetName: 'plain',
      source: {},
      items: [{ key: 'a', input: 'What is 2+2?', reference: '4', category: null, groupId: null }],
    });
    expect(() => assertPrivacyAllows(core.context, v.versionId, cloud)).not.toThrow();
    await call(core, 'datasets.setPolicy', { datasetId: v.datasetId, markedPersonal: true });
    expect(() => assertPrivacyAllows(core.context, v.versionId, cloud)).toThrow(
      /is marked as holding personal data/,
    );
  });

  it('scans a version written before scans existed, instead of assuming it is clean', () => {
    core = openTestCore(tempDir());
    const v = writeFrozenVersion(core.context.db, core.context.repos.datasets, {
      datasetName: 'old',
      source: {},
      items: [
        {
          key: 'a',
          input: 'reach me at old@example.com',
          reference: null,
          category: null,
          groupId: null,
          hasPersonalData: false,
        },
      ],
    });
    core.context.db.run(sql`DELETE FROM pii_scans WHERE version_id = ${v.versionId}`);
    expect(() => assertPrivacyAllows(core.context, v.versionId, cloud)).toThrow(/1 item flagged/);
  });

  it('redacts into a new version whose parent is recorded and which the guard lets through', async () => {
    const { versionId } = example();
    const { value } = await runJob<'derive'>(core, 'datasets.derive', {
      sourceVersionId: versionId,
      operation: { kind: 'redact' },
    });
    const outcome = value as DeriveOutcome;
    expect(outcome.written).toMatchObject({ version: 2, itemCount: 150 });
    const redactedId = outcome.written?.versionId ?? '';
    const info = await call<{ parentId: string; hasPersonalData: boolean }>(
      core,
      'datasets.version',
      { versionId: redactedId },
    );
    expect(info).toMatchObject({ parentId: versionId, hasPersonalData: false });
    expect(() => assertPrivacyAllows(core.context, redactedId, cloud)).not.toThrow();
    const { items } = await call<{ items: DatasetItem[] }>(core, 'datasets.items', {
      versionId: redactedId,
      page: { offset: 0, limit: 150 },
    });
    const card = items.find((i) => i.key === 'T0132');
    expect(card?.input).toContain('Visa [CARD]');
    const rescan = await runJob<'pii-scan'>(core, 'datasets.scanPii', { versionId: redactedId });
    expect(rescan.value).toMatchObject({ flaggedCount: 0, findingCount: 0 });
  });
});
