// Table Storage's own limits, checked before a write so a too-large value is a clear error
// naming the field, not a 400 from the service after part of the work is done.
export const MAX_STRING_CHARS = 32_000; // 64 KiB a property, strings are UTF-16
export const MAX_ENTITY_BYTES = 1_000_000; // 1 MiB an entity, with room for system properties
export const MAX_PROPERTIES = 252;
/** An entity-group transaction: at most 100 operations and 4 MiB (with room for its envelope). */
export const MAX_TRANSACTION_OPERATIONS = 100;
export const MAX_TRANSACTION_BYTES = 3_500_000;

export class StorageLimitError extends Error {
  override name = 'StorageLimitError';
}

/** Rough serialized size in the service's terms: UTF-16 strings, 8 bytes for numbers. */
function sizeOf(value: unknown): number {
  if (typeof value === 'string') return value.length * 2;
  if (typeof value === 'number' || typeof value === 'boolean') return 8;
  return 0;
}

/** The entity's rough size in the service's terms. */
export function entityBytes(entity: Record<string, unknown>): number {
  return Object.entries(entity).reduce((total, [name, value]) => total + name.length * 2 + sizeOf(value), 0);
}

export function assertEntityFits(entity: Record<string, unknown>): void {
  const names = Object.keys(entity);
  if (names.length > MAX_PROPERTIES) throw new StorageLimitError(`too many properties (${names.length})`);
  for (const name of names) {
    const value = entity[name];
    if (typeof value === 'string' && value.length > MAX_STRING_CHARS) {
      throw new StorageLimitError(`${name} is ${value.length} characters; at most ${MAX_STRING_CHARS} can be stored`);
    }
  }
  const total = entityBytes(entity);
  if (total > MAX_ENTITY_BYTES)
    throw new StorageLimitError(`record is ${total} bytes; at most ${MAX_ENTITY_BYTES} can be stored`);
}
