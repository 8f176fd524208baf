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

export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  const tmp = tempPath(path);
  let fd: number | undefined;
  try {
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
    throw error;
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
    this.fd = openSync(this.tmp, 'w');
  }

  write(text: string): void {
    this.buffer.push(text);
    this.buffered += text.length;
    if (this.buffered > 1 << 20) this.flush();
  }

  private flush(): void {
    if (this.fd === undefined || this.buffer.length === 0) return;
    writeFileSync(this.fd, this.buffer.join(''));
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
      throw error;
    }
  }

  abort(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    rmSync(this.tmp, { force: true });
  }
}

/** Append to a file descriptor until every byte is written (writeSync may write less). */
export function appendAll(fd: number, text: string): void {
  const bytes = Buffer.from(text, 'utf8');
  let off = 0;
  while (off < bytes.length) off += writeSync(fd, bytes, off, bytes.length - off);
}

export { syncFolder };
