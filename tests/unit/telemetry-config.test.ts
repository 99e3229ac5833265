// Telemetry's two settings: off unless Application Insights' connection string is given, and that
// string checked as the exporter checks it, refused in one line that never quotes it.
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../bot/config.ts';

const GOOD =
  'InstrumentationKey=0a1b2c3d-0000-4000-8000-00000000abcd;IngestionEndpoint=https://uksouth-1.in.applicationinsights.azure.com/';

describe('telemetry configuration', () => {
  it('is off by default, named pam-tracker', () => {
    expect(loadConfig({}).telemetry).toEqual({ serviceName: 'pam-tracker' });
  });

  it('takes the connection string and the service name as given', () => {
    expect(
      loadConfig({ APPLICATIONINSIGHTS_CONNECTION_STRING: ` ${GOOD} `, OTEL_SERVICE_NAME: 'pam-tracker-staging' })
        .telemetry,
    ).toEqual({ connectionString: GOOD, serviceName: 'pam-tracker-staging' });
    // Keys in any case and order, as the exporter parses them.
    const reordered = 'IngestionEndpoint=https://x/; instrumentationkey = 0a1b2c3d-0000-4000-8000-00000000abcd';
    expect(loadConfig({ APPLICATIONINSIGHTS_CONNECTION_STRING: reordered }).telemetry.connectionString).toBe(reordered);
  });

  it.each([
    ['an instrumentation key alone', '0a1b2c3d-0000-4000-8000-00000000abcd'],
    ['no instrumentation key', 'IngestionEndpoint=https://x/'],
    ['a key that is no GUID', 'InstrumentationKey=secret-value-xyz;IngestionEndpoint=https://x/'],
  ])('refuses %s in one line, without quoting it', (_what, value) => {
    expect(() => loadConfig({ APPLICATIONINSIGHTS_CONNECTION_STRING: value })).toThrow(ConfigError);
    expect(() => loadConfig({ APPLICATIONINSIGHTS_CONNECTION_STRING: value })).toThrow(
      /^APPLICATIONINSIGHTS_CONNECTION_STRING must be the connection string of an Application Insights resource/,
    );
    try {
      loadConfig({ APPLICATIONINSIGHTS_CONNECTION_STRING: value });
    } catch (err) {
      expect((err as Error).message).not.toContain(value);
    }
  });
});
