// The dashboard tab: its page (GET /tab, the channel tab's settings page GET /tab/config), its
// script and stylesheet, its JSON API (tab-api.ts), and, for local use only, the dev sign-in.
import express, { Router, type RequestHandler } from 'express';
import { createTokenVerifier, type TokenVerifier } from '../auth/tokens.ts';
import type { TabConfig } from '../config.ts';
import type { Logger } from '../log.ts';
import type { Links } from '../services/links.ts';
import type { Stores } from '../services/board-context.ts';
import { loadTabBundle, type TabBundle } from '../tab/build.ts';
import { TAB_CSS, tabPage } from '../tab/page.ts';
import type { IsoDate, Scope } from '../rules/types.ts';
import { createTabApi } from './tab-api.ts';

export interface TabDeps {
  config: TabConfig;
  stores: Stores;
  log: Logger;
  board: string;
  /** The tenant of a local run (no app id): the dev sign-in and every caller work on it. */
  localTenant?: string;
  links?: Links;
  now?: () => Date;
  onActionChanged?: (scope: Scope, meeting: IsoDate) => void;
  /** Tests: a verifier with a loopback JWKS. Default: from `config`. */
  verifier?: TokenVerifier;
  /** Tests: the bundle. Default: built by esbuild on first request, kept in memory. */
  bundle?: () => Promise<TabBundle>;
}

const FRAME_ANCESTORS = [
  "'self'",
  'https://teams.microsoft.com',
  'https://*.teams.microsoft.com',
  'https://*.teams.microsoft.us',
  'https://*.office.com',
  'https://*.microsoft365.com',
  'https://*.cloud.microsoft',
  'https://*.skype.com',
].join(' ');
const CSP = `default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors ${FRAME_ANCESTORS}`;

export function tabVerifier(config: TabConfig): TokenVerifier {
  return createTokenVerifier({
    ...(config.audiences.length
      ? {
          sso: {
            audiences: config.audiences,
            issuers: config.issuers,
            jwksUrl: config.jwksUrl,
            ...(config.tenant ? { tenant: config.tenant } : {}),
          },
        }
      : {}),
    ...(config.devLogin ? { dev: {} } : {}),
  });
}

/** Builds (once) and keeps the browser bundle; a failed build is tried again on the next request. */
export function cachedBundle(load: () => Promise<TabBundle> = loadTabBundle): () => Promise<TabBundle> {
  let pending: Promise<TabBundle> | undefined;
  return () => {
    pending ??= load().catch((err: unknown) => {
      pending = undefined;
      throw err;
    });
    return pending;
  };
}

export function createTabRoutes(deps: TabDeps): Router {
  const router = Router();
  const verifier = deps.verifier ?? tabVerifier(deps.config);
  const bundle = deps.bundle ?? cachedBundle();
  // Dev sign-in exists only when the configuration allows it AND the verifier accepts dev tokens.
  const dev = deps.config.devLogin && verifier.devToken ? verifier.devToken : undefined;
  const devScope: Scope = { tenant: deps.localTenant ?? 'local', board: deps.board };

  const page =
    (which: 'dashboard' | 'config'): RequestHandler =>
    (_req, res) => {
      res.setHeader('Content-Security-Policy', CSP);
      res.setHeader('Cache-Control', 'no-cache');
      res.type('html').send(tabPage({ page: which, devLogin: dev !== undefined }));
    };
  router.get('/tab', page('dashboard'));
  router.get('/tab/config', page('config'));
  router.get('/tab/tab.css', (_req, res) => {
    res.setHeader('Cache-Control', 'no-cache');
    res.type('css').send(TAB_CSS);
  });
  router.get('/tab/tab.js', async (_req, res) => {
    const b = await bundle();
    res.setHeader('Cache-Control', 'no-cache');
    res.type('js').send(b.js);
  });

  if (dev) {
    deps.log.warn('tab.dev_login', {
      message: 'no app id: the tab offers a dev sign-in as any directory person (local use only)',
    });
    router.get('/api/tab/dev-people', async (_req, res) => {
      const people = await deps.stores.people.list(devScope);
      res.setHeader('Cache-Control', 'no-store');
      res.json(
        people
          .map(({ person: p }) => ({ id: p.id, name: p.name, role: p.role }))
          .sort((a, b) => a.name.localeCompare(b.name, 'en-GB')),
      );
    });
    router.post('/api/tab/dev-login', express.json({ limit: '4kb' }), async (req, res) => {
      const personId = (req.body as { personId?: unknown } | undefined)?.personId;
      const person =
        typeof personId === 'string' && personId.length <= 200
          ? await deps.stores.people.get(devScope, personId)
          : null;
      if (!person) {
        res.status(400).json({ error: 'no such person in the directory' });
        return;
      }
      res.setHeader('Cache-Control', 'no-store');
      res.json(dev(person.person.id));
    });
  }

  router.use(
    createTabApi({
      stores: deps.stores,
      log: deps.log,
      verifier,
      board: deps.board,
      ...(deps.localTenant ? { localTenant: deps.localTenant } : {}),
      ...(deps.links ? { links: deps.links } : {}),
      ...(deps.now ? { now: deps.now } : {}),
      ...(deps.onActionChanged ? { onActionChanged: deps.onActionChanged } : {}),
    }),
  );
  return router;
}
