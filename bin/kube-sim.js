#!/usr/bin/env node
// Runs the TypeScript CLI on Node 20 without a build step (tsx compiles on load).
import { register } from 'tsx/esm/api';

register();
// `kube-sim schema | head`: a reader that stops early is not an error worth a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e) => {
    if (e.code !== 'EPIPE') throw e;
  });
}
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
