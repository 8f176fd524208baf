// A worker_thread starts here: teach this thread TypeScript (tsx), then load the worker.
import { register } from 'tsx/esm/api';

register();
await import('./node-worker.ts');
