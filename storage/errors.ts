// The few storage failures callers act on, told apart by HTTP status (the SDK's RestError).

export function statusOf(err: unknown): number | undefined {
  if (typeof err === 'object' && err !== null && 'statusCode' in err) {
    const code = (err as { statusCode: unknown }).statusCode;
    return typeof code === 'number' ? code : undefined;
  }
  return undefined;
}

/** 412: the ETag no longer matches, someone else changed the record first. */
export const isConflict = (err: unknown): boolean => statusOf(err) === 412;
/** 409: the record already exists. */
export const isAlreadyExists = (err: unknown): boolean => statusOf(err) === 409;
/** 404: no such record. */
export const isNotFound = (err: unknown): boolean => statusOf(err) === 404;

/** Raised when a change still conflicts after every retry on fresh data. */
export class ConcurrentChangeError extends Error {
  override name = 'ConcurrentChangeError';
}
