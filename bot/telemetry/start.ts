// Starts OpenTelemetry with Azure Monitor (Application Insights), following Microsoft's distro:
// https://learn.microsoft.com/javascript/api/overview/azure/monitor-opentelemetry-readme
// bot/server.ts imports this file only when APPLICATIONINSIGHTS_CONNECTION_STRING is set, and before
// anything else of the app, so that node's http is patched before express and botbuilder load it.
// The rest of the code speaks only the OpenTelemetry API (spans.ts).
//
// What is traced: every HTTP request served but the health probe (the HTTP instrumentation's server
// span, named by its route template), every call to Table Storage and to the Bot Connector (the
// Azure SDK's own client spans), any other outgoing http call (the HTTP instrumentation's), and the
// tracker's own spans and events (spans.ts). redact.ts scrubs them all before they are exported.
// Imported statically: this file is itself loaded only when telemetry is on (bot/server.ts).
import { shutdownAzureMonitor, useAzureMonitor } from '@azure/monitor-opentelemetry';
import type { Span } from '@opentelemetry/api';
import { resourceFromAttributes } from '@opentelemetry/resources';
import type { SpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { TelemetryConfig } from '../config.ts';
import { RedactingSpanProcessor } from './redact.ts';

/** What tests change: where spans also go, and no sampling or live metrics. */
export interface TelemetryOverrides {
  spanProcessors?: SpanProcessor[];
  /** Default: the distro's (a rate-limited sampler, 5 traces a second). 0 keeps every trace. */
  tracesPerSecond?: number;
  enableLiveMetrics?: boolean;
}

const FLUSH_MS = 5_000;

/** Requests not traced: the platform's health probe comes every few seconds and says nothing new. */
const UNTRACED_PATHS = new Set(['/healthz']);

export interface Telemetry {
  /** Sends what is still batched and stops; never rejects (a process on its way out has no one to tell). */
  stop(): Promise<void>;
}

export async function startTelemetry(config: TelemetryConfig, overrides: TelemetryOverrides = {}): Promise<Telemetry> {
  // Microsoft's docs register the ESM loader hooks (`--import @azure/monitor-opentelemetry/loader`)
  // for ESM apps. Not here: what is traced is CommonJS underneath (express's http server, botbuilder's
  // Bot Connector client), patched as it loads after this, or traced by the Azure SDK itself (Table
  // Storage); the hooks would add nothing seen, yet cost seconds of CPU at start (see README).
  //
  // A call through the Azure SDK (Table Storage, the Bot Connector) is traced by the SDK itself (an
  // 'HTTP POST' client span with az.namespace); without this the HTTP instrumentation traces it a
  // second time beneath it (Azure/azure-sdk-for-js#31694). The SDK's instrumenter reads this variable.
  process.env.AZURE_HTTP_TRACING_CHILDREN_DISABLED ??= 'true';
  // The distro turns the Azure SDK's console logging on at 'warning', which prints a deprecation
  // warning from botbuilder's Bot Connector client at every call, as plain text among the JSON log
  // lines. Errors only, unless the operator chose a level.
  process.env.AZURE_LOG_LEVEL ??= 'error';
  useAzureMonitor({
    azureMonitorExporterOptions: { connectionString: config.connectionString },
    resource: resourceFromAttributes({ 'service.name': config.serviceName }),
    instrumentationOptions: {
      http: {
        enabled: true,
        // No headers are recorded (none are named here): they carry the Bot Connector's and the tab's tokens.
        ignoreIncomingRequestHook: (request: { url?: string }) => UNTRACED_PATHS.has(pathOf(request.url)),
        applyCustomAttributesOnSpan: nameByRoute,
        // The distro types this as the base InstrumentationConfig; these are the HTTP instrumentation's own options.
      } as Record<string, unknown>,
      // Databases this app does not use: no hooks watching for them.
      mongoDb: { enabled: false },
      mySql: { enabled: false },
      postgreSql: { enabled: false },
      redis: { enabled: false },
      redis4: { enabled: false },
    },
    ...(overrides.tracesPerSecond !== undefined ? { tracesPerSecond: overrides.tracesPerSecond } : {}),
    ...(overrides.enableLiveMetrics !== undefined ? { enableLiveMetrics: overrides.enableLiveMetrics } : {}),
    // The redaction runs first: every processor after it, the exporter's included, sees scrubbed spans.
    spanProcessors: [new RedactingSpanProcessor(), ...(overrides.spanProcessors ?? [])],
  });
  return {
    // The platform stopping the app waits only so long: what cannot be sent within a few seconds
    // (an unreachable ingestion endpoint, retries) is given up rather than holding the exit.
    stop: () =>
      Promise.race([
        shutdownAzureMonitor().catch(() => undefined),
        new Promise<void>((resolve) => setTimeout(resolve, FLUSH_MS).unref()),
      ]),
  };
}

const pathOf = (url: string | undefined): string => (url ?? '').split('?', 1)[0] ?? '';

/**
 * Names a server span by the route that answered it ('POST /api/tab/actions/:id/reply'), as the
 * Express instrumentation would: the template, never the ids in the path. Express sets `req.route`
 * on the request when a route matches; an unmatched request keeps the method alone.
 */
function nameByRoute(span: Span, request: unknown): void {
  const req = request as { method?: string; route?: { path?: unknown } };
  const route = req.route?.path;
  if (typeof route !== 'string') return; // a client request, or no route matched
  span.setAttribute('http.route', route);
  span.updateName(`${req.method ?? 'GET'} ${route}`);
}
