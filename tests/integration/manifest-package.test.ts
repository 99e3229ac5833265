// `npm run package`'s work, run in-process into a temp dir: the zip holds the manifest and the two
// icons kept in manifest/, the manifest is the one validated, the icons are the sizes Teams asks
// for, and the outline icon is white on transparent.
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { COMMANDS } from '../../bot/rules/commands.ts';
import {
  ACCENT_COLOR,
  COLOR_ICON,
  MENUS,
  OUTLINE_ICON,
  PACKAGE_FILE,
  PackageError,
  buildPackage,
  validateManifest,
  type TeamsManifest,
} from '../../manifest/package.ts';
import { crc32, unzip } from '../helpers/unzip.ts';

const ENV = {
  TEAMS_APP_ID: '0b6b2a4c-6c1e-4f57-9f0a-2f1d3c4b5a69',
  MicrosoftAppId: '3f1e9a52-8d3c-4b7e-a1f0-6c2d9e8b7a41',
  BOT_HOSTNAME: 'pam-tracker.example.org',
  APP_VERSION: '1.2.0',
};

interface Png {
  width: number;
  height: number;
  bitDepth: number;
  colorType: number;
  /** RGBA, 4 bytes a pixel (only 8-bit RGBA with every row unfiltered is read this far). */
  pixels?: Buffer;
}

/**
 * Reads a PNG's chunks (checking each CRC) and its IHDR; for 8-bit RGBA, inflates the IDAT to its
 * pixels. Rows must use filter 0 (none), as the icons do: undoing the others is a decoder's work.
 */
function readPng(png: Buffer): Png {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const chunks: { type: string; data: Buffer }[] = [];
  for (let at = 8; at < png.length;) {
    const length = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    const data = png.subarray(at + 8, at + 8 + length);
    expect(png.readUInt32BE(at + 8 + length), `CRC of ${type}`).toBe(crc32(png.subarray(at + 4, at + 8 + length)));
    chunks.push({ type, data });
    at += 12 + length;
  }
  expect(chunks[0]?.type).toBe('IHDR');
  expect(chunks.at(-1)?.type).toBe('IEND');
  const ihdr = chunks[0]?.data ?? Buffer.alloc(13);
  const header = {
    width: ihdr.readUInt32BE(0),
    height: ihdr.readUInt32BE(4),
    bitDepth: ihdr[8] ?? 0,
    colorType: ihdr[9] ?? 0,
  };
  if (header.colorType !== 6 || header.bitDepth !== 8 || ihdr[12] !== 0) return header;
  const raw = inflateSync(Buffer.concat(chunks.filter((c) => c.type === 'IDAT').map((c) => c.data)));
  const stride = header.width * 4;
  expect(raw.length).toBe((stride + 1) * header.height);
  const rows = Array.from({ length: header.height }, (_, y) => raw.subarray(y * (stride + 1), (y + 1) * (stride + 1)));
  expect(
    rows.map((row) => row[0]).filter((filter) => filter !== 0),
    'rows not unfiltered: save the icon without PNG row filters',
  ).toEqual([]);
  return { ...header, pixels: Buffer.concat(rows.map((row) => row.subarray(1))) };
}

let outDir: string;
beforeEach(async () => {
  outDir = await mkdtemp(path.join(tmpdir(), 'pam-manifest-'));
});
afterEach(async () => {
  vi.useRealTimers();
  await rm(outDir, { recursive: true, force: true });
});

