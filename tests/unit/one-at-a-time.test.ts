import { describe, expect, it } from 'vitest';
import { oneAtATime } from '../../bot/services/one-at-a-time.ts';

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('oneAtATime', () => {
  it('runs work on one key in the order it came, never two at once', async () => {
    const inTurn = oneAtATime();
    const log: string[] = [];
    let running = 0;
    let most = 0;
    const job = (name: string, ms: number) => inTurn('a', async () => {
      running++;
      most = Math.max(most, running);
      log.push(`start ${name}`);
      await tick(ms);
      log.push(`end ${name}`);
      running--;
      return name;
    });
    const results = await Promise.all([job('1', 20), job('2', 1), job('3', 5)]);
    expect(results).toEqual(['1', '2', '3']);
    expect(most).toBe(1);
    expect(log).toEqual(['start 1', 'end 1', 'start 2', 'end 2', 'start 3', 'end 3']);
  });

  it('lets different keys run together', async () => {
    const inTurn = oneAtATime();
    let running = 0;
    let most = 0;
    const job = (key: string) => inTurn(key, async () => {
      running++;
      most = Math.max(most, running);
      await tick(10);
      running--;
    });
    await Promise.all([job('a'), job('b'), job('c')]);
    expect(most).toBe(3);
  });

  it('a failure reaches its own caller and does not stop the queue', async () => {
    const inTurn = oneAtATime();
    const failing = inTurn('a', async () => {
      await tick(5);
      throw new Error('storage down');
    });
    const next = inTurn('a', async () => 'saved');
    await expect(failing).rejects.toThrow('storage down');
    await expect(next).resolves.toBe('saved');
  });
});
