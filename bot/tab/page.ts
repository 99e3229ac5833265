// The tab's HTML shell and stylesheet. No inline script: the page's settings travel as data
// attributes, so the Content-Security-Policy can forbid inline code.

export function tabPage(opts: { page: 'dashboard' | 'config'; devLogin: boolean }): string {
  return `<!doctype html>
<html lang="en-GB" data-theme="default">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${opts.page === 'config' ? 'Action tracker: settings' : 'PAM action tracker'}</title>
<link rel="stylesheet" href="/tab/tab.css">
</head>
<body data-page="${opts.page}" data-dev-login="${opts.devLogin ? '1' : '0'}">
<div id="root"><main><p role="status">Loading…</p></main></div>
<script src="/tab/tab.js" defer></script>
</body>
</html>
`;
}

/** Teams' own palette for its three themes (default, dark, high contrast). */
export const TAB_CSS = `
:root, [data-theme=default] { --bg:#f5f5f5; --panel:#fff; --fg:#242424; --muted:#616161; --border:#d1d1d1; --accent:#5b5fc7; --accent-fg:#fff; --warn:#c4314b; --warn-bg:#fdf3f4; --good:#237b4b; --open:#5b5fc7; --closed:#9e9e9e; --row:#fafafa; }
[data-theme=dark] { --bg:#1f1f1f; --panel:#292929; --fg:#fff; --muted:#d6d6d6; --border:#4d4d4d; --accent:#7f85f5; --accent-fg:#000; --warn:#ff8a96; --warn-bg:#3e1f25; --good:#92c353; --open:#7f85f5; --closed:#8a8a8a; --row:#2e2e2e; }
[data-theme=contrast] { --bg:#000; --panel:#000; --fg:#fff; --muted:#fff; --border:#fff; --accent:#ffff01; --accent-fg:#000; --warn:#ffff01; --warn-bg:#000; --good:#3ff23f; --open:#ffff01; --closed:#1aebff; --row:#000; }
* { box-sizing: border-box; }
body { margin: 0; padding: 16px 20px; background: var(--bg); color: var(--fg); font: 14px/1.45 "Segoe UI", system-ui, -apple-system, sans-serif; }
h1 { font-size: 20px; margin: 0 0 4px; } h2 { font-size: 15px; margin: 0 0 8px; }
.sub { color: var(--muted); font-weight: normal; font-size: 15px; }
.who { margin: 0 0 12px; color: var(--muted); }
a { color: var(--accent); }
button, select, input, textarea { font: inherit; color: var(--fg); background: var(--panel); border: 1px solid var(--border); border-radius: 4px; padding: 4px 8px; }
button[type=submit] { background: var(--accent); color: var(--accent-fg); border-color: var(--accent); font-weight: 600; }
button.link { border: 0; background: none; color: var(--accent); text-decoration: underline; padding: 0; cursor: pointer; }
:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
.panel { background: var(--panel); border: 1px solid var(--border); border-radius: 6px; padding: 12px 16px; margin-bottom: 12px; }
.row { display: flex; gap: 12px; flex-wrap: wrap; } .grow { flex: 1 1 420px; }
.counts ul { list-style: none; display: flex; flex-wrap: wrap; gap: 8px; padding: 0; margin: 0 0 12px; }
.counts li { background: var(--panel); border: 1px solid var(--border); border-radius: 6px; padding: 6px 12px; }
.counts li.warn { border-color: var(--warn); }
.counts li.total { border-color: var(--accent); }
.counts .n { font-size: 18px; font-weight: 700; margin-right: 4px; }
.chart { width: 100%; max-width: 640px; height: auto; }
.chart text { fill: var(--muted); font-size: 11px; } .chart .axis { stroke: var(--border); }
.bar-open, .key-open { fill: var(--open); background: var(--open); } .bar-closed, .key-closed { fill: var(--closed); background: var(--closed); }
.legend { color: var(--muted); margin: 4px 0 0; } .key { display: inline-block; width: 10px; height: 10px; margin: 0 4px 0 8px; }
.downloads { padding-left: 18px; margin: 0; }
.filters { display: flex; flex-wrap: wrap; gap: 12px; align-items: end; margin: 4px 0 8px; }
.filters .field { display: flex; flex-direction: column; gap: 2px; color: var(--muted); }
.filters .field.check { flex-direction: row; align-items: center; gap: 6px; color: var(--fg); padding-bottom: 6px; }
.table-wrap { overflow-x: auto; background: var(--panel); border: 1px solid var(--border); border-radius: 6px; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: 6px 8px; border-bottom: 1px solid var(--border); }
th button { border: 0; background: none; font-weight: 600; padding: 0; cursor: pointer; }
th[aria-sort=ascending] button::after { content: " ▲" / ""; } th[aria-sort=descending] button::after { content: " ▼" / ""; }
tbody tr:nth-child(even) { background: var(--row); }
tr.overdue td.num { color: var(--warn); font-weight: 700; }
.ref { white-space: nowrap; font-weight: 600; } .num { text-align: right; }
.by { color: var(--muted); font-size: 12px; display: block; }
.flag { color: var(--warn); font-weight: 600; }
.status { white-space: nowrap; }
.notice { padding: 8px 12px; border-radius: 4px; border: 1px solid var(--border); }
.notice.good { border-color: var(--good); } .notice.warning, .notice.attention { border-color: var(--warn); background: var(--warn-bg); }
.item dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 0 0 8px; }
.item dt { color: var(--muted); } .item dd { margin: 0; }
form.reply { display: grid; gap: 4px; max-width: 560px; }
form.reply button { justify-self: start; margin-top: 6px; }
fieldset { border: 1px solid var(--border); border-radius: 6px; } fieldset label { display: block; margin: 4px 0; }
#dev-login { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
`;
