#!/usr/bin/env node
// kube-sim from the TypeScript sources, without a build step (tsx compiles on load): for
// development, the tests and the benches. The installed package's bin is lib/cli/bin.js,
// compiled by `npm run build:lib`.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/bin.ts');
