import { describe, expect, it } from 'vitest';
import { ComputeGate, defaultLocalThreads } from '@core/providers/local/llamaRuntime';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('in-process model compute gate', () => {
  it('lets one context compute at a time, its own completions together, in arrival order', async () => {
    const gate = new ComputeGate();
    const first = {};
    const second = {};
    const order: string[] = [];
    await gate.enter(first);
    order.push('first a');
    const secondIn = gate.enter(second).then(() => order.push('second'));
    // A context already computing does not jump ahead of one that is waiting.
    const firstAgain = gate.enter(first).then(() => order.push('first b'));
    await tick();
    expect(order).toEqual(['first a']);
    gate.leave();
    await tick();
    expect(order).toEqual(['first a', 'second']);
    gate.leave();
    await firstAgain;
    expect(order).toEqual(['first a', 'second', 'first b']);
    await secondIn;
  });

  it('admits every waiting completion of the next context at once', async () => {
    const gate = new ComputeGate();
    const [a, b] = [{}, {}];
    await gate.enter(a);
    let admitted = 0;
    const waiting = [gate.enter(b), gate.enter(b)].map((p) => p.then(() => admitted++));
    gate.leave();
    await Promise.all(waiting);
    expect(admitted).toBe(2);
  });

  it('gives up waiting when the request is aborted, and lets the next one in', async () => {
    const gate = new ComputeGate();
    const [a, b, c] = [{}, {}, {}];
    await gate.enter(a);
    const controller = new AbortController();
    const aborted = gate.enter(b, controller.signal);
    const later = gate.enter(c);
    controller.abort(new Error('timed out'));
    await expect(aborted).rejects.toThrow('timed out');
    gate.leave();
    await expect(later).resolves.toBeUndefined();
  });

  it('leaves a core free for the rest of the app by default', () => {
    expect([1, 2, 8].map((cores) => defaultLocalThreads(cores))).toEqual([1, 1, 7]);
  });
});
