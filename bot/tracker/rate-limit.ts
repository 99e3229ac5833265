// Sliding-window rate limits, as Teams states them (per bot per conversation: 7 a second, 8 in
// two seconds, 60 in thirty, 1,800 an hour; per app per tenant about 50 a second). Pure: the
// caller passes the time, so tests need no clock.
export interface Window {
  count: number;
  ms: number;
}

export const TEAMS_CONVERSATION_LIMITS: readonly Window[] = [
  { count: 7, ms: 1_000 },
  { count: 8, ms: 2_000 },
  { count: 60, ms: 30_000 },
  { count: 1_800, ms: 3_600_000 },
];

export class RateLimiter {
  private readonly sent = new Map<string, number[]>();
  private readonly longest: number;

  constructor(private readonly windows: readonly Window[]) {
    this.longest = Math.max(...windows.map((w) => w.ms));
  }

  /** How long to wait before sending to `key` at `now` (0: go). */
  delay(key: string, now: number): number {
    const times = this.prune(key, now);
    let wait = 0;
    for (const w of this.windows) {
      const inWindow = times.filter((t) => t > now - w.ms);
      if (inWindow.length >= w.count) {
        // The oldest send that keeps the window full has to leave it first.
        const oldest = inWindow[inWindow.length - w.count] ?? now;
        wait = Math.max(wait, oldest + w.ms - now);
      }
    }
    return wait;
  }

  /** Takes a slot at `now`. */
  take(key: string, now: number): void {
    this.prune(key, now).push(now);
  }

  private prune(key: string, now: number): number[] {
    const times = (this.sent.get(key) ?? []).filter((t) => t > now - this.longest);
    this.sent.set(key, times);
    return times;
  }
}
