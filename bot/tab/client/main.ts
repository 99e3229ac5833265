// The dashboard tab in the browser: plain TypeScript and the DOM, bundled by esbuild (bot/tab/build.ts).
// In Teams: theme from the context (re-themed on change), a token from Teams SSO. Outside Teams,
// and only when the server offers it (local use: no app id, not production), a dev sign-in.
import { app, authentication, pages } from '@microsoft/teams-js';
import {
  ApiError,
  createApi,
  type ActionsAnswer,
  type Api,
  type Me,
  type MeetingsAnswer,
  type TabAction,
} from './api.ts';

const body = document.body;
const root = document.getElementById('root') as HTMLElement;
const devLogin = body.dataset.devLogin === '1';
const isConfigPage = body.dataset.page === 'config';
const params = new URLSearchParams(location.search);
const DEV_KEY = 'pam-tab-dev-token';

function esc(s: string | number | undefined): string {
  return String(s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function setTheme(theme: string | undefined): void {
  document.documentElement.dataset.theme = theme === 'dark' || theme === 'contrast' ? theme : 'default';
}

/** Whether we run inside a Teams host: app.initialize raced against a second (it hangs in a foreign frame). */
async function inTeams(): Promise<boolean> {
  let timer: number | undefined;
  try {
    await Promise.race([
      app.initialize(),
      new Promise((_, reject) => {
        timer = window.setTimeout(() => reject(new Error('timeout')), 1_000);
      }),
    ]);
    return true;
  } catch {
    return false;
  } finally {
    window.clearTimeout(timer);
  }
}

function message(title: string, text: string): void {
  root.innerHTML = `<main><section class="panel" role="status"><h1>${esc(title)}</h1><p>${esc(text)}</p></section></main>`;
}

async function main(): Promise<void> {
  setTheme(params.get('theme') ?? undefined);
  const teams = await inTeams();
  body.dataset.host = teams ? 'teams' : 'browser';
  if (teams) {
    const ctx = await app.getContext();
    setTheme(ctx.app.theme);
    app.registerOnThemeChangeHandler(setTheme);
    if (isConfigPage || ctx.page.frameContext === 'settings') return configPage();
    app.notifySuccess();
    // Teams SSO: asked once, and again when the API says the token no longer holds (401).
    let token: Promise<string> | undefined;
    const api = createApi((fresh) => {
      if (fresh || !token) token = authentication.getAuthToken();
      return token;
    });
    return start(api);
  }
  if (isConfigPage)
    return message('Open in Teams', 'This page configures the tracker tab when it is added to a channel in Teams.');
  if (!devLogin)
    return message('Open this in Teams', 'The action tracker is a Teams tab: open it from the app in Microsoft Teams.');
  const saved = sessionStorage.getItem(DEV_KEY);
  if (saved) return start(devApi(saved));
  return devSignIn();
}

// --- Local use only: the dev sign-in ---------------------------------------------------------

function devApi(token: string): Api {
  return createApi(async (fresh) => {
    if (fresh) {
      sessionStorage.removeItem(DEV_KEY);
      location.reload();
    }
    return token;
  });
}

async function devSignIn(): Promise<void> {
  const res = await fetch('/api/tab/dev-people');
  const people = (await res.json()) as Array<{ id: string; name: string; role: string }>;
  root.innerHTML = `
    <main><section class="panel">
      <h1>Not in Teams: local sign-in</h1>
      <p>This server has no app id (local use), so you may look at the tracker as anyone in the directory.</p>
      <form id="dev-login">
        <label for="dev-person">Sign in as</label>
        <select id="dev-person" name="person" required>
          ${people.map((p) => `<option value="${esc(p.id)}">${esc(p.name)} (${esc(p.role)})</option>`).join('')}
        </select>
        <button type="submit">Sign in</button>
      </form>
    </section></main>`;
  const form = document.getElementById('dev-login') as HTMLFormElement;
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const personId = (document.getElementById('dev-person') as HTMLSelectElement).value;
    const login = await fetch('/api/tab/dev-login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ personId }),
    });
    const answer = (await login.json()) as { token?: string; error?: string };
    if (!answer.token) return message('Not signed in', answer.error ?? 'the server refused');
    sessionStorage.setItem(DEV_KEY, answer.token);
    await start(devApi(answer.token));
  });
  (document.getElementById('dev-person') as HTMLSelectElement).focus();
}

