/**
 * Atomic file writes: write a temporary file beside the target, flush it, then rename it over
 * the target. A crash or a cancelled run leaves either the old file or the new one, never half.
 */
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** Make the rename itself durable (best effort: not every platform can fsync a folder). */
function syncFolder(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Folders cannot be opened or synced on some systems; the rename is still atomic.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

const tempPath = (path: string) => join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);

/**
 * Files to remove if the process exits before it is done with them: temporary files not yet
 * renamed into place, and a sweep's lock (removeOnExit). The 'exit' hook runs on a normal end,
 * an uncaught error and process.exit (a second Ctrl-C or SIGTERM, see catchInterrupts in
 * src/cli/common.ts); it does not run when a signal kills the process by its default action, so
 * every command that writes a file catches SIGINT and SIGTERM while it does. Only SIGKILL (kill -9,
 * the OOM killer, a container's grace period running out) or a power cut leaves one behind.
 */
const open = new Set<string>();
let cleanupInstalled = false;
function track(tmp: string): void {
  if (!cleanupInstalled) {
    cleanupInstalled = true;
    process.on('exit', () => {
      for (const t of open) rmSync(t, { force: true });
    });
  }
  open.add(tmp);
}

/** Remove `path` if the process exits while it is held; the returned function stops that. */
export function removeOnExit(path: string): () => void {
  track(path);
  return () => {
    open.delete(path);
  };
}

/** Name the file in an error from a write on a descriptor (Node gives such errors no path). */
export function naming<E>(error: E, path: string): E {
  if (error && typeof error === 'object' && !('path' in error)) Object.assign(error, { path });
  return error;
}

export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  const tmp = tempPath(path);
  let fd: number | undefined;
  try {
    track(tmp);
    fd = openSync(tmp, 'w');
    // writeFileSync on a descriptor loops until every byte is written (or throws, e.g. ENOSPC).
    writeFileSync(fd, data);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(tmp, path);
    syncFolder(dirname(path));
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    rmSync(tmp, { force: true });
    throw naming(error, path);
  } finally {
    open.delete(tmp);
  }
}

/**
 * A file written in pieces (a CSV of many runs) that appears only when complete: pieces go to a
 * temporary file beside the target, `commit()` flushes and renames it into place, `abort()` (or a
 * crash) leaves the target untouched.
 */
export class AtomicWriter {
  readonly path: string;
  private readonly tmp: string;
  private fd: number | undefined;
  private buffer: string[] = [];
  private buffered = 0;

  constructor(path: string) {
    this.path = path;
    this.tmp = tempPath(path);
    track(this.tmp);
    this.fd = openSync(this.tmp, 'w');
  }

  write(text: string): void {
    this.buffer.push(text);
    this.buffered += text.length;
    if (this.buffered > 1 << 20) this.flush();
  }

  private flush(): void {
    if (this.fd === undefined || this.buffer.length === 0) return;
    try {
      writeFileSync(this.fd, this.buffer.join(''));
    } catch (error) {
      throw naming(error, this.path);
    }
    this.buffer = [];
    this.buffered = 0;
  }

  commit(): void {
    try {
      this.flush();
      fsyncSync(this.fd!);
      closeSync(this.fd!);
      this.fd = undefined;
      renameSync(this.tmp, this.path);
      syncFolder(dirname(this.path));
    } catch (error) {
      this.abort();
      throw naming(error, this.path);
    }
    open.delete(this.tmp);
  }

  abort(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    rmSync(this.tmp, { force: true });
    open.delete(this.tmp);
  }
}

/** Append to a file descriptor until every byte is written (writeSync may write less). */
export function appendAll(fd: number, text: string): void {
  const bytes = Buffer.from(text, 'utf8');
  let off = 0;
  while (off < bytes.length) off += writeSync(fd, bytes, off, bytes.length - off);
}

export { syncFolder };
