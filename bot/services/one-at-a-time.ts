// Work on one key at a time within this process. Replies that land together on one action would
// otherwise all read the same version and all but one lose on its ETag and start again, over and
// over; queued, each reads what the one before wrote and saves at its first try. Other instances
// are still kept apart by the ETag.

export type OneAtATime = <T>(key: string, work: () => Promise<T>) => Promise<T>;

export function oneAtATime(): OneAtATime {
  const tails = new Map<string, Promise<unknown>>();
  return async (key, work) => {
    const before = tails.get(key) ?? Promise.resolve();
    const mine = before.then(work, work);
    const tail = mine.catch(() => undefined);
    tails.set(key, tail);
    try {
      return await mine;
    } finally {
      // The last in the queue clears it, so the map holds only keys being worked on.
      if (tails.get(key) === tail) tails.delete(key);
    }
  };
}