// --- The channel tab's configuration page ---------------------------------------------------------

function configPage(): void {
  root.innerHTML = `
    <main><section class="panel">
      <h1>Action tracker</h1>
      <fieldset>
        <legend>What this tab opens on</legend>
        <label><input type="radio" name="view" value="all" checked> The board’s open actions (chair, secretariat, scrutiny)</label>
        <label><input type="radio" name="view" value="mine"> Each person’s own actions</label>
      </fieldset>
    </section></main>`;
  pages.config.registerOnSaveHandler((save) => {
    const view = (document.querySelector('input[name=view]:checked') as HTMLInputElement | null)?.value ?? 'all';
    pages.config
      .setConfig({
        entityId: `pam-tracker-${view}`,
        contentUrl: `${location.origin}/tab?view=${view}`,
        websiteUrl: `${location.origin}/tab?view=${view}`,
        suggestedDisplayName: 'Action tracker',
      })
      .then(
        () => save.notifySuccess(),
        (err: unknown) => save.notifyFailure(String(err)),
      );
  });
  pages.config.setValidityState(true);
  app.notifySuccess();
}

// --- The dashboard ---------------------------------------------------------------------------------

interface State {
  api: Api;
  me: Me;
  view: 'all' | 'mine';
  data?: ActionsAnswer;
  filters: { owner: string; meeting: string; status: string; overdue: boolean; q: string };
  sort: { key: SortKey; dir: 1 | -1 };
}

type SortKey = 'ref' | 'owner' | 'meeting' | 'due' | 'status' | 'daysOverdue';
const COLUMNS: Array<{ key: SortKey | null; label: string }> = [
  { key: 'ref', label: 'Ref' },
  { key: null, label: 'Action' },
  { key: 'owner', label: 'Owner' },
  { key: 'meeting', label: 'Meeting' },
  { key: 'due', label: 'Due' },
  { key: 'status', label: 'Status' },
  { key: null, label: 'Latest update' },
  { key: 'daysOverdue', label: 'Days overdue' },
  { key: null, label: 'No reply' },
];

async function start(api: Api): Promise<void> {
  message('Loading', 'Loading the actions…');
  let me: Me;
  try {
    me = await api.me();
  } catch (err) {
    return message('Not available', err instanceof ApiError ? err.message : 'the tracker could not be reached');
  }
  const asked = params.get('view');
  const view = asked === 'mine' || !me.canSeeBoard ? 'mine' : 'all';
  const state: State = {
    api,
    me,
    view,
    filters: { owner: '', meeting: '', status: '', overdue: false, q: '' },
    sort: { key: 'due', dir: 1 },
  };
  root.innerHTML = `
    <header class="top">
      <h1>${esc(me.board)} actions <span class="sub">${view === 'all' ? 'the board' : 'mine'}</span></h1>
      <p class="who">Signed in as <strong>${esc(me.person.name)}</strong> (${esc(me.person.role)})
        ${me.canSeeBoard ? `· <a href="?view=${view === 'all' ? 'mine' : 'all'}">${view === 'all' ? 'My actions' : 'The board'}</a>` : ''}
        ${body.dataset.host === 'browser' ? '· <button type="button" id="sign-out" class="link">Sign out</button>' : ''}</p>
    </header>
    <main><div id="live" class="visually-hidden" aria-live="polite"></div><div id="content"></div></main>`;
  document.getElementById('sign-out')?.addEventListener('click', () => {
    sessionStorage.removeItem(DEV_KEY);
    location.reload();
  });
  await load(state);
}

