import { describe, expect, it } from 'vitest';
import { groupCommit } from '../../bot/services/group-commit.ts';

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('groupCommit', () => {
  it('starts a lone item at once, then writes what arrived meanwhile as one batch, in order', async () => {
    const batches: number[][] = [];
    let running = 0;
    let most = 0;
    const commit = groupCommit<number, string>(async (items) => {
      running++;
      most = Math.max(most, running);
      batches.push(items);
      await tick(20);
      running--;
      return items.map((i) => `saved ${i}`);
    }, 10);
    const first = commit('a', 1);
    await tick(5);
    const rest = [2, 3, 4, 5].map((i) => commit('a', i));
    expect(await Promise.all([first, ...rest])).toEqual(['saved 1', 'saved 2', 'saved 3', 'saved 4', 'saved 5']);
    expect(batches).toEqual([[1], [2, 3, 4, 5]]);
    expect(most).toBe(1);
  });

  it('never puts more than maxBatch items in a batch', async () => {
    const sizes: number[] = [];
    const commit = groupCommit<number, number>(async (items) => {
      sizes.push(items.length);
      await tick(5);
      return items;
    }, 3);
    const all = Array.from({ length: 10 }, (_, i) => commit('a', i));
    expect(await Promise.all(all)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(sizes).toEqual([1, 3, 3, 3]);
  });

  it('writes different keys side by side', async () => {
    let running = 0;
    let most = 0;
    const commit = groupCommit<string, string>(async (items) => {
      running++;
      most = Math.max(most, running);
      await tick(10);
      running--;
      return items;
    }, 10);
    await Promise.all([commit('a', 'x'), commit('b', 'y'), commit('c', 'z')]);
    expect(most).toBe(3);
  });

  it('a failed batch fails its own items only; the next batch is still written', async () => {
    let calls = 0;
    const commit = groupCommit<string, string>(async (items) => {
      calls++;
      await tick(5);
      if (items.includes('bad')) throw new Error('storage down');
      return items;
    }, 10);
    const bad = commit('a', 'bad');
    const good = commit('a', 'good');
    await expect(bad).rejects.toThrow('storage down');
    await expect(good).resolves.toBe('good');
    expect(calls).toBe(2);
  });

  it('a batch answered with the wrong number of results fails rather than answering someone wrongly', async () => {
    const commit = groupCommit<string, string>(async () => [], 10);
    await expect(commit('a', 'x')).rejects.toThrow('a batch of 1 was answered 0 times');
  });
});
