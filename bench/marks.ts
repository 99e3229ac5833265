// Marks on the CPU profiler's clock (process.hrtime reads the same monotonic clock as V8's samples),
// so `npm run bench -- profile reply` counts each phase of a benchmark apart from start-up and seeding.
import { appendFileSync } from 'node:fs';

/** The start of a phase named `name` ('end' closes the last); written only when profiling. */
export function mark(name: string): void {
  const file = process.env.BENCH_MARKS;
  if (file) appendFileSync(file, `${name}\t${process.hrtime.bigint() / 1000n}\n`);
}
