// The Teams app manifest: filled from the environment, valid against the schema that
// @microsoft/app-manifest bundles (offline), and the bot's command menus built from COMMANDS.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { answeredInShared, COMMANDS } from '../../bot/rules/commands.ts';
import {
  ACCENT_COLOR,
  BOT_SCOPES,
  MENU_MAX,
  MENUS,
  PackageError,
  buildManifest,
  commandLists,
  fillTemplate,
  menuCommand,
  packageSettings,
  readTemplate,
  validateManifest,
  type PackageSettings,
  type TeamsManifest,
} from '../../manifest/package.ts';

const APP_ID = '0b6b2a4c-6c1e-4f57-9f0a-2f1d3c4b5a69';
const BOT_ID = '3f1e9a52-8d3c-4b7e-a1f0-6c2d9e8b7a41';
const SSO_ID = 'a7d0c3e1-52b4-4f0e-8c6a-1e2f3a4b5c6d';
const ENV = { TEAMS_APP_ID: APP_ID, MicrosoftAppId: BOT_ID, PUBLIC_URL: 'https://pam-tracker.example.org' };

const settings = (env: Record<string, string | undefined> = ENV): PackageSettings => packageSettings(env, '0.1.0');
const manifestFor = async (env?: Record<string, string | undefined>): Promise<TeamsManifest> =>
  buildManifest(settings(env));

/** A problem list of a PackageError (fails the test if something else was thrown, or nothing). */
function problemsOf(run: () => unknown): readonly string[] {
  try {
    run();
  } catch (err) {
    if (err instanceof PackageError) return err.problems;
    throw err;
  }
  throw new Error('expected a PackageError');
}

