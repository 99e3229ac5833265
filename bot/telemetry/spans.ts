// The tracker's own spans and events, through the OpenTelemetry API alone: with telemetry off (no
// APPLICATIONINSIGHTS_CONNECTION_STRING, bot/telemetry/start.ts never loaded) every call here is a
// no-op, and nothing here knows where spans go. What the code may put on a span is a Fact: a bounded
// word (see `bounded`), a count or a flag; never a person's words, a name, an id or a token.
import { context, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import { suppressTracing } from '@opentelemetry/core';

export type Fact = string | number | boolean;
export type Facts = Readonly<Record<string, Fact | undefined>>;

// Asked for at each use, not kept: starting Azure Monitor replaces the global provider, and a
// tracer taken before that would stay a no-op.
const tracer = () => trace.getTracer('pam-tracker');

const defined = (facts: Facts): Record<string, Fact> =>
  Object.fromEntries(Object.entries(facts).filter((e): e is [string, Fact] => e[1] !== undefined));

/** `value` if it is one of `allowed`, else 'other': what a request says is never recorded as sent. */
export function bounded<T extends string>(value: unknown, allowed: readonly T[]): T | 'other' {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value) ? (value as T) : 'other';
}

/**
 * Runs `work` in a span of its own, a child of the current one. `root`: a trace of its own instead,
 * even within `quietly` (an outbox send, a scheduler job: each one a unit of work worth a trace).
 */
export async function inSpan<T>(
  name: string,
  opts: { kind?: 'internal' | 'client'; root?: boolean; facts?: Facts },
  work: (span: Span) => Promise<T>,
): Promise<T> {
  const kind = opts.kind === 'client' ? SpanKind.CLIENT : SpanKind.INTERNAL;
  return tracer().startActiveSpan(
    name,
    { kind, attributes: defined(opts.facts ?? {}) },
    opts.root ? ROOT_CONTEXT : context.active(),
    async (span) => {
      try {
        return await work(span);
      } catch (err) {
        failed(err, span);
        throw err;
      } finally {
        span.end();
      }
    },
  );
}

/**
 * Runs `work` untraced, apart from the root spans it starts: what the process does on its own every
 * second or minute (the outbox's poll, the scheduler's tick), which would be a trace of storage reads
 * each time, whether or not there was anything to do. Not a part of the request that woke it either.
 */
export function quietly<T>(work: () => T): T {
  return context.with(suppressTracing(ROOT_CONTEXT), work);
}

/** Facts about the request being served, on its span (the HTTP server span), if there is one. */
export function describeRequest(facts: Facts): void {
  trace.getActiveSpan()?.setAttributes(defined(facts));
}

/** Something that happened within the current span (an outbox send, a retry, a scheduler job). */
export function spanEvent(name: string, facts: Facts = {}, span: Span | undefined = trace.getActiveSpan()): void {
  span?.addEvent(name, defined(facts));
}

/**
 * Marks the span (default: the current one) failed, with the error's type only: an error's message can quote what caused it (a
 * person's words, a signed link), and the log line written beside it keeps the message, redacted.
 */
export function failed(err: unknown, span: Span | undefined = trace.getActiveSpan()): void {
  const type = err instanceof Error ? err.name : typeof err;
  span?.recordException({ name: type });
  span?.setStatus({ code: SpanStatusCode.ERROR });
}