async function load(state: State): Promise<void> {
  const content = document.getElementById('content') as HTMLElement;
  try {
    const [data, meetings] = await Promise.all([
      state.api.actions(state.view),
      state.view === 'all' ? state.api.meetings() : Promise.resolve(undefined),
    ]);
    state.data = data;
    if (state.view === 'all') renderBoard(state, content, meetings as MeetingsAnswer);
    else renderMine(state, content);
    body.dataset.ready = '1';
  } catch (err) {
    content.innerHTML = `<p class="notice attention" role="alert">${esc(err instanceof Error ? err.message : String(err))}</p>`;
  }
}

function chart(m: MeetingsAnswer): string {
  const rows = m.meetings;
  if (rows.length === 0) return '<p>No meetings held yet.</p>';
  const W = 640,
    H = 200,
    pad = 28,
    band = (W - pad) / rows.length,
    bar = Math.min(18, band / 3);
  const max = Math.max(1, ...rows.map((r) => Math.max(r.open, r.closed)));
  const y = (v: number): number => H - pad - ((H - pad * 2) * v) / max;
  const bars = rows
    .map((r, i) => {
      const x = pad + i * band + band / 2;
      return `<g><title>${esc(r.label)}: ${r.open} open, ${r.closed} closed</title>
      <rect class="bar-open" x="${x - bar}" y="${y(r.open)}" width="${bar}" height="${H - pad - y(r.open)}"></rect>
      <rect class="bar-closed" x="${x}" y="${y(r.closed)}" width="${bar}" height="${H - pad - y(r.closed)}"></rect>
      <text x="${x}" y="${H - 10}" text-anchor="middle">${esc(r.label.slice(0, 5))}</text></g>`;
    })
    .join('');
  const summary = rows.map((r) => `${r.label}: ${r.open} open, ${r.closed} closed`).join('; ');
  return `<svg class="chart" viewBox="0 0 ${W} ${H}" role="img" aria-label="Actions raised at each of the last ${rows.length} meetings, open and closed. ${esc(summary)}">
      <line class="axis" x1="${pad}" y1="${H - pad}" x2="${W}" y2="${H - pad}"></line>
      <text x="${pad - 4}" y="${y(max) + 4}" text-anchor="end">${max}</text>
      ${bars}
    </svg>
    <p class="legend"><span class="key key-open"></span> Open <span class="key key-closed"></span> Closed (discharged)</p>`;
}

function options(values: Array<[string, string]>, all: string): string {
  return `<option value="">${esc(all)}</option>${values.map(([v, l]) => `<option value="${esc(v)}">${esc(l)}</option>`).join('')}`;
}

