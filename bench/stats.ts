export interface Stats {
  n: number;
  median: number;
  p95: number;
}
export function stats(xs: number[]): Stats {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number): number => s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] ?? NaN;
  return { n: s.length, median: at(0.5), p95: at(0.95) };
}
export const ms = (x: number): string => `${x.toFixed(x < 10 ? 2 : 1)} ms`;
export const verdict = (ok: boolean): string => (ok ? 'PASS' : 'MISS');
