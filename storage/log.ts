/** Structured, one-line logging for storage events; the caller decides where lines go. */
export type StorageLog = (event: string, fields?: Record<string, unknown>) => void;
