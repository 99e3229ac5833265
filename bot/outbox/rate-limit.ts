// Sliding-window rate limits, as Teams states them (per bot per conversation: 7 a second, 8 in
// two seconds, 60 in thirty, 1,800 an hour; per app per tenant about 50 a second). Pure: the
// caller passes the time, so tests need no clock.
//
// Teams counts a call at the moment it handles it, somewhere between when the call was sent and when
// its answer came back; a slow network or a busy process can move that moment by hundreds of
// milliseconds, bunching calls sent a window apart into one of Teams' windows. So a call counts here
// from when it starts until each window has passed after it ended: whatever moment Teams counted it
// at, no window of Teams' can then hold more calls than the limit.
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

/** The wait `delay` gives while calls under way fill a window on their own: when they end is not known. */
export const UNDERWAY_RECHECK_MS = 10;

export class RateLimiter {
  /** When calls ended, per key, oldest first. */
  private readonly ended = new Map<string, number[]>();
  /** Calls started and not yet ended, per key. */
  private readonly underway = new Map<string, number>();
  private readonly longest: number;

  constructor(private readonly windows: readonly Window[]) {
    this.longest = Math.max(...windows.map((w) => w.ms));
  }

  /** How long to wait before starting a call to `key` at `now` (0: go). */
  delay(key: string, now: number): number {
    const times = this.prune(key, now);
    const open = this.underway.get(key) ?? 0;
    let wait = 0;
    for (const w of this.windows) {
      const room = w.count - open;
      if (room <= 0) {
        wait = Math.max(wait, UNDERWAY_RECHECK_MS);
        continue;
      }
      const inWindow = times.filter((t) => t > now - w.ms);
      if (inWindow.length >= room) {
        // The oldest ended call that keeps the window full has to leave it first.
        const oldest = inWindow[inWindow.length - room] ?? now;
        wait = Math.max(wait, oldest + w.ms - now);
      }
    }
    return wait;
  }

  /** A call to `key` starts: it counts until a window after `end`. */
  start(key: string): void {
    this.underway.set(key, (this.underway.get(key) ?? 0) + 1);
  }

  /** A call to `key` that started ended (answered, or failed) at `now`. */
  end(key: string, now: number): void {
    const open = this.underway.get(key) ?? 0;
    if (open <= 1) this.underway.delete(key);
    else this.underway.set(key, open - 1);
    const times = this.prune(key, now);
    let at = times.length;
    while (at > 0 && (times[at - 1] ?? 0) > now) at--; // kept in order, should the clock step back
    times.splice(at, 0, now);
    this.ended.set(key, times);
  }

  /** A call that starts and ends at `now`. */
  take(key: string, now: number): void {
    this.start(key);
    this.end(key, now);
  }

  /** The key's ended calls still within the longest window (a key with none is forgotten). */
  private prune(key: string, now: number): number[] {
    const times = (this.ended.get(key) ?? []).filter((t) => t > now - this.longest);
    if (times.length > 0) this.ended.set(key, times);
    else this.ended.delete(key);
    return times;
  }
}
