import { describe, expect, it } from 'vitest';
import { RateLimiter, TEAMS_CONVERSATION_LIMITS, UNDERWAY_RECHECK_MS } from '../../bot/outbox/rate-limit.ts';

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

  it('counts a call from its start until a window after it ended', () => {
    const limiter = new RateLimiter([{ count: 2, ms: 1_000 }]);
    limiter.start('a');
    limiter.start('a');
    // Both under way: when they end is not known, so look again shortly.
    expect(limiter.delay('a', 0)).toBe(UNDERWAY_RECHECK_MS);
    limiter.end('a', 300);
    // One still under way, one ended at 300: the next may start once that one has left the window.
    expect(limiter.delay('a', 300)).toBe(1_000);
    limiter.end('a', 500);
    expect(limiter.delay('a', 500)).toBe(800);
    expect(limiter.delay('a', 1_299)).toBe(1);
    expect(limiter.delay('a', 1_300)).toBe(0);
  });

  it('keeps any window of the receiver within the limit, however late within each call the receiver counts it', () => {
    // Calls as fast as the limiter allows, each answered after a latency that varies a great deal;
    // the receiver counts each at some moment between its start and its answer (seeded, repeatable).
    let seed = 7;
    const random = (): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const windows = [{ count: 5, ms: 1_000 }];
    const limiter = new RateLimiter(windows);
    const underway: Array<{ ends: number }> = [];
    const counted: number[] = [];
    let now = 0;
    while (counted.length < 300) {
      for (const call of underway.filter((c) => c.ends <= now)) {
        limiter.end('t', call.ends);
        underway.splice(underway.indexOf(call), 1);
      }
      const wait = limiter.delay('t', now);
      if (wait > 0) {
        now += Math.min(wait, ...underway.map((c) => c.ends - now).filter((d) => d > 0));
        continue;
      }
      limiter.start('t');
      const latency = random() < 0.2 ? 200 + random() * 600 : random() * 30;
      underway.push({ ends: now + latency });
      counted.push(now + random() * latency);
    }
    counted.sort((x, y) => x - y);
    for (const t of counted) expect(counted.filter((c) => c > t - 1_000 && c <= t).length).toBeLessThanOrEqual(5);
  });
});
