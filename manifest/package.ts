// `npm run package`: the Teams app package an admin uploads. Reads the deployment's values from the
// environment (or .env), fills manifest.template.json, adds the bot's command lists from COMMANDS
// (so the menu Teams shows never drifts from what the bot understands), validates the result
// offline against the Teams schema @microsoft/app-manifest bundles, adds the two icons kept beside
// this file, and writes manifest/build/{manifest.json, color.png, outline.png, appPackage.zip}.
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { AppManifestUtils, type TeamsManifestV1D30 } from '@microsoft/app-manifest';
import { zipSync } from 'fflate';
import { COMMANDS } from '../bot/rules/commands.ts';

export type TeamsManifest = TeamsManifestV1D30.TeamsManifestV1D30;
type CommandList = TeamsManifestV1D30.CommandList;

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const TEMPLATE = path.join(HERE, 'manifest.template.json');
export const BUILD_DIR = path.join(HERE, 'build');
export const PACKAGE_FILE = 'appPackage.zip';
const PACKAGE_JSON = path.join(HERE, '..', 'package.json');
/** 192x192, a white ticked checklist on ACCENT_COLOR; and 32x32, the same in white on transparent. */
export const COLOR_ICON = path.join(HERE, 'color.png');
export const OUTLINE_ICON = path.join(HERE, 'outline.png');

/** The police blue of the colour icon; also the manifest's accentColor. */
export const ACCENT_COLOR = '#123C7C';
// Every entry dated 1980-01-01 00:00 (the first date a zip can hold, in local time as fflate
// writes it), so the same inputs make the same bytes.
const ZIP_DATE = new Date(1980, 0, 1);

/** The scopes the bot is installed in; each gets its own command list, as Teams recommends. */
export const BOT_SCOPES = ['personal', 'team', 'groupChat'] as const;

/** What differs between deployments. */
export interface PackageSettings {
  /** The Teams app's own id (TEAMS_APP_ID): made once, kept for every later version. */
  teamsAppId: string;
  /** The bot's Microsoft App Id (MicrosoftAppId), as in the Azure Bot resource. */
  botId: string;
  /** The Entra app the tabs' SSO tokens are for (TAB_SSO_APP_ID, default the bot's). */
  ssoAppId: string;
  /** Where Teams reaches the server: BOT_HOSTNAME, or PUBLIC_URL's host. */
  host: string;
  /** MAJOR.MINOR.PATCH (APP_VERSION, default package.json's version). */
  version: string;
  developer: { name: string; websiteUrl: string; privacyUrl: string; termsOfUseUrl: string };
}

/** The environment cannot make a package, or the manifest it makes is not valid. */
export class PackageError extends Error {
  override name = 'PackageError';
  constructor(
    message: string,
    readonly problems: readonly string[] = [],
  ) {
    super(problems.length ? `${message}\n${problems.map((p) => `  - ${p}`).join('\n')}` : message);
  }
}

type Env = Record<string, string | undefined>;

const text = (env: Env, name: string): string | undefined => env[name]?.trim() || undefined;
const HOST_NAME = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i;
const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(PACKAGE_JSON, 'utf8')) as { version?: unknown };
  return typeof pkg.version === 'string' ? pkg.version : '';
}

/**
 * The settings from the environment, or a PackageError naming every variable that is missing or
 * malformed. Ids are not checked here: the schema checks them, in its own words.
 */
