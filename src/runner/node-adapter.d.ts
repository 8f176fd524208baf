// comlink ships the adapter's types as node-adapter.d.ts beside node-adapter.mjs, which
// TypeScript does not pair up for an .mjs import; point it at them.
declare module 'comlink/dist/esm/node-adapter.mjs' {
  export { default } from 'comlink/dist/esm/node-adapter';
}