function renderBoard(state: State, content: HTMLElement, meetings: MeetingsAnswer): void {
  const data = state.data as ActionsAnswer;
  const owners = [...new Set(data.actions.flatMap((a) => a.owners))].sort((a, b) => a.localeCompare(b, 'en-GB'));
  const meetingDates = [...new Map(data.actions.map((a) => [a.meeting, a.meetingDate])).entries()].sort((a, b) =>
    b[0].localeCompare(a[0]),
  );
  const statuses = data.statuses.filter((s) => s.count > 0);
  const d = meetings.digest;
  content.innerHTML = `
    <section aria-labelledby="counts-h" class="counts">
      <h2 id="counts-h" class="visually-hidden">Counts</h2>
      <ul>
        <li class="total"><span class="n" id="count-open">${data.actions.length}</span> open actions</li>
        ${statuses.map((s) => `<li data-status="${esc(s.key)}"><span class="n">${s.count}</span> ${esc(s.label.toLowerCase())}</li>`).join('')}
        <li class="warn"><span class="n" id="count-overdue">${data.counts.actions.overdue}</span> overdue</li>
        <li class="warn"><span class="n" id="count-no-reply">${data.counts.actions.noReply}</span> no reply since the meeting</li>
        <li><span class="n" id="count-ready">${data.counts.actions.readyToDischarge}</span> completed, awaiting discharge</li>
      </ul>
      <ul aria-label="Scrutiny questions">
        <li class="total"><span class="n" id="count-questions">${data.counts.questions.open}</span> open scrutiny questions</li>
        <li class="warn"><span class="n" id="count-questions-overdue">${data.counts.questions.overdue}</span> overdue</li>
        <li><span class="n" id="count-questions-awaiting">${data.counts.questions.noReply}</span> awaiting a response</li>
      </ul>
    </section>
    <div class="row">
      <section aria-labelledby="chart-h" class="panel grow"><h2 id="chart-h">Open and closed, by the meeting that raised them</h2>${chart(meetings)}</section>
      ${
        d
          ? `<section aria-labelledby="dl-h" class="panel"><h2 id="dl-h">Action log for ${esc(d.meetingDate)}</h2>
        <ul class="downloads"><li><a id="dl-docx" href="${esc(d.docx)}" download>Word (.docx)</a></li><li><a href="${esc(d.md)}" download>Markdown</a></li><li><a href="${esc(d.csv)}" download>CSV</a></li></ul></section>`
          : ''
      }
    </div>
    <form class="filters" id="filters" role="search" aria-label="Filter the actions">
      <div class="field"><label for="f-owner">Owner</label><select id="f-owner">${options(
        owners.map((o) => [o, o]),
        'Everyone',
      )}</select></div>
      <div class="field"><label for="f-meeting">Meeting</label><select id="f-meeting">${options(meetingDates, 'All meetings')}</select></div>
      <div class="field"><label for="f-status">Status</label><select id="f-status">${options(
        statuses.map((s) => [s.key, s.label]),
        'Any status',
      )}</select></div>
      <div class="field check"><input type="checkbox" id="f-overdue"><label for="f-overdue">Overdue only</label></div>
      <div class="field"><label for="f-q">Search</label><input type="search" id="f-q" placeholder="Words, ref or owner"></div>
    </form>
    <p id="shown" aria-live="polite"></p>
    <div class="table-wrap">
      <table id="actions">
        <caption class="visually-hidden">Open actions</caption>
        <thead><tr>${COLUMNS.map((c) => (c.key ? `<th scope="col" data-key="${c.key}"><button type="button" data-sort="${c.key}">${c.label}</button></th>` : `<th scope="col">${c.label}</th>`)).join('')}</tr></thead>
        <tbody></tbody>
      </table>
    </div>`;
  const f = state.filters;
  const on = (id: string, ev: string, fn: (el: HTMLInputElement) => void): void => {
    const el = document.getElementById(id) as HTMLInputElement;
    el.addEventListener(ev, () => {
      fn(el);
      renderRows(state);
    });
  };
  on('f-owner', 'change', (el) => {
    f.owner = el.value;
  });
  on('f-meeting', 'change', (el) => {
    f.meeting = el.value;
  });
  on('f-status', 'change', (el) => {
    f.status = el.value;
  });
  on('f-overdue', 'change', (el) => {
    f.overdue = el.checked;
  });
  on('f-q', 'input', (el) => {
    f.q = el.value.trim().toLowerCase();
  });
  (document.getElementById('filters') as HTMLFormElement).addEventListener('submit', (e) => e.preventDefault());
  content.querySelector('thead')?.addEventListener('click', (e) => {
    const key = (e.target as HTMLElement).closest('button')?.dataset.sort as SortKey | undefined;
    if (!key) return;
    state.sort = {
      key,
      dir: state.sort.key === key ? (state.sort.dir === 1 ? -1 : 1) : key === 'daysOverdue' ? -1 : 1,
    };
    renderRows(state);
  });
  renderRows(state);
}

const STATUS_ORDER = ['blocked', 'open', 'in_progress', 'carried_forward', 'completed', 'standing'];