export function packageSettings(env: Env = process.env, defaultVersion: string = packageVersion()): PackageSettings {
  const problems: string[] = [];
  const teamsAppId = text(env, 'TEAMS_APP_ID');
  if (!teamsAppId) {
    problems.push(
      'TEAMS_APP_ID is not set: the Teams app\'s id, a GUID you make once (node -e "console.log(crypto.randomUUID())") and keep for every later version',
    );
  }
  const botId = text(env, 'MicrosoftAppId');
  if (!botId)
    problems.push(
      "MicrosoftAppId is not set: the bot's Microsoft App Id, from the Azure Bot resource's Configuration page",
    );

  let host: string | undefined;
  const hostName = text(env, 'BOT_HOSTNAME');
  const publicUrl = text(env, 'PUBLIC_URL');
  let publicHost: string | undefined;
  if (publicUrl) {
    let url: URL | undefined;
    try {
      url = new URL(publicUrl);
    } catch {
      problems.push(`PUBLIC_URL must be a URL like https://pam-tracker.example.org, not "${publicUrl}"`);
    }
    if (url && url.protocol !== 'https:')
      problems.push(`PUBLIC_URL must start with https:// (Teams loads tabs only over HTTPS), not "${publicUrl}"`);
    else if (url) publicHost = url.host;
  }
  if (hostName) {
    if (!HOST_NAME.test(hostName))
      problems.push(
        `BOT_HOSTNAME must be a host name like pam-tracker.example.org (no https://, port or path), not "${hostName}"`,
      );
    else if (publicHost && publicHost.toLowerCase() !== hostName.toLowerCase()) {
      problems.push(
        `BOT_HOSTNAME (${hostName}) is not PUBLIC_URL's host (${publicHost}): the tab's API accepts SSO tokens for api://${publicHost}/..., so the two must agree (or leave BOT_HOSTNAME unset)`,
      );
    } else host = hostName.toLowerCase();
  } else if (publicHost) {
    if (!HOST_NAME.test(publicHost))
      problems.push(`PUBLIC_URL's host must be a plain host name without a port, not "${publicHost}"`);
    else host = publicHost.toLowerCase();
  } else if (!publicUrl) {
    problems.push(
      'BOT_HOSTNAME (or PUBLIC_URL) is not set: the host name where Teams reaches the server, e.g. pam-tracker.example.org (the messaging endpoint is https://HOST/api/messages)',
    );
  }

  const version = text(env, 'APP_VERSION') ?? defaultVersion;
  if (!SEMVER.test(version))
    problems.push(
      `APP_VERSION must be MAJOR.MINOR.PATCH (e.g. 1.0.0, no suffix), not "${version}"; raise it for every package you upload after the first`,
    );

  const url = (name: string, fallback: string): string => {
    const value = text(env, name) ?? fallback;
    if (!/^https:\/\/[^\s/]+/.test(value)) problems.push(`${name} must be an https:// URL, not "${value}"`);
    return value;
  };
  const base = `https://${host ?? 'HOST'}`;
  const developer = {
    name: text(env, 'APP_DEVELOPER_NAME') ?? 'PAM tracker',
    websiteUrl: url('APP_WEBSITE_URL', `${base}/`),
    privacyUrl: url('APP_PRIVACY_URL', `${base}/privacy`),
    termsOfUseUrl: url('APP_TERMS_URL', `${base}/terms`),
  };
  if (problems.length || !teamsAppId || !botId || !host)
    throw new PackageError('cannot make the Teams app package:', problems);
  return { teamsAppId, botId, ssoAppId: text(env, 'TAB_SSO_APP_ID') ?? botId, host, version, developer };
}

/** Teams shows a command's description under its name in the menu; older clients cut it at 128. */
const DESCRIPTION_MAX = 128;
/** The schema allows 12 commands a list; the bot has more, so each scope's menu is a choice. */
export const MENU_MAX = 12;

export type CommandName = (typeof COMMANDS)[number]['name'];
type BotScope = (typeof BOT_SCOPES)[number];

/**
 * Which commands each scope's menu offers, in menu order. The menu only suggests: the bot
 * understands every command in every scope, and `help` lists each person's. Every command is in
 * at least one menu (the tests check), and a renamed command fails the type check here.
 */
export const MENUS: Record<BotScope, readonly CommandName[]> = {
  // The personal chat: where owners get their cards, and the secretariat's workbench.
  personal: [
    'mine',
    'questions',
    'meetings',
    'outstanding',
    'import',
    'minutes',
    'raise',
    'scrutiny',
    'digest',
    'review',
    'people',
    'help',
  ],
  // A channel or group chat: only what is answered there, for everyone in it to read (anything else typed there is answered 1:1).
  team: ['use this channel', 'meetings', 'help'],
  groupChat: ['use this channel', 'meetings', 'help'],
};