describe('the settings from the environment', () => {
  it('names every required variable that is missing, in one go', () => {
    const problems = problemsOf(() => settings({}));
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/^TEAMS_APP_ID is not set/);
    expect(problems[1]).toMatch(/^MicrosoftAppId is not set/);
    expect(problems[2]).toMatch(/^BOT_HOSTNAME \(or PUBLIC_URL\) is not set/);
    expect(() => settings({})).toThrow(/cannot make the Teams app package:\n {2}- TEAMS_APP_ID is not set/);
  });

  it('takes the host from PUBLIC_URL, or BOT_HOSTNAME; the SSO app defaults to the bot', () => {
    expect(settings()).toMatchObject({
      teamsAppId: APP_ID,
      botId: BOT_ID,
      ssoAppId: BOT_ID,
      host: 'pam-tracker.example.org',
      version: '0.1.0',
    });
    const named = settings({
      TEAMS_APP_ID: APP_ID,
      MicrosoftAppId: BOT_ID,
      BOT_HOSTNAME: 'Tracker.Police.example',
      TAB_SSO_APP_ID: SSO_ID,
      APP_VERSION: '2.3.4',
    });
    expect(named).toMatchObject({ host: 'tracker.police.example', ssoAppId: SSO_ID, version: '2.3.4' });
    expect(named.developer).toEqual({
      name: 'PAM tracker',
      websiteUrl: 'https://tracker.police.example/',
      privacyUrl: 'https://tracker.police.example/privacy',
      termsOfUseUrl: 'https://tracker.police.example/terms',
    });
    const developer = settings({
      ...ENV,
      APP_DEVELOPER_NAME: 'Office of the PCC',
      APP_WEBSITE_URL: 'https://opcc.example/',
      APP_PRIVACY_URL: 'https://opcc.example/privacy',
      APP_TERMS_URL: 'https://opcc.example/terms',
    }).developer;
    expect(developer).toEqual({
      name: 'Office of the PCC',
      websiteUrl: 'https://opcc.example/',
      privacyUrl: 'https://opcc.example/privacy',
      termsOfUseUrl: 'https://opcc.example/terms',
    });
  });

  it.each([
    [{ ...ENV, PUBLIC_URL: 'http://pam-tracker.example.org' }, /PUBLIC_URL must start with https:\/\//],
    [{ ...ENV, PUBLIC_URL: 'https://pam-tracker.example.org:8443' }, /without a port/],
    [{ ...ENV, PUBLIC_URL: 'not a url' }, /PUBLIC_URL must be a URL/],
    [
      { ...ENV, PUBLIC_URL: undefined, BOT_HOSTNAME: 'https://pam-tracker.example.org/' },
      /BOT_HOSTNAME must be a host name/,
    ],
    [{ ...ENV, BOT_HOSTNAME: 'other.example.org' }, /BOT_HOSTNAME \(other.example.org\) is not PUBLIC_URL's host/],
    [{ ...ENV, APP_VERSION: '1.0' }, /APP_VERSION must be MAJOR.MINOR.PATCH/],
    [{ ...ENV, APP_VERSION: '1.0.0-beta.1' }, /APP_VERSION must be MAJOR.MINOR.PATCH/],
    [{ ...ENV, APP_PRIVACY_URL: 'http://opcc.example/privacy' }, /APP_PRIVACY_URL must be an https:\/\/ URL/],
  ])('refuses %j', (env, message) => {
    const problems = problemsOf(() => settings(env));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(message);
  });
});

describe('the manifest for a sample configuration', () => {
  it('is valid against the Teams schema it names, which @microsoft/app-manifest bundles', async () => {
    const manifest = await manifestFor();
    expect(await validateManifest(manifest)).toEqual([]);
    expect(manifest.$schema).toBe(
      `https://developer.microsoft.com/json-schemas/teams/v${manifest.manifestVersion}/MicrosoftTeams.schema.json`,
    );
    const bundled = path.join(
      path.dirname(createRequire(import.meta.url).resolve('@microsoft/app-manifest')),
      'json-schemas',
      'teams',
      `v${manifest.manifestVersion}`,
      'MicrosoftTeams.schema.json',
    );
    expect(existsSync(bundled)).toBe(true);
  });

  it('declares the bot, the two tabs, SSO and the host', async () => {
    const manifest = await manifestFor({ ...ENV, TAB_SSO_APP_ID: SSO_ID });
    expect(manifest).toMatchObject({
      id: APP_ID,
      version: '0.1.0',
      accentColor: ACCENT_COLOR,
      icons: { color: 'color.png', outline: 'outline.png' },
    });
    expect(manifest.bots).toHaveLength(1);
    expect(manifest.bots?.[0]).toMatchObject({
      botId: BOT_ID,
      scopes: ['personal', 'team', 'groupChat'],
      isNotificationOnly: false,
      // The secretariat sends the minutes' Word file in their 1:1 chat with the bot.
      supportsFiles: true,
    });
    expect(manifest.staticTabs?.find((t) => t.entityId === 'myActions')).toEqual({
      entityId: 'myActions',
      name: 'My actions',
      contentUrl: 'https://pam-tracker.example.org/tab?view=mine',
      scopes: ['personal'],
      context: ['personalTab'],
    });
    expect(manifest.configurableTabs).toEqual([
      {
        id: 'actionTracker',
        configurationUrl: 'https://pam-tracker.example.org/tab/config',
        canUpdateConfiguration: true,
        scopes: ['team'],
        context: ['channelTab'],
      },
    ]);
    expect(manifest.webApplicationInfo).toEqual({ id: SSO_ID, resource: `api://pam-tracker.example.org/${SSO_ID}` });
    expect(manifest.validDomains).toEqual(['pam-tracker.example.org']);
    expect(manifest.developer.privacyUrl).toBe('https://pam-tracker.example.org/privacy');
    expect(manifest.description.short.length).toBeLessThanOrEqual(80);
    expect(manifest.description.full).toMatch(/Teams admin/);
    expect(JSON.stringify(manifest)).not.toMatch(/\{\{/);
  });
});

describe('a broken manifest', () => {
  it("reports the schema's own message for an invalid app id", async () => {
    const errors = await buildManifest({ ...settings(), teamsAppId: 'pam-tracker' }).then(validateManifest);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^\/id must match pattern "\^\[0-9a-fA-F\]\{8\}/);
  });

  it('reports an invalid bot id where it is', async () => {
    const errors = await validateManifest(await buildManifest({ ...settings(), botId: 'not-a-guid' }));
    expect(errors.some((e) => e.startsWith('/bots/0/botId must match pattern'))).toBe(true);
  });

  it('reports a missing required field', async () => {
    const manifest: Partial<TeamsManifest> = { ...(await manifestFor()) };
    delete manifest.description;
    expect(await validateManifest(manifest)).toEqual([
      expect.stringMatching(/must have required property 'description'/),
    ]);
  });

  it('reports a field the schema does not know, and an over-long name', async () => {
    const manifest = {
      ...(await manifestFor()),
      name: { short: 'Performance Accountability Meeting tracker' },
      tabs: [],
    };
    const errors = await validateManifest(manifest);
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^\/name\/short must NOT have more than 30 characters/),
        expect.stringMatching(/must NOT have additional properties.*"tabs"/),
      ]),
    );
  });

  it('refuses a manifest without a schema it has offline, rather than fetching one', async () => {
    const { $schema: _, ...manifest } = await manifestFor();
    expect(await validateManifest(manifest)).toEqual([expect.stringMatching(/^\/\$schema must name a Teams schema/)]);
    expect(await validateManifest({ ...manifest, $schema: 'https://example.org/schema.json' })).toHaveLength(1);
  });
});

