/** kube-sim's public API: everything a library user needs. */
export * from './model/index.ts';
