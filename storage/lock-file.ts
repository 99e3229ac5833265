// The embedded store's lock file: which process owns DATA_DIR's Azurite, on which host and port.
// Created exclusively ('wx'); judged stale when its process is gone; removed on exit if ours.
import { closeSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';

export interface LockInfo {
  pid: number;
  port: number;
  host: string;
  startedAt: string;
}

export type LockState = LockInfo | 'missing' | 'unreadable';

/** A lock file still without readable content after this long was left by a process that died writing it. */
const UNREADABLE_GRACE_MS = 5_000;

/** Lock files (absolute paths) this process holds: removed on exit if still ours. */
const ownedLocks = new Set<string>();
let exitHookInstalled = false;

export function lockText(info: LockInfo): string {
  return JSON.stringify(info);
}

/** Creates the lock exclusively ('wx'); false if it already exists. */
export function tryCreateLock(lockPath: string, info: LockInfo): boolean {
  let fd: number;
  try {
    fd = openSync(lockPath, 'wx');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
  ownedLocks.add(lockPath);
  try {
    writeSync(fd, lockText(info));
  } finally {
    closeSync(fd);
  }
  return true;
}

export function readLock(lockPath: string): LockState {
  let text: string;
  try {
    text = readFileSync(lockPath, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    throw err;
  }
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === 'object' && value !== null) {
      const { pid, port, host, startedAt } = value as Record<string, unknown>;
      if (Number.isInteger(pid) && Number.isInteger(port) && typeof host === 'string') {
        return { pid: pid as number, port: port as number, host, startedAt: String(startedAt) };
      }
    }
  } catch {
    // empty or half-written: the creator is between open and write, or died there
  }
  return 'unreadable';
}

export function isStale(lockPath: string, lock: LockInfo | 'unreadable'): boolean {
  if (lock === 'unreadable') return olderThan(lockPath, UNREADABLE_GRACE_MS);
  // Our own pid on a lock we did not take: left by an earlier process that had the same pid
  // (common in containers, where the server is often pid 1 on every start).
  if (lock.pid === process.pid) return !ownedLocks.has(lockPath);
  return !isAlive(lock.pid);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to another user.
    return (err as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

function olderThan(path: string, ms: number): boolean {
  try {
    return Date.now() - statSync(path).mtimeMs > ms;
  } catch {
    return false; // gone: not ours to judge, the caller re-reads
  }
}

/**
 * Removes a stale lock, unless it changed since `seen`. A second exclusive file guards the
 * check-then-delete, so that of two processes that both saw the stale lock, the slower one
 * cannot delete the fresh lock the faster one has created meanwhile.
 */
export function breakStaleLock(lockPath: string, seen: LockInfo | 'unreadable'): boolean {
  const guard = `${lockPath}.break`;
  let fd: number;
  try {
    fd = openSync(guard, 'wx');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    // Someone else is breaking it right now; a guard this old was left by a process that died.
    if (olderThan(guard, UNREADABLE_GRACE_MS)) unlinkQuietly(guard);
    return false;
  }
  try {
    closeSync(fd);
    const now = readLock(lockPath);
    if (now === 'missing') return true;
    const same =
      seen === 'unreadable'
        ? now === 'unreadable'
        : now !== 'unreadable' && now.pid === seen.pid && now.startedAt === seen.startedAt;
    if (!same || !isStale(lockPath, now)) return false;
    unlinkQuietly(lockPath);
    return true;
  } finally {
    unlinkQuietly(guard);
  }
}

/** Removes the lock if it is still this process's. */
export function releaseLock(lockPath: string): void {
  ownedLocks.delete(lockPath);
  const lock = readLock(lockPath);
  if (lock !== 'missing' && lock !== 'unreadable' && lock.pid === process.pid) unlinkQuietly(lockPath);
}

function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
}

/** On any exit, drop the locks we still hold (synchronously; the data itself is the caller's close()). */
export function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const lockPath of [...ownedLocks]) {
      try {
        releaseLock(lockPath);
      } catch {
        // nothing more can be done while exiting
      }
    }
  });
}