describe('the app package', () => {
  it('holds manifest.json and the two icons, as written beside it', async () => {
    const built = await buildPackage({ env: ENV, outDir });
    expect(built.files.zip).toBe(path.join(outDir, PACKAGE_FILE));
    const archive = await readFile(built.files.zip);
    expect(archive.length).toBe(built.zipBytes);
    const files = unzip(archive);
    expect([...files.keys()]).toEqual(['manifest.json', 'color.png', 'outline.png']);

    const manifestJson = files.get('manifest.json') ?? Buffer.alloc(0);
    expect(manifestJson).toEqual(await readFile(built.files.manifest));
    const manifest = JSON.parse(manifestJson.toString('utf8')) as TeamsManifest;
    expect(manifest).toEqual(built.manifest);
    expect(await validateManifest(manifest)).toEqual([]);
    expect(manifest).toMatchObject({
      id: ENV.TEAMS_APP_ID,
      version: '1.2.0',
      bots: [{ botId: ENV.MicrosoftAppId }],
      validDomains: ['pam-tracker.example.org'],
    });
    expect(files.get(manifest.icons.color)).toEqual(await readFile(built.files.color));
    expect(files.get(manifest.icons.outline)).toEqual(await readFile(built.files.outline));
    // The icons kept in manifest/, as they are.
    expect(files.get(manifest.icons.color)).toEqual(await readFile(COLOR_ICON));
    expect(files.get(manifest.icons.outline)).toEqual(await readFile(OUTLINE_ICON));
  });

  it("lists the bot's real commands", async () => {
    const { files } = await buildPackage({ env: ENV, outDir });
    const manifest = JSON.parse(await readFile(files.manifest, 'utf8')) as TeamsManifest;
    const lists = manifest.bots?.[0]?.commandLists ?? [];
    expect(lists.flatMap((l) => l.scopes)).toEqual(['personal', 'team', 'groupChat']);
    const offered = new Set(lists.flatMap((l) => l.commands.map((c) => c.title)));
    expect([...offered].sort()).toEqual(
      [...MENUS.personal, ...MENUS.team, ...MENUS.groupChat].filter((n, i, all) => all.indexOf(n) === i).sort(),
    );
    expect([...offered].every((n) => COMMANDS.some((c) => c.name === n))).toBe(true);
    const does = new Map<string, string>(COMMANDS.map((c) => [c.name, c.does]));
    for (const c of lists.flatMap((l) => l.commands))
      expect(c.description?.toLowerCase()).toContain(does.get(c.title)?.toLowerCase());
  });

  it('has a 192x192 colour icon on the accent colour, and a 32x32 white outline on transparent', async () => {
    const files = unzip(await readFile((await buildPackage({ env: ENV, outDir })).files.zip));
    const color = readPng(files.get('color.png') ?? Buffer.alloc(0));
    expect(color).toMatchObject({ width: 192, height: 192, bitDepth: 8, colorType: 6 });
    const accent = [1, 3, 5].map((i) => Number.parseInt(ACCENT_COLOR.slice(i, i + 2), 16));
    expect([...(color.pixels?.subarray(0, 4) ?? [])]).toEqual([...accent, 255]);
    const colorAlpha = new Set<number>();
    let white = 0;
    for (let i = 0; i < 192 * 192; i++) {
      colorAlpha.add(color.pixels?.[i * 4 + 3] ?? -1);
      if (color.pixels?.readUIntBE(i * 4, 3) === 0xffffff) white++;
    }
    expect([...colorAlpha]).toEqual([255]);
    expect(white).toBeGreaterThan(1000); // the checklist is drawn

    const outline = readPng(files.get('outline.png') ?? Buffer.alloc(0));
    expect(outline).toMatchObject({ width: 32, height: 32, bitDepth: 8, colorType: 6 }); // 6: RGBA, an alpha channel
    let transparent = 0;
    let opaque = 0;
    for (let i = 0; i < 32 * 32; i++) {
      const alpha = outline.pixels?.[i * 4 + 3] ?? -1;
      if (alpha === 0) transparent++;
      if (alpha === 255) opaque++;
      if (alpha > 0) expect(outline.pixels?.readUIntBE(i * 4, 3), `pixel ${i} is white`).toBe(0xffffff);
    }
    expect(transparent).toBeGreaterThan(32 * 32 * 0.5);
    expect(opaque).toBeGreaterThan(50);
    expect(outline.pixels?.[3]).toBe(0); // the corner is transparent
  });

  it('is made from the same inputs to the same bytes, on another day', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2025-05-01T09:00:00Z'));
    const first = await readFile((await buildPackage({ env: ENV, outDir })).files.zip);
    vi.setSystemTime(new Date('2031-11-27T17:45:13Z'));
    const second = await readFile((await buildPackage({ env: ENV, outDir: path.join(outDir, 'again') })).files.zip);
    expect(second).toEqual(first);
  });
});

describe('a package that cannot be made', () => {
  it('names the missing variables and leaves no package behind (not even an older one)', async () => {
    await writeFile(path.join(outDir, PACKAGE_FILE), 'an older package');
    const error = await buildPackage({ env: { BOT_HOSTNAME: 'pam-tracker.example.org' }, outDir }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(PackageError);
    expect((error as PackageError).problems.map((p) => p.split(' ')[0])).toEqual(['TEAMS_APP_ID', 'MicrosoftAppId']);
    expect(existsSync(path.join(outDir, PACKAGE_FILE))).toBe(false);
  });

  it("fails with the schema's own messages when the manifest is invalid, writing nothing", async () => {
    const error = await buildPackage({
      env: { ...ENV, TEAMS_APP_ID: 'pam-tracker', MicrosoftAppId: '1234' },
      outDir,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PackageError);
    const { message, problems } = error as PackageError;
    expect(message).toMatch(
      /^the manifest is not valid against the Teams schema \(https:\/\/developer\.microsoft\.com\/json-schemas\/teams\/v1\.\d+\/MicrosoftTeams\.schema\.json\):\n/,
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^\/id must match pattern/),
        expect.stringMatching(/^\/bots\/0\/botId must match pattern/),
      ]),
    );
    expect(existsSync(path.join(outDir, 'manifest.json'))).toBe(false);
    expect(existsSync(path.join(outDir, PACKAGE_FILE))).toBe(false);
  });
});
