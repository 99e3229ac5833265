import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../bot/config.ts';

describe('configuration', () => {
  it('has a default for everything', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      port: 3978,
      host: '127.0.0.1',
      production: false,
      logLevel: 'info',
      tenant: 'local',
      board: 'PAM',
    });
    expect(c.tables).toEqual({ prefix: 'pam', dataDir: path.resolve('.data'), embeddedPort: 10002 });
  });

  it('reads the bot registration as botbuilder names it', () => {
    const c = loadConfig({
      MicrosoftAppId: 'app-id',
      MicrosoftAppPassword: 'pw',
      MicrosoftAppType: 'SingleTenant',
      MicrosoftAppTenantId: 't1',
      NODE_ENV: 'production',
      TABLES_ACCOUNT_URL: 'https://a.table.core.windows.net',
    });
    expect(c.teams).toEqual({
      appId: 'app-id',
      appPassword: 'pw',
      appType: 'SingleTenant',
      appTenantId: 't1',
      tenantRate: 50,
    });
    expect(loadConfig({}).teams).toEqual({ appType: 'MultiTenant', tenantRate: 50 });
  });

  it('takes the tenant from the bot registration when not given', () => {
    expect(loadConfig({ MicrosoftAppTenantId: 'contoso-tenant' }).tenant).toBe('contoso-tenant');
    expect(loadConfig({ MicrosoftAppTenantId: 'x', TRACKER_TENANT: 'y' }).tenant).toBe('y');
  });

  it.each([
    [{ PORT: 'eighty' }, /PORT must be a port number/],
    [{ PORT: '70000' }, /PORT must be a port number/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL must be one of/],
    [{ TRACKER_BOARD: 'PAM/2' }, /TRACKER_BOARD/],
    [{ TABLES_CONNECTION_STRING: 'x', TABLES_ACCOUNT_URL: 'https://a' }, /not both/],
    [{ NODE_ENV: 'production', TABLES_CONNECTION_STRING: 'x' }, /will not run unauthenticated in production/],
    [{ MicrosoftAppId: 'app', MicrosoftAppType: 'SingleTenant' }, /needs MicrosoftAppTenantId/],
    [{ MicrosoftAppType: 'Other' }, /MicrosoftAppType must be one of/],
    [{ TEAMS_TENANT_RATE: '0' }, /TEAMS_TENANT_RATE/],
  ])('refuses %j with a clear message', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('refuses the embedded store in production, naming the variables that configure storage', () => {
    const message =
      'NODE_ENV is production but neither TABLES_CONNECTION_STRING nor TABLES_ACCOUNT_URL is set: the embedded store (one file on this machine) is for local use only';
    expect(() => loadConfig({ NODE_ENV: 'production', MicrosoftAppId: 'app' })).toThrow(new ConfigError(message));
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(new ConfigError(message));
    expect(
      loadConfig({ NODE_ENV: 'production', MicrosoftAppId: 'app', TABLES_CONNECTION_STRING: 'x' }).tables
        .connectionString,
    ).toBe('x');
    expect(
      loadConfig({
        NODE_ENV: 'production',
        MicrosoftAppId: 'app',
        TABLES_ACCOUNT_URL: 'https://a.table.core.windows.net',
      }).tables.accountUrl,
    ).toBe('https://a.table.core.windows.net');
    expect(loadConfig({ MicrosoftAppId: 'app' }).tables.connectionString).toBeUndefined(); // outside production: the embedded store
  });

  it("takes the papers' protective markings, OFFICIAL-SENSITIVE and OFFICIAL unless set, and refuses one that is not a marking", () => {
    expect(loadConfig({}).papers).toEqual({ markings: { full: 'OFFICIAL-SENSITIVE', open: 'OFFICIAL' } });
    expect(
      loadConfig({ PAPERS_MARKING: 'OFFICIAL-SENSITIVE PERSONAL', OPEN_PAPERS_MARKING: 'PUBLIC' }).papers.markings,
    ).toEqual({ full: 'OFFICIAL-SENSITIVE PERSONAL', open: 'PUBLIC' });
    expect(() => loadConfig({ PAPERS_MARKING: '<b>SECRET</b>' })).toThrow(
      new ConfigError(
        'PAPERS_MARKING must be a protective marking of up to 60 letters, digits and spaces (such as OFFICIAL-SENSITIVE), not "<b>SECRET</b>"',
      ),
    );
    expect(() => loadConfig({ OPEN_PAPERS_MARKING: 'X'.repeat(61) })).toThrow(/^OPEN_PAPERS_MARKING must be/);
  });
});
