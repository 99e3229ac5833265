// Debian's Chromium as the browser tests start it: headless, and with the background networking
// this machine's closed network refuses turned off.
export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
/** Generous: a loaded 2-core machine. */
export const WAIT = { timeout: 30_000 };