/** What the menu needs of a command (COMMANDS' entries have more). */
export interface MenuSource {
  name: string;
  does: string;
  who: string;
}

/** A command as the menu shows it: its name, what it does, and who may use it (from COMMANDS). */
export function menuCommand(c: MenuSource): { title: string; description: string } {
  const description = `${c.does.charAt(0).toUpperCase()}${c.does.slice(1)}${c.who === 'everyone' ? '' : ` (${c.who})`}`;
  if (description.length > DESCRIPTION_MAX)
    throw new PackageError(
      `the description of the command "${c.name}" is over ${DESCRIPTION_MAX} characters: "${description}"`,
    );
  return { title: c.name, description };
}

/** The bot's command lists, one per scope, built from COMMANDS and MENUS. */
export function commandLists(
  commands: readonly MenuSource[] = COMMANDS,
  menus: Record<BotScope, readonly string[]> = MENUS,
): CommandList[] {
  const byName = new Map(commands.map((c) => [c.name, c]));
  return BOT_SCOPES.map((scope) => {
    const names = menus[scope];
    const missing = names.filter((n) => !byName.has(n));
    if (missing.length)
      throw new PackageError(`the ${scope} menu names commands the bot does not have: ${missing.join(', ')}`);
    if (names.length > MENU_MAX)
      throw new PackageError(`the ${scope} menu has ${names.length} commands; Teams allows ${MENU_MAX}`);
    return { scopes: [scope], commands: names.map((n) => menuCommand(byName.get(n) as MenuSource)) };
  });
}

/** The template with every {{NAME}} replaced; a string that is exactly a placeholder may become any value. */
export function fillTemplate(template: unknown, values: Record<string, unknown>): unknown {
  const unknown = new Set<string>();
  const fill = (node: unknown): unknown => {
    if (typeof node === 'string') {
      const whole = /^\{\{([A-Z_]+)\}\}$/.exec(node);
      if (whole?.[1] && whole[1] in values) return values[whole[1]];
      return node.replace(/\{\{([A-Z_]+)\}\}/g, (placeholder, name: string) => {
        const value = values[name];
        if (typeof value === 'string') return value;
        unknown.add(name);
        return placeholder;
      });
    }
    if (Array.isArray(node)) return node.map(fill);
    if (node && typeof node === 'object') return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, fill(v)]));
    return node;
  };
  const filled = fill(template);
  if (unknown.size)
    throw new PackageError(`the template names values the build does not have: ${[...unknown].join(', ')}`);
  return filled;
}

export async function readTemplate(file: string = TEMPLATE): Promise<unknown> {
  return JSON.parse(await readFile(file, 'utf8')) as unknown;
}

/** The manifest for these settings (not yet validated). */
export async function buildManifest(settings: PackageSettings, template?: unknown): Promise<TeamsManifest> {
  return fillTemplate(template ?? (await readTemplate()), {
    TEAMS_APP_ID: settings.teamsAppId,
    APP_VERSION: settings.version,
    BOT_ID: settings.botId,
    SSO_APP_ID: settings.ssoAppId,
    HOST: settings.host,
    DEVELOPER_NAME: settings.developer.name,
    WEBSITE_URL: settings.developer.websiteUrl,
    PRIVACY_URL: settings.developer.privacyUrl,
    TERMS_URL: settings.developer.termsOfUseUrl,
    ACCENT_COLOR,
    COMMAND_LISTS: commandLists(),
  }) as TeamsManifest;
}

/**
 * The schema's own messages for this manifest ("/id must match pattern ..."); none when valid.
 * The schema is the one its $schema names, read from @microsoft/app-manifest: no network.
 */
export async function validateManifest(manifest: unknown): Promise<string[]> {
  const schema = (manifest as { $schema?: unknown } | null)?.$schema;
  if (
    typeof schema !== 'string' ||
    !/^https:\/\/developer\.microsoft\.com\/json-schemas\/teams\/v\d+\.\d+\/MicrosoftTeams\.schema\.json$/.test(schema)
  ) {
    return [
      `/$schema must name a Teams schema the build has offline (https://developer.microsoft.com/json-schemas/teams/vX.Y/MicrosoftTeams.schema.json), not ${JSON.stringify(schema)}`,
    ];
  }
  return AppManifestUtils.validateAgainstSchema(manifest as TeamsManifest);
}

