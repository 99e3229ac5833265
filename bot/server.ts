// `npm start` (and `node dist/server.js`): reads the configuration, starts telemetry when
// APPLICATIONINSIGHTS_CONNECTION_STRING is set, then loads and runs the server (bot/serve.ts).
// Both are imported here, in that order, and not before: instrumentation patches modules as they
// load, so telemetry must start before the server's modules (express, the Azure SDK) are loaded,
// and without a connection string none of it is loaded at all.
import { loadConfig, readDotEnv } from './config.ts';
import { createLogger } from './log.ts';

async function main(): Promise<void> {
  readDotEnv();
  const config = loadConfig();
  const telemetry = config.telemetry.connectionString
    ? await (await import('./telemetry/start.ts')).startTelemetry(config.telemetry)
    : undefined;
  const { serve } = await import('./serve.ts');
  await serve(config, async () => telemetry?.stop());
}

main().catch((err: unknown) => {
  createLogger('error').error('server.start_failed', { error: err });
  process.exit(1);
});
