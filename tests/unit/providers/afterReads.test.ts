import { describe, expect, it } from 'vitest';
import { afterReads } from '../../../src-main/core/providers/http/afterReads';

describe('afterReads', () => {
  it('resolves in call order, a slice per turn of the event loop', async () => {
    // An immediate that re-queues itself runs once per turn of the loop: it counts the turns.
    let turn = 0;
    let counting = true;
    const count = () => {
      turn += 1;
      if (counting) setImmediate(count);
    };
    setImmediate(count);
    const order: number[] = [];
    const turns: number[] = [];
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        afterReads().then(() => {
          order.push(i);
          turns.push(turn);
        }),
      ),
    );
    counting = false;
    expect(order).toEqual(Array.from({ length: 20 }, (_, i) => i));
    const perTurn = [...new Set(turns)].map((t) => turns.filter((x) => x === t).length);
    // 20 waiting: a quarter (5), then 4 at a time, then the last 3.
    expect(perTurn).toEqual([5, 4, 4, 4, 3]);
  });

  it('never resolves in the turn that asked', async () => {
    let resolved = false;
    const done = afterReads().then(() => (resolved = true));
    await Promise.resolve();
    expect(resolved).toBe(false);
    await done;
    expect(resolved).toBe(true);
  });
});
