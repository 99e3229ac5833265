// infra/ and azure.yaml checked here, where neither Azure nor a Bicep compiler can be reached: the App
// Service's settings against the variables the server reads (its config loader, run) and those it needs
// to start in production; the Key Vault references against the secrets the template makes; the roles it
// grants; the bot's endpoint and the health check against the server's own routes; azd's files against
// the templates. What this cannot show (that Azure accepts them) is listed in README.md, "Azure".
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ConfigError, loadConfig } from '../../bot/config.ts';
import { packageSettings } from '../../manifest/package.ts';
import { entries, objectBody, readBicep, stringLiteral } from '../helpers/bicep-text.ts';
import { namesRead } from '../helpers/env-reads.ts';
import {
  APP_INSIGHTS_CONNECTION_STRING,
  appService,
  entry,
  INFRA,
  KEY_VAULT_SECRET,
  keyVaultSecretOf,
  onlyResource,
  path,
  readInfra,
  resourcesOfType,
} from '../helpers/infra-templates.ts';
import { repoRoot } from '../helpers/processes.ts';
import { served } from '../helpers/server-routes.ts';

/** Microsoft's built-in role ids (https://learn.microsoft.com/azure/role-based-access-control/built-in-roles). */
const STORAGE_TABLE_DATA_CONTRIBUTOR = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3';
const KEY_VAULT_SECRETS_USER = '4633458b-17de-408a-b874-0445c86b69e6';

/** Settings read by something other than the server's config loader, and what reads them. */
const READ_ELSEWHERE: Record<string, string> = {
  SCM_DO_BUILD_DURING_DEPLOYMENT: 'App Service: whether to install and build when a deployment arrives',
};

const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
const main = readBicep(readInfra('main.bicep'));

/** The settings none of the server, App Service or the telemetry reads. */
function unreadSettings(names: Iterable<string>, env: Record<string, string>): string[] {
  const read = new Set([...namesRead(loadConfig), ...namesRead(loadConfig, env), ...Object.keys(READ_ELSEWHERE)]);
  return [...names].filter((name) => !read.has(name));
}

/** A role assignment's role id, scope and principal, with the role's variable resolved. */
function roleAssignments(text = readInfra('resources.bicep')) {
  const file = readBicep(text);
  return resourcesOfType(file, 'Microsoft.Authorization/roleAssignments').map((r) => {
    const properties = objectBody(entry(r.body, 'properties'));
    const role = /roleDefinitions',\s*(\w+)\)$/.exec(entry(properties, 'roleDefinitionId'))?.[1] ?? '';
    return {
      scope: entry(r.body, 'scope'),
      role: stringLiteral(file.vars.get(role) ?? '', () => '') ?? role,
      principal: entry(properties, 'principalId'),
    };
  });
}

