import { describe, expect, it } from 'vitest';
import type { NamedLabelRow, TaskRow } from '@core/db/repos/labeling';
import { pacePerMinute, raterProgress, sessionState, taskStatus } from '@core/labeling/progress';

const task = (id: string, content: string, required = 1): TaskRow => ({
  id,
  session_id: 's',
  position: Number(id.slice(1)),
  cell_id: null,
  cell_b_id: null,
  is_swapped: 0,
  content_hash: content,
  required_ratings: required,
  payload: null,
});

const label = (
  rater: string,
  content: string,
  taskId: string | null,
  at: string,
): NamedLabelRow => ({
  id: `${rater}-${content}-${at}`,
  task_id: taskId,
  session_id: taskId ? 's' : 'other',
  rater_id: rater,
  rater,
  content_hash: content,
  scheme_hash: 'q',
  score: 3,
  choice: null,
  is_pass: null,
  note: null,
  tags: '[]',
  created_at: at,
  updated_at: at,
});

describe('session progress', () => {
  const tasks = [task('t0', 'c0'), task('t1', 'c1', 2), task('t2', 'c2'), task('t3', 'c3')];
  const labels = [
    label('ana', 'c0', 't0', '2026-01-01T10:00:00.000Z'),
    label('ana', 'c1', 't1', '2026-01-01T10:00:30.000Z'),
    label('ben', 'c2', null, '2026-01-01T09:00:00.000Z'),
    label('ana', 'c3', 'elsewhere', '2026-01-01T08:00:00.000Z'),
  ];
  const state = sessionState(tasks, labels);

  it('tells rated, inherited, complete and pending apart for each rater', () => {
    expect(tasks.map((t) => taskStatus(state, t, 'ana'))).toEqual([
      'rated',
      'rated',
      'complete',
      'inherited',
    ]);
    // Task 1 needs two raters and has one: Ben is still asked.
    expect(tasks.map((t) => taskStatus(state, t, 'ben'))).toEqual([
      'complete',
      'pending',
      'inherited',
      'complete',
    ]);
    const ben = raterProgress(state, { id: 'ben', name: 'ben' }, []);
    expect(ben).toMatchObject({
      total: 4,
      rated: 0,
      inherited: 1,
      pending: 1,
      perMinute: null,
      etaMs: null,
    });
  });

  it('measures pace over recent saves and leaves pauses out', () => {
    const times = ['10:00:00', '10:00:10', '10:00:20', '10:30:00', '10:30:10'].map(
      (t) => `2026-01-01T${t}.000Z`,
    );
    // Three 10-second intervals count; the 30-minute pause does not.
    expect(pacePerMinute(times)).toBeCloseTo(6, 10);
    expect(pacePerMinute(times.slice(0, 1))).toBeNull();
    const progress = raterProgress(state, { id: 'ben', name: 'ben' }, times);
    expect(progress.etaMs).toBeCloseTo(10_000, 6);
    expect(progress.lastSavedAt).toBe(times.at(-1));
  });
});
