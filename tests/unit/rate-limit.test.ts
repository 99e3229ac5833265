import { describe, expect, it } from 'vitest';
import { RateLimiter, TEAMS_CONVERSATION_LIMITS } from '../../bot/tracker/rate-limit.ts';

/** Sends as fast as the limiter allows; returns the send times. */
function schedule(limiter: RateLimiter, key: string, n: number): number[] {
  const times: number[] = [];
  let now = 0;
  for (let i = 0; i < n; i++) {
    now += limiter.delay(key, now);
    limiter.take(key, now);
    times.push(now);
  }
  return times;
}

const countIn = (times: number[], from: number, ms: number) => times.filter((t) => t >= from && t < from + ms).length;

describe('RateLimiter', () => {
  it('never exceeds any of Teams’ per-conversation windows', () => {
    const times = schedule(new RateLimiter(TEAMS_CONVERSATION_LIMITS), 'c', 200);
    for (const t of times) {
      expect(countIn(times, t, 1_000)).toBeLessThanOrEqual(7);
      expect(countIn(times, t, 2_000)).toBeLessThanOrEqual(8);
      expect(countIn(times, t, 30_000)).toBeLessThanOrEqual(60);
    }
    // ...and goes as fast as they allow: 60 in the first 30 s.
    expect(countIn(times, 0, 30_000)).toBe(60);
  });

  it('keeps keys apart', () => {
    const limiter = new RateLimiter([{ count: 2, ms: 1_000 }]);
    limiter.take('a', 0);
    limiter.take('a', 0);
    expect(limiter.delay('a', 0)).toBe(1_000);
    expect(limiter.delay('b', 0)).toBe(0);
    expect(limiter.delay('a', 999)).toBe(1);
  });
});