describe('the App Service settings', () => {
  const { settings, env } = appService();

  it('are each a variable the server reads, or one App Service or the telemetry reads', () => {
    expect(settings.size).toBeGreaterThan(5);
    expect(unreadSettings(settings.keys(), env)).toEqual([]);
  });

  it('would be caught setting a variable nothing reads (a misspelt name)', () => {
    expect(unreadSettings([...settings.keys(), 'TABLES_ACOUNT_URL'], env)).toEqual(['TABLES_ACOUNT_URL']);
  });

  it('start the server in production, on Entra ID table storage, signed links and the bot’s secret', () => {
    const config = loadConfig(env);
    expect(config.production).toBe(true);
    expect(config.host).toBe('0.0.0.0'); // App Service forwards to the container, not to its loopback
    expect(config.links.publicUrl).toMatch(/^https:\/\//);
    expect(config.links.secret).toBe(KEY_VAULT_SECRET);
    expect(config.teams.appId).toBeDefined();
    expect(config.teams.appPassword).toBe(KEY_VAULT_SECRET);
    expect(config.tables.accountUrl).toMatch(/^https:\/\/.+\.table\./);
    expect(config.tables.connectionString).toBeUndefined();
    expect(config.tab.devLogin).toBe(false);
    expect(config.telemetry.connectionString).toBe(APP_INSIGHTS_CONNECTION_STRING);
  });

  it('would be refused in production without the bot’s app id or the table store', () => {
    for (const name of ['MicrosoftAppId', 'TABLES_ACCOUNT_URL']) {
      const { [name]: _dropped, ...without } = env;
      expect(() => loadConfig(without), name).toThrow(ConfigError);
    }
  });

  it('keep the two secrets in Key Vault secrets the template makes, never in a setting', () => {
    const { file } = appService();
    const referenced = [...settings].filter(([, value]) => keyVaultSecretOf(value)).map(([name]) => name);
    expect(referenced.sort()).toEqual(['LINK_SECRET', 'MicrosoftAppPassword']);
    const vault = onlyResource(file, 'Microsoft.KeyVault/vaults');
    const secrets = resourcesOfType(file, 'Microsoft.KeyVault/vaults/secrets');
    const secured = [...file.params].filter(([, p]) => p.decorators.includes('@secure()')).map(([name]) => name);
    expect(secured.length).toBeGreaterThan(0);
    for (const param of secured) {
      // Each secure parameter is a secret's value, and that secret is what a setting refers to.
      const secret = secrets.find((s) => path(s.body, 'properties', 'value') === param);
      expect(secret, param).toBeDefined();
      expect(entry(secret?.body ?? '', 'parent')).toBe(vault.symbol);
      expect([...settings.values()].map(keyVaultSecretOf)).toContain(secret?.symbol);
      for (const [name, value] of settings) expect(value, name).not.toMatch(new RegExp(`\\b${param}\\b`));
    }
    expect(path(vault.body, 'properties', 'enableRbacAuthorization')).toBe('true');
  });

  it('a Key Vault reference to a secret the template does not make is caught', () => {
    const text = readInfra('resources.bicep').replace(
      'linkSecretSecret.properties.secretUri',
      'oldSecret.properties.secretUri',
    );
    const { file, settings: changed } = appService(text);
    const symbols = new Set(resourcesOfType(file, 'Microsoft.KeyVault/vaults/secrets').map((s) => s.symbol));
    expect([...changed.values()].map(keyVaultSecretOf).filter((s) => s && !symbols.has(s))).toEqual(['oldSecret']);
  });
});

describe('the roles', () => {
  const { file, site } = appService();
  const storage = onlyResource(file, 'Microsoft.Storage/storageAccounts');
  const vault = onlyResource(file, 'Microsoft.KeyVault/vaults');
  const appIdentity = `${site.symbol}.identity.principalId`;

  it('give the app’s own managed identity Storage Table Data Contributor on an account with no shared keys', () => {
    expect(path(site.body, 'identity', 'type')).toBe("'SystemAssigned'");
    expect(roleAssignments()).toContainEqual({
      scope: storage.symbol,
      role: STORAGE_TABLE_DATA_CONTRIBUTOR,
      principal: appIdentity,
    });
    expect(path(storage.body, 'properties', 'allowSharedKeyAccess')).toBe('false');
    expect(path(storage.body, 'properties', 'allowBlobPublicAccess')).toBe('false');
    expect(path(storage.body, 'properties', 'minimumTlsVersion')).toBe("'TLS1_2'");
  });

  it('let the app read the vault’s secrets (Key Vault Secrets User)', () => {
    expect(roleAssignments()).toContainEqual({
      scope: vault.symbol,
      role: KEY_VAULT_SECRETS_USER,
      principal: appIdentity,
    });
  });

  it('would be caught granting a different role', () => {
    const text = readInfra('resources.bicep').replace(
      STORAGE_TABLE_DATA_CONTRIBUTOR,
      'ba92f5b4-2d11-453d-a403-e96b0029c9fe',
    );
    expect(roleAssignments(text).map((r) => r.role)).not.toContain(STORAGE_TABLE_DATA_CONTRIBUTOR);
  });
});

describe('the App Service and the Azure Bot', () => {
  const { file, site } = appService();
  const siteConfig = (key: string): string => path(site.body, 'properties', 'siteConfig', key);

  it('runs the built server as npm run start:prod does, on Node 24', () => {
    expect(stringLiteral(siteConfig('appCommandLine'), () => '')).toBe(pkg.scripts['start:prod']);
    expect(siteConfig('linuxFxVersion')).toBe("'NODE|24-lts'");
  });

  it('is https only, FTP off, always on, and checks the server’s health route', async () => {
    expect(path(site.body, 'properties', 'httpsOnly')).toBe('true');
    expect(siteConfig('ftpsState')).toBe("'Disabled'");
    expect(siteConfig('alwaysOn')).toBe('true');
    const basicAuth = resourcesOfType(file, 'Microsoft.Web/sites/basicPublishingCredentialsPolicies');
    expect(basicAuth.map((p) => [entry(p.body, 'name'), path(p.body, 'properties', 'allow')]).sort()).toEqual([
      ["'ftp'", 'false'],
      ["'scm'", 'false'],
    ]);
    const health = stringLiteral(siteConfig('healthCheckPath'), () => '') ?? '';
    expect(await served(health, 'GET')).toEqual({ status: 200, bot: false });
  });

  it('has the Azure Bot send Teams’ messages to the server’s bot endpoint over https', async () => {
    const bot = onlyResource(file, 'Microsoft.BotService/botServices');
    const endpoint = path(bot.body, 'properties', 'endpoint');
    const url = new URL(stringLiteral(endpoint, (inner) => sampleHost(inner)) ?? '');
    expect(url.protocol).toBe('https:');
    expect(await served(url.pathname, 'POST')).toEqual({ status: 200, bot: true });
    // The registration Teams trusts and the one the server signs in as are the same.
    const { settings } = appService();
    expect(path(bot.body, 'properties', 'msaAppId')).toBe(settings.get('MicrosoftAppId'));
    expect(path(bot.body, 'properties', 'msaAppType')).toBe(settings.get('MicrosoftAppType'));
    expect(path(bot.body, 'properties', 'msaAppTenantId')).toBe(settings.get('MicrosoftAppTenantId'));
    const channel = onlyResource(file, 'Microsoft.BotService/botServices/channels');
    expect(entry(channel.body, 'parent')).toBe(bot.symbol);
    expect(path(channel.body, 'properties', 'channelName')).toBe("'MsTeamsChannel'");
  });

  it('uses released (not preview) API versions', () => {
    for (const r of [...file.resources, ...main.resources]) expect(r.apiVersion, r.type).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  /** The host a `${...}` in the endpoint stands for: the public URL's, as PUBLIC_URL gives it. */
  function sampleHost(inner: string): string {
    const publicUrl = file.vars.get(inner);
    return publicUrl ? (stringLiteral(publicUrl, () => 'app.example') ?? '') : 'https://app.example';
  }
});

describe('azd’s files', () => {
  const resources = readBicep(readInfra('resources.bicep'));
  const azureYaml = parse(readFileSync(join(repoRoot, 'azure.yaml'), 'utf8')) as {
    infra?: { provider?: string; path?: string; module?: string };
    services?: Record<string, { project?: string; language?: string; host?: string }>;
  };

  it('azure.yaml names infra/main.bicep and one App Service the Bicep tags for it', () => {
    expect(azureYaml.infra?.provider).toBe('bicep');
    expect(join(repoRoot, azureYaml.infra?.path ?? '')).toBe(INFRA);
    expect(existsSync(join(INFRA, `${azureYaml.infra?.module ?? ''}.bicep`))).toBe(true);
    const services = Object.entries(azureYaml.services ?? {});
    expect(services).toHaveLength(1);
    const [name, service] = services[0] ?? ['', {}];
    expect(service.host).toBe('appservice');
    expect(['ts', 'js']).toContain(service.language);
    expect(existsSync(join(repoRoot, service.project ?? '', 'package.json'))).toBe(true);
    expect(pkg.scripts.build).toBeDefined(); // azd packages a Node service by running its build script
    const site = onlyResource(resources, 'Microsoft.Web/sites');
    expect(entry(site.body, 'tags')).toContain(`'azd-service-name': '${name}'`);
  });

  it('main.bicep passes the module every parameter it declares, and only those', () => {
    const module = main.modules.get('resources');
    expect(module?.path).toBe('resources.bicep');
    const passed = entries(objectBody(entry(module?.body ?? '', 'params')));
    expect([...passed.keys()].sort()).toEqual([...resources.params.keys()].sort());
  });

  it('main.parameters.json fills parameters main.bicep declares, and azd can fill every required one', () => {
    const parameters = (
      JSON.parse(readInfra('main.parameters.json')) as { parameters: Record<string, { value: string }> }
    ).parameters;
    for (const name of Object.keys(parameters)) expect(main.params.has(name), name).toBe(true);
    for (const [name, param] of main.params) {
      if (param.defaultValue !== undefined || name in parameters) continue;
      // Left out on purpose: azd generates it (LINK_SECRET) or asks for it once and keeps it (the bot's secret).
      expect(param.decorators, name).toContain('@secure()');
    }
  });

  it('the outputs azd keeps are variables the operator’s CLI or npm run package read', () => {
    const ours = [...main.outputs.keys()].filter((name) => !/^(AZURE|SERVICE)_/.test(name));
    const read = new Set([...namesRead(loadConfig), ...namesRead((env) => packageSettings(env, '0.1.0'))]);
    expect(ours.length).toBeGreaterThan(0);
    expect(ours.filter((name) => !read.has(name))).toEqual([]);
  });
});
