// Structured logs: one JSON line an event on stdout. Anything that looks like a credential is
// replaced before it is written, wherever it sits in the fields.
import type { StorageLog } from '../storage/log.ts';

export type Level = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };
const SECRET_KEY = /token|secret|password|authorization|accountkey|connectionstring|sig$/i;
const SECRET_VALUE = /(AccountKey|SharedAccessSignature|sig|Bearer)[=\s][^;&\s"]+/gi;
// A JWT anywhere (a token pasted into a message, or quoted by an error): header.payload.signature.
const JWT = /\beyJ[\w-]+\.[\w-]+\.[\w-]*/g;

export interface Logger {
  debug(event: string, fields?: Record<string, unknown>): void;
  info(event: string, fields?: Record<string, unknown>): void;
  warn(event: string, fields?: Record<string, unknown>): void;
  error(event: string, fields?: Record<string, unknown>): void;
  /** The same logger as a storage callback (storage knows nothing of levels). */
  storage: StorageLog;
}

export function redact(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return value.replace(SECRET_VALUE, '$1=[redacted]').replace(JWT, '[redacted]');
  if (value instanceof Error)
    return {
      name: value.name,
      message: redact(value.message),
      ...('statusCode' in value ? { statusCode: value.statusCode } : {}),
    };
  if (depth > 4 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, SECRET_KEY.test(k) ? '[redacted]' : redact(v, depth + 1)]),
  );
}

export function createLogger(
  level: Level = 'info',
  write: (line: string) => void = (l) => process.stdout.write(l + '\n'),
): Logger {
  const emit =
    (at: Level) =>
    (event: string, fields: Record<string, unknown> = {}): void => {
      if (ORDER[at] < ORDER[level]) return;
      write(
        JSON.stringify({
          time: new Date().toISOString(),
          level: at,
          event,
          ...(redact(fields) as Record<string, unknown>),
        }),
      );
    };
  const logger = { debug: emit('debug'), info: emit('info'), warn: emit('warn'), error: emit('error') };
  // Storage names its events; those about failure are warnings.
  return {
    ...logger,
    storage: (event, fields) => (/unavailable|failed/.test(event) ? logger.warn : logger.info)(event, fields),
  };
}
