// The span processor that scrubs what libraries record (bot/telemetry/redact.ts), on spans shaped as
// the HTTP instrumentation, the Azure SDK and an exception event leave them.
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { describe, expect, it } from 'vitest';
import { RedactingSpanProcessor, scrubUrl } from '../../bot/telemetry/redact.ts';

const JWT = 'eyJhbGciOiJSUzI1NiJ9.eyJvaWQiOiJ4In0.c2lnbmF0dXJl';

function recorded(build: (tracer: ReturnType<BasicTracerProvider['getTracer']>) => void) {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({
    spanProcessors: [new RedactingSpanProcessor(), new SimpleSpanProcessor(exporter)],
  });
  build(provider.getTracer('test'));
  return exporter.getFinishedSpans();
}

describe('scrubUrl', () => {
  it.each([
    ['https://bot.example/files/digest?tenant=t&meeting=2023-04-11&exp=1&sig=abc', 'https://bot.example/files/digest'],
    [
      'https://smba.trafficmanager.net/uk/v3/conversations/a:1Bx9/activities/1687;messageid=1',
      'https://smba.trafficmanager.net/uk/v3/conversations/{id}/activities/{id}',
    ],
    [
      'https://smba.trafficmanager.net/uk/v3/conversations/19:abc@thread.tacv2/members/29:1xyz',
      'https://smba.trafficmanager.net/uk/v3/conversations/{id}/members/{id}',
    ],
    [
      "https://acct.table.core.windows.net/pampeople(PartitionKey='t%7CPAM',RowKey='e%7Cjane.doe%40example.org')",
      'https://acct.table.core.windows.net/pampeople({keys})',
    ],
    ['/api/tab/actions/2023-03-14.n001/reply', '/api/tab/actions/2023-03-14.n001/reply'],
  ])('%s', (url, scrubbed) => {
    expect(scrubUrl(url)).toBe(scrubbed);
  });
});

describe('the redacting span processor', () => {
  it('drops queries, headers and error messages; masks ids in URLs and credentials anywhere', () => {
    const [span] = recorded((tracer) => {
      const s = tracer.startSpan('GET /files/digest', {
        kind: SpanKind.SERVER,
        attributes: {
          'url.path': '/files/digest',
          'url.query': 'sig=abc&exp=1',
          'url.full': 'https://bot.example/files/digest?sig=abc',
          'http.request.header.authorization': [`Bearer ${JWT}`],
          'db.statement': 'DefaultEndpointsProtocol=https;AccountName=a;AccountKey=c2VjcmV0',
          note: `pasted ${JWT} here`,
          'http.response.status_code': 200,
        },
      });
      s.recordException(new TypeError('could not read "KESTREL is ongoing"'));
      s.setStatus({ code: SpanStatusCode.ERROR, message: 'KESTREL is ongoing' });
      s.end();
    });
    expect(span!.attributes).toEqual({
      'url.path': '/files/digest',
      'url.full': 'https://bot.example/files/digest',
      'db.statement': 'DefaultEndpointsProtocol=https;AccountName=a;AccountKey=[redacted]',
      note: 'pasted [redacted] here',
      'http.response.status_code': 200,
    });
    const [exception] = span!.events;
    expect(exception!.attributes!['exception.type']).toBe('TypeError');
    expect(exception!.attributes!['exception.message']).toBeUndefined();
    expect(String(exception!.attributes!['exception.stacktrace'])).toMatch(/^\s+at /);
    expect(span!.status).toEqual({ code: SpanStatusCode.ERROR });
    expect(JSON.stringify([span!.attributes, span!.events, span!.status])).not.toMatch(/KESTREL|c2VjcmV0|sig=|eyJ/);
  });

  it('leaves a span with nothing to scrub as it was', () => {
    const [span] = recorded((tracer) => {
      const s = tracer.startSpan('outbox.send', {
        attributes: { 'pam.outbox.kind': 'chase', 'pam.outbox.attempt': 2 },
      });
      s.addEvent('outbox.sent', { 'pam.outbox.attempt': 2 });
      s.end();
    });
    expect(span!.attributes).toEqual({ 'pam.outbox.kind': 'chase', 'pam.outbox.attempt': 2 });
    expect(span!.events.map((e) => [e.name, e.attributes])).toEqual([['outbox.sent', { 'pam.outbox.attempt': 2 }]]);
  });

  it("drops the telemetry SDK's own calls: sending telemetry, reading its settings", () => {
    const sent = recorded((tracer) => {
      for (const url of [
        'https://uksouth-1.in.applicationinsights.azure.com/v2.1/track',
        'https://settings.sdk.monitor.azure.com/AzMonSDKDynamicConfigurationChanges',
        'https://acct.table.core.windows.net/Tables',
      ])
        tracer.startSpan('HTTP POST', { kind: SpanKind.CLIENT, attributes: { 'http.url': url } }).end();
    });
    expect(sent.map((s) => s.attributes['http.url'])).toEqual(['https://acct.table.core.windows.net/Tables']);
  });
});