describe("the bot's command lists", () => {
  it('are the real commands, one list per scope, each within the schema limit', async () => {
    const lists = (await manifestFor()).bots?.[0]?.commandLists ?? [];
    expect(lists.map((l) => l.scopes)).toEqual(BOT_SCOPES.map((s) => [s]));
    const real = new Map<string, (typeof COMMANDS)[number]>(COMMANDS.map((c) => [c.name, c]));
    for (const list of lists) {
      expect(list.commands.length).toBeLessThanOrEqual(MENU_MAX);
      expect(new Set(list.commands.map((c) => c.title)).size).toBe(list.commands.length);
      for (const command of list.commands) {
        const c = real.get(command.title);
        expect(c, `${command.title} is a command of the bot`).toBeDefined();
        if (!c) continue;
        expect(command.description?.toLowerCase()).toContain(c.does.toLowerCase());
        if (c.who !== 'everyone') expect(command.description).toContain(`(${c.who})`);
      }
    }
  });

  it('offer the everyday commands in some scope; the rest are typed, as help lists them', async () => {
    const lists = (await manifestFor()).bots?.[0]?.commandLists ?? [];
    const offered = new Set(lists.flatMap((l) => l.commands.map((c) => c.title)));
    const typed = COMMANDS.map((c) => c.name).filter((n) => !offered.has(n));
    expect(typed.sort()).toEqual(['ask', 'deep dive', 'deep dives', 'next meeting', 'question', 'raise from']);
    expect(lists.every((l) => l.commands.some((c) => c.title === 'help'))).toBe(true);
  });

  it('are MENUS, with the words of COMMANDS', () => {
    expect(commandLists()).toEqual(
      BOT_SCOPES.map((scope) => ({
        scopes: [scope],
        commands: MENUS[scope].map((name) =>
          menuCommand(COMMANDS.find((c) => c.name === name) ?? { name, does: '', who: 'everyone' }),
        ),
      })),
    );
    expect(menuCommand({ name: 'raise', does: 'add one action', who: 'chair, secretariat' })).toEqual({
      title: 'raise',
      description: 'Add one action (chair, secretariat)',
    });
  });

  it('offer in a channel and a group chat only the commands answered there, for everyone in it to read', () => {
    const answeredThere = COMMANDS.filter((c) => answeredInShared(c))
      .map((c) => c.name)
      .sort();
    expect(answeredThere).toEqual(['help', 'meetings', 'use this channel']);
    expect([...MENUS.team].sort()).toEqual(answeredThere);
    expect([...MENUS.groupChat].sort()).toEqual(answeredThere);
  });

  it('refuse a menu naming a command the bot does not have, or too many', () => {
    expect(() => commandLists(COMMANDS, { ...MENUS, team: ['help', 'frobnicate'] })).toThrow(
      /team menu names commands the bot does not have: frobnicate/,
    );
    const many = Array.from({ length: MENU_MAX + 1 }, (_, n) => ({
      name: `c${n}`,
      does: 'x',
      who: 'everyone' as const,
    }));
    const names = many.map((c) => c.name);
    expect(() => commandLists(many, { personal: names, team: names, groupChat: names })).toThrow(/Teams allows 12/);
  });
});

describe('the template', () => {
  it('names only values the build fills', async () => {
    const template = await readTemplate();
    const names = new Set([...JSON.stringify(template).matchAll(/\{\{([A-Z_]+)\}\}/g)].map((m) => m[1]));
    expect([...names].sort()).toEqual([
      'ACCENT_COLOR',
      'APP_VERSION',
      'BOT_ID',
      'COMMAND_LISTS',
      'DEVELOPER_NAME',
      'HOST',
      'PRIVACY_URL',
      'SSO_APP_ID',
      'TEAMS_APP_ID',
      'TERMS_URL',
      'WEBSITE_URL',
    ]);
  });

  it('fills placeholders inside strings and whole values, and refuses an unknown one', () => {
    expect(
      fillTemplate({ a: 'https://{{HOST}}/x', b: ['{{LIST}}'], c: 3 }, { HOST: 'h.example', LIST: [1, 2] }),
    ).toEqual({ a: 'https://h.example/x', b: [[1, 2]], c: 3 });
    expect(() => fillTemplate({ a: '{{HOST}} {{NOPE}}' }, { HOST: 'h' })).toThrow(/does not have: NOPE/);
  });
});
