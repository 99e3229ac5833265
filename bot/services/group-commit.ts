// Group commit: work for one key is done one batch at a time within this process. Work that
// arrives while a batch is being written waits, and the next batch takes all of it at once.
// Fifty replies landing together on one action would otherwise all read the same version, all but
// one lose on its ETag, and start again, over and over; gathered, they are written in one or two
// transactions. A lone request is never held back: it starts its batch at once. Other instances
// are still kept apart by the ETag.

export type GroupCommit<I, R> = (key: string, item: I) => Promise<R>;

interface Waiting<I, R> {
  item: I;
  resolve(result: R): void;
  reject(err: unknown): void;
}

/** `write` gets a batch of at most `maxBatch` items and answers each, in order. */
export function groupCommit<I, R>(write: (items: I[]) => Promise<R[]>, maxBatch: number): GroupCommit<I, R> {
  const queues = new Map<string, Waiting<I, R>[]>();

  async function drain(key: string, queue: Waiting<I, R>[]): Promise<void> {
    while (queue.length > 0) {
      const batch = queue.splice(0, maxBatch);
      try {
        const results = await write(batch.map((w) => w.item));
        if (results.length !== batch.length)
          throw new Error(`a batch of ${batch.length} was answered ${results.length} times`);
        batch.forEach((w, i) => w.resolve(results[i] as R));
      } catch (err) {
        for (const w of batch) w.reject(err);
      }
    }
    queues.delete(key);
  }

  return (key, item) =>
    new Promise<R>((resolve, reject) => {
      const waiting = { item, resolve, reject };
      const queue = queues.get(key);
      if (queue) {
        queue.push(waiting);
        return;
      }
      const fresh = [waiting];
      queues.set(key, fresh);
      void drain(key, fresh);
    });
}
