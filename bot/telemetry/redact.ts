// The one place spans are scrubbed before they leave the process. The tracker's own code never puts
// a token, a person's words or an id on a span (bot/telemetry/spans.ts takes bounded facts only), and
// the HTTP instrumentation is told to record no headers (start.ts); this processor is the safety net
// for what libraries record by themselves: URLs with their query strings (a document link's `sig=`),
// path segments naming people (Teams member and conversation ids, a directory email in a table key),
// and error messages, which can quote anything. It runs before the exporter's processor, which
// reads the same span objects (useAzureMonitor puts the given processors ahead of its own). It also
// keeps the telemetry SDK's own calls (sending telemetry, reading its settings) out of what is sent.
import { TraceFlags, type Context } from '@opentelemetry/api';
import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { redact } from '../log.ts';

type Attributes = Record<string, unknown>;

/** Attributes that hold a URL or its path: kept without their query and with people's ids masked. */
const URL_KEYS = new Set(['url.full', 'http.url', 'http.target', 'url.path']);
/** Attributes dropped: an error's message can quote a person's words; headers carry tokens. */
const DROPPED = /^(url\.query|exception\.message|http\.(request|response)\.header\..*)$/;

/** The telemetry SDK's own endpoints: ingestion (and its retries from disk), settings, live metrics. */
const OWN_CALLS = /\/v2(\.1)?\/track\b|\.monitor\.azure\.com\/|\/QuickPulseService\.svc\//;

/** A URL as telemetry may keep it: no query string, and no path segment that names a person or a conversation. */
export function scrubUrl(url: string): string {
  return (
    url
      .replace(/[?#].*$/s, '')
      // Teams: /v3/conversations/{conversation}/activities/{activity}, /members/{member}
      .replace(/\/(conversations|activities|members)\/[^/]+/g, '/$1/{id}')
      // Table Storage: /table(PartitionKey='...',RowKey='...'), whose keys can hold an email
      .replace(/\(PartitionKey=[^)]*\)/g, '({keys})')
  );
}

/** The first line of a stack is the error's own message: only the frames are kept. */
const framesOnly = (stack: string): string =>
  stack
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .join('\n');

export function scrubAttributes(attributes: Attributes | undefined): void {
  if (!attributes) return;
  for (const [key, value] of Object.entries(attributes)) {
    if (DROPPED.test(key)) Reflect.deleteProperty(attributes, key);
    else if (key === 'exception.stacktrace' && typeof value === 'string') attributes[key] = framesOnly(value);
    else if (URL_KEYS.has(key) && typeof value === 'string') attributes[key] = scrubUrl(value);
    else attributes[key] = (redact({ [key]: value }) as Attributes)[key];
  }
}

export class RedactingSpanProcessor implements SpanProcessor {
  onStart(_span: Span, _context: Context): void {}

  onEnd(span: ReadableSpan): void {
    // Not exported, as Microsoft's docs filter a span: its trace flags say it was not sampled.
    if (OWN_CALLS.test(String(span.attributes['url.full'] ?? span.attributes['http.url'] ?? '')))
      span.spanContext().traceFlags = TraceFlags.NONE;
    scrubAttributes(span.attributes as Attributes);
    for (const event of span.events) scrubAttributes(event.attributes as Attributes | undefined);
    // A status message is an error's message: the code says it failed, the exception event says with what.
    if (span.status.message !== undefined) (span.status as { message?: string }).message = undefined;
  }

  async forceFlush(): Promise<void> {}

  async shutdown(): Promise<void> {}
}
