/**
 * The guards of the command line's outputs, as functions: when a sweep's lock is stale, and when
 * an existing output in a sticky folder can be replaced.
 */
import { spawn } from 'node:child_process';
import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import { canReplace } from '../../src/cli/common.ts';
import { staleLock } from '../../src/cli/sweep.ts';

describe('staleLock', () => {
  const here = { host: hostname(), pid: process.pid };

  it('this very process (an earlier life under the same pid: a restarted container) is stale', () => {
    expect(staleLock(`${hostname()} ${process.pid}`, 0, here)).toBe(true);
    expect(staleLock('pod-0 1', 0, { host: 'pod-0', pid: 1 })).toBe(true);
  });

  it('another process alive on this host holds it, however old the lock; a dead one does not', async () => {
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    try {
      await new Promise((resolve) => child.once('spawn', resolve));
      expect(staleLock(`${hostname()} ${child.pid}`, 3_600_000, here)).toBe(false);
    } finally {
      child.kill('SIGKILL');
    }
    await new Promise((resolve) => child.once('exit', resolve));
    expect(staleLock(`${hostname()} ${child.pid}`, 0, here)).toBe(true);
  });

  it('on another host: held while refreshed within a minute, stale after', () => {
    expect(staleLock(`elsewhere ${process.pid}`, 59_999, here)).toBe(false);
    expect(staleLock(`elsewhere ${process.pid}`, 60_000, here)).toBe(true);
  });

  it('an unreadable owner on this host is stale', () => {
    expect(staleLock(`${hostname()} x`, 0, here)).toBe(true);
    expect(staleLock(`${hostname()}`, 0, here)).toBe(true);
  });
});

describe('canReplace (an existing output, renamed over at the end)', () => {
  const STICKY = 0o41777; // a folder, rwxrwxrwt, like /tmp
  const PLAIN = 0o40777;

  it('in a sticky folder only the file owner, the folder owner or root may', () => {
    expect(canReplace({ mode: STICKY, uid: 0 }, { uid: 1001 }, 1000)).toBe(false);
    expect(canReplace({ mode: STICKY, uid: 0 }, { uid: 1000 }, 1000)).toBe(true);
    expect(canReplace({ mode: STICKY, uid: 1000 }, { uid: 1001 }, 1000)).toBe(true);
    expect(canReplace({ mode: STICKY, uid: 0 }, { uid: 1001 }, 0)).toBe(true);
  });

  it('in a plain writable folder anyone who may write in it may', () => {
    expect(canReplace({ mode: PLAIN, uid: 0 }, { uid: 1001 }, 1000)).toBe(true);
  });
});
