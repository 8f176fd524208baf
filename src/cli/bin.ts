#!/usr/bin/env node
/**
 * The `kube-sim` command's entry point: the package's bin is this file compiled
 * (lib/cli/bin.js); bin/kube-sim.js runs it from the TypeScript sources.
 */
import { main } from './main.ts';

// `kube-sim schema | head`: a reader that stops early is not an error worth a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
  });
}
process.exitCode = await main(process.argv.slice(2));