function compare(key: SortKey): (a: TabAction, b: TabAction) => number {
  switch (key) {
    case 'ref':
      return (a, b) => a.id.localeCompare(b.id);
    case 'owner':
      return (a, b) => (a.owners[0] ?? '').localeCompare(b.owners[0] ?? '', 'en-GB');
    case 'meeting':
      return (a, b) => a.meeting.localeCompare(b.meeting);
    // No due date ("by the next meeting") sorts last.
    case 'due':
      return (a, b) => (a.due ?? '9999').localeCompare(b.due ?? '9999');
    case 'status':
      return (a, b) => STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status);
    case 'daysOverdue':
      return (a, b) => a.daysOverdue - b.daysOverdue;
  }
}

function visible(state: State): TabAction[] {
  const f = state.filters;
  const data = state.data as ActionsAnswer;
  const cmp = compare(state.sort.key);
  return data.actions
    .filter(
      (a) =>
        (!f.owner || a.owners.includes(f.owner)) &&
        (!f.meeting || a.meeting === f.meeting) &&
        (!f.status || a.status === f.status) &&
        (!f.overdue || a.overdue),
    )
    .filter(
      (a) => !f.q || `${a.ref} ${a.text} ${a.owners.join(' ')} ${a.latest?.note ?? ''}`.toLowerCase().includes(f.q),
    )
    .sort((a, b) => state.sort.dir * cmp(a, b) || a.id.localeCompare(b.id));
}

function renderRows(state: State): void {
  const rows = visible(state);
  const tbody = document.querySelector('#actions tbody') as HTMLElement;
  tbody.innerHTML = rows
    .map(
      (a) => `<tr data-id="${esc(a.id)}"${a.overdue ? ' class="overdue"' : ''}>
      <td class="ref">${esc(a.ref)}</td><td>${esc(a.text)}</td><td>${esc(a.owners.join(', '))}</td><td>${esc(a.meetingDate)}</td>
      <td>${esc(a.dueDate ?? 'Next meeting')}</td><td><span class="status s-${esc(a.status)}">${esc(a.statusLabel)}</span></td>
      <td>${a.latest ? `${esc(a.latest.note ?? '')} <span class="by">${esc(a.latest.by)}, ${esc(a.latest.at)}</span>` : '<span class="by">None yet</span>'}</td>
      <td class="num">${a.overdue ? a.daysOverdue : ''}</td><td>${a.noReply ? '<span class="flag">No reply</span>' : ''}</td></tr>`,
    )
    .join('');
  for (const th of document.querySelectorAll<HTMLElement>('#actions th[data-key]')) {
    th.setAttribute(
      'aria-sort',
      th.dataset.key === state.sort.key ? (state.sort.dir === 1 ? 'ascending' : 'descending') : 'none',
    );
  }
  const total = (state.data as ActionsAnswer).actions.length;
  (document.getElementById('shown') as HTMLElement).textContent = `Showing ${rows.length} of ${total} open actions`;
}

// --- An owner's own actions, with the card's reply form ----------------------------------------------

/**
 * The note's limit, said on the form and not enforced by it: the server refuses a longer note with
 * its length, and the form keeps it, rather than cut it short and save it as if whole.
 */
const NOTE_LIMIT = 4_000;

const REPLY_STATUSES: Array<[string, string]> = [
  ['in_progress', 'In progress'],
  ['completed', 'Completed'],
  ['blocked', 'Blocked'],
];