export interface BuiltPackage {
  manifest: TeamsManifest;
  settings: PackageSettings;
  /** Absolute paths of what was written. */
  files: { manifest: string; color: string; outline: string; zip: string };
  zipBytes: number;
}

/**
 * Makes the package in `outDir` (default manifest/build). Throws PackageError, having written
 * nothing (and removed an older appPackage.zip there), if the settings or the manifest are wrong.
 */
export async function buildPackage(
  options: { env?: Env; outDir?: string; template?: unknown } = {},
): Promise<BuiltPackage> {
  const outDir = path.resolve(options.outDir ?? BUILD_DIR);
  const zipPath = path.join(outDir, PACKAGE_FILE);
  await rm(zipPath, { force: true });
  const settings = packageSettings(options.env ?? process.env);
  const manifest = await buildManifest(settings, options.template);
  const errors = await validateManifest(manifest);
  if (errors.length)
    throw new PackageError(
      `the manifest is not valid against the Teams schema (${manifest.$schema ?? 'no $schema'}):`,
      errors,
    );

  const json = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8');
  const [color, outline] = await Promise.all([readFile(COLOR_ICON), readFile(OUTLINE_ICON)]);
  const files = {
    manifest: path.join(outDir, 'manifest.json'),
    color: path.join(outDir, manifest.icons.color),
    outline: path.join(outDir, manifest.icons.outline),
    zip: zipPath,
  };
  // The PNGs are compressed already: stored, not deflated again.
  const archive = zipSync(
    {
      'manifest.json': json,
      [manifest.icons.color]: [color, { level: 0 }],
      [manifest.icons.outline]: [outline, { level: 0 }],
    },
    { level: 9, mtime: ZIP_DATE },
  );
  await mkdir(outDir, { recursive: true });
  await Promise.all([
    writeFile(files.manifest, json),
    writeFile(files.color, color),
    writeFile(files.outline, outline),
  ]);
  await writeFile(zipPath, archive);
  return { manifest, settings, files, zipBytes: archive.length };
}

async function main(): Promise<void> {
  // As the server does: a .env in the working directory, variables already set winning.
  if (existsSync('.env')) process.loadEnvFile('.env');
  try {
    const built = await buildPackage();
    const { settings, manifest } = built;
    const rel = (file: string): string => path.relative(process.cwd(), file);
    const defaulted = (['APP_WEBSITE_URL', 'APP_PRIVACY_URL', 'APP_TERMS_URL'] as const).filter(
      (name) => !text(process.env, name),
    );
    const lines = [
      `Teams app package: ${rel(built.files.zip)} (${built.zipBytes} bytes), valid against the Teams schema v${manifest.manifestVersion}`,
      `  app ${settings.teamsAppId} version ${settings.version}`,
      `  bot ${settings.botId}, messaging endpoint https://${settings.host}/api/messages`,
      `  tabs on https://${settings.host}; SSO resource ${manifest.webApplicationInfo?.resource ?? ''}`,
      `  ${manifest.bots?.[0]?.commandLists?.[0]?.commands.length ?? 0} commands in each of ${BOT_SCOPES.join(', ')}`,
      `  also written: ${[built.files.manifest, built.files.color, built.files.outline].map(rel).join(', ')}`,
      ...(defaulted.length
        ? [
            `note: ${defaulted.join(', ')} not set: the manifest links to the defaults on https://${settings.host}/; make sure they exist or set them`,
          ]
        : []),
      'Upload it in the Teams admin centre: Teams apps > Manage apps > Upload new app (see manifest/README.md).',
    ];
    console.log(lines.join('\n'));
  } catch (err) {
    if (!(err instanceof PackageError)) throw err;
    console.error(`error: ${err.message}`);
    process.exitCode = 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) await main();
