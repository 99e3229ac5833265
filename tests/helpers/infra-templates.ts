// infra/ as the tests see it: the two Bicep files read (tests/helpers/bicep-text.ts), the App Service,
// its settings, and an environment like the one Azure gives the server from those settings, with a
// stand-in wherever Azure fills a value in (a host name, a Key Vault secret).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { entries, objectBody, readBicep, stringLiteral, type BicepFile, type BicepResource } from './bicep-text.ts';
import { repoRoot } from './processes.ts';

export const INFRA = join(repoRoot, 'infra');
export const readInfra = (file: string): string => readFileSync(join(INFRA, file), 'utf8');

/** What a Key Vault reference stands for at run time: the secret, 48 characters as azd makes LINK_SECRET. */
export const KEY_VAULT_SECRET = 'a-secret-read-from-key-vault-'.padEnd(48, 'x');
const KEY_VAULT_REFERENCE = /^'@Microsoft\.KeyVault\(SecretUri=\$\{(\w+)\.properties\.secretUri\}\)'$/;

/** The symbol of the secret resource a setting's Key Vault reference names, or undefined. */
export const keyVaultSecretOf = (expression: string): string | undefined => KEY_VAULT_REFERENCE.exec(expression)?.[1];

export function resourcesOfType(file: BicepFile, type: string): BicepResource[] {
  return file.resources.filter((r) => r.type === type);
}

export function onlyResource(file: BicepFile, type: string): BicepResource {
  const found = resourcesOfType(file, type);
  if (found.length !== 1) throw new Error(`expected one ${type}, found ${found.length}`);
  return found[0] as BicepResource;
}

/** An entry of an object's body; throws naming it when it is missing. */
export function entry(body: string, key: string): string {
  const value = entries(body).get(key);
  if (value === undefined) throw new Error(`no ${key} in ${body.slice(0, 60)}...`);
  return value;
}

/** A nested entry: `path(body, 'properties', 'siteConfig', 'healthCheckPath')`. */
export function path(body: string, ...keys: string[]): string {
  let value = body;
  for (const [i, key] of keys.entries()) value = entry(i === 0 ? value : objectBody(value), key);
  return value;
}

export const APP_INSIGHTS_CONNECTION_STRING =
  'InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://uksouth-1.in.applicationinsights.azure.com/';

/** The value an expression stands for when the server starts: literals as written, the rest stand-ins. */
export function sampleValue(expression: string, file: BicepFile): string {
  if (keyVaultSecretOf(expression)) return KEY_VAULT_SECRET;
  // An Application Insights resource's connection string, as Azure gives it.
  if (/\.properties\.ConnectionString$/.test(expression)) return APP_INSIGHTS_CONNECTION_STRING;
  const literal = stringLiteral(expression, () => 'sample');
  if (literal !== undefined) return literal;
  const variable = file.vars.get(expression);
  if (variable !== undefined) return sampleValue(variable, file);
  const param = file.params.get(expression);
  if (param?.defaultValue) return sampleValue(param.defaultValue, file);
  const allowed = param?.decorators.map((d) => /^@allowed\(\[\s*'([^']*)'/.exec(d)?.[1]).find((v) => v !== undefined);
  return allowed ?? 'sample';
}

export interface AppService {
  file: BicepFile;
  site: BicepResource;
  /** The app settings, name to expression as written. */
  settings: Map<string, string>;
  /** The environment the server starts with on App Service (PORT is the platform's). */
  env: Record<string, string>;
}

export function appService(text = readInfra('resources.bicep')): AppService {
  const file = readBicep(text);
  const site = onlyResource(file, 'Microsoft.Web/sites');
  const config = resourcesOfType(file, 'Microsoft.Web/sites/config').find(
    (r) => entry(r.body, 'name') === "'appsettings'",
  );
  if (!config) throw new Error('no appsettings for the site');
  if (entry(config.body, 'parent') !== site.symbol) throw new Error('the appsettings belong to another site');
  const settings = entries(objectBody(entry(config.body, 'properties')));
  const env = Object.fromEntries([...settings].map(([name, value]) => [name, sampleValue(value, file)]));
  return { file, site, settings, env: { ...env, PORT: '8080' } };
}
