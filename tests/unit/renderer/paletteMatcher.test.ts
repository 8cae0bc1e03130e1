import { describe, expect, it } from 'vitest';
import { prepare, rank, score } from '../../../src-renderer/src/components/palette/fuzzy';

const names = (query: string, texts: string[], limit = 50) =>
  rank(query, texts, prepare, limit).shown;

describe('the command palette matcher', () => {
  it('matches the query’s characters in order, in any case, and nothing else', () => {
    expect(score('sptr', prepare('Support triage'))).not.toBeNull();
    expect(score('SUPPORT', prepare('support-triage'))).not.toBeNull();
    expect(score('trs', prepare('support-triage'))).toBeNull(); // no "s" after "tr…"
    expect(score('support triage!', prepare('support triage'))).toBeNull();
    // A space stands for any separator.
    expect(names('sup tri', ['support-triage'])).toEqual(['support-triage']);
    // Spaces do not count towards the length: "a b" finds "ab".
    expect(names('a b', ['ab'])).toEqual(['ab']);
    expect(names('zz', ['support', 'billing'])).toEqual([]);
  });

  it('ranks a prefix above a word start, a word start above the middle of a word', () => {
    const texts = ['retriage notes', 'support triage', 'triage v2'];
    expect(names('tria', texts)).toEqual(['triage v2', 'support triage', 'retriage notes']);
  });

  it('ranks contiguous and word-start matches above scattered ones', () => {
    // "bil" is a word start in one, scattered ("b…i…l") in the other, both contain the letters.
    expect(names('bil', ['big idle loop', 'ab initio lab', 'monthly billing'])).toEqual([
      'monthly billing',
      'big idle loop',
      'ab initio lab',
    ]);
    // Initials: the starts of words beat the same letters inside a word, run together or not.
    expect(names('st', ['best test', 'support-triage'])[0]).toBe('support-triage');
    expect(names('rv2', ['run v2', 'arrive 2'])[0]).toBe('run v2');
  });

  it('treats camelCase humps and digits after letters as word starts', () => {
    expect(names('tr', ['strange', 'supportTriage'])[0]).toBe('supportTriage');
    expect(names('2', ['x 12', 'run2'])).toEqual(['run2', 'x 12']);
  });

  it('keeps the given order between equal matches (runs stay newest first)', () => {
    const runs = ['nightly 2026-03-03', 'nightly 2026-03-02', 'nightly 2026-03-01'];
    expect(names('nightly', runs)).toEqual(runs);
    expect(names('', runs)).toEqual(runs);
  });

  it('shows at most the limit and counts the rest', () => {
    const runs = Array.from({ length: 10_000 }, (_, i) => `run ${i}`);
    const { shown, total } = rank('run 1', runs, prepare, 50);
    expect(shown).toHaveLength(50);
    expect(shown[0]).toBe('run 1');
    expect(total).toBe(runs.filter((r) => /^run 1/.test(r) || /r.*u.*n.* .*1/.test(r)).length);
  });
});