function mineItem(
  a: TabAction,
  notice?: { tone: string; text: string },
  draft?: { status?: string; note?: string },
): string {
  const chosen = draft?.status ?? (REPLY_STATUSES.some(([k]) => k === a.status) ? a.status : 'in_progress');
  return `<article class="panel item" data-id="${esc(a.id)}" data-version="${a.version}" aria-labelledby="h-${esc(a.id)}">
    <h2 id="h-${esc(a.id)}"><span class="ref">${esc(a.ref)}</span> ${esc(a.text)}</h2>
    <dl>
      <dt>Meeting</dt><dd>${esc(a.meetingDate)}</dd>
      <dt>Due</dt><dd>${esc(a.dueDate ?? 'By the next meeting')}${a.overdue ? ` <span class="flag">${a.daysOverdue} days overdue</span>` : ''}</dd>
      <dt>Status</dt><dd class="status-now">${esc(a.statusLabel)}</dd>
      <dt>Latest update</dt><dd class="latest">${a.latest ? `${esc(a.latest.note ?? '')} <span class="by">${esc(a.latest.by)}, ${esc(a.latest.at)}</span>` : 'None yet'}</dd>
    </dl>
    ${notice ? `<p class="notice ${esc(notice.tone)}" role="status" tabindex="-1">${esc(notice.text)}</p>` : ''}
    ${
      a.canReply
        ? `<form class="reply">
      <label for="s-${esc(a.id)}">Status</label>
      <select id="s-${esc(a.id)}" name="status">${REPLY_STATUSES.map(([k, l]) => `<option value="${k}"${k === chosen ? ' selected' : ''}>${l}</option>`).join('')}</select>
      <label for="n-${esc(a.id)}">Progress note (up to ${NOTE_LIMIT.toLocaleString('en-GB')} characters)</label>
      <textarea id="n-${esc(a.id)}" name="note" rows="3">${esc(draft?.note ?? '')}</textarea>
      <button type="submit">Send update</button>
    </form>`
        : ''
    }
  </article>`;
}

function renderMine(state: State, content: HTMLElement): void {
  const data = state.data as ActionsAnswer;
  if (data.actions.length === 0) {
    content.innerHTML = '<p class="notice good">You have no open actions.</p>';
    return;
  }
  content.innerHTML = `<p>${data.actions.length} open action${data.actions.length === 1 ? '' : 's'}.</p><div id="mine">${data.actions.map((a) => mineItem(a)).join('')}</div>`;
  content.addEventListener('submit', async (e) => {
    const form = e.target as HTMLFormElement;
    if (!form.classList.contains('reply')) return;
    e.preventDefault();
    const item = form.closest('article') as HTMLElement;
    const id = item.dataset.id as string;
    const status = (form.elements.namedItem('status') as HTMLSelectElement).value;
    const note = (form.elements.namedItem('note') as HTMLTextAreaElement).value;
    const button = form.querySelector('button') as HTMLButtonElement;
    button.disabled = true;
    button.textContent = 'Sending…';
    try {
      const answer = await state.api.reply(id, {
        status,
        note,
        version: Number(item.dataset.version),
        requestId: crypto.randomUUID(),
      });
      const tone =
        answer.result === 'saved'
          ? 'good'
          : answer.result === 'unchanged' || answer.result === 'stale'
            ? 'warning'
            : 'attention';
      const keep = answer.result === 'stale' || answer.result === 'refused';
      const actions = (state.data as ActionsAnswer).actions;
      // Kept as answered (at its new version), so the next reply is made against it.
      const at = actions.findIndex((a) => a.id === id);
      if (answer.action && at >= 0) actions[at] = answer.action;
      const action = answer.action ?? actions.find((a) => a.id === id);
      if (action) {
        item.outerHTML = mineItem(action, { tone, text: answer.message }, keep ? { status, note } : undefined);
        (document.getElementById('live') as HTMLElement).textContent = answer.message;
        (document.querySelector(`article[data-id="${CSS.escape(id)}"] .notice`) as HTMLElement | null)?.focus();
      }
    } catch (err) {
      button.disabled = false;
      button.textContent = 'Send update';
      (document.getElementById('live') as HTMLElement).textContent =
        `Not saved: ${err instanceof Error ? err.message : String(err)}`;
    }
  });
}

main().catch((err: unknown) => message('Something went wrong', err instanceof Error ? err.message : String(err)));
