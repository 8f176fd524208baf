/**
 * The web layer's arrows point one way: web/app (store, words, data, exports) never imports
 * web/views, so what the page knows can be tested and reused without drawing anything.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : /\.ts$/.test(e.name) ? [join(dir, e.name)] : []);
}

/** Every module a file imports (static, type-only, re-exports and dynamic imports), resolved. */
function importsOf(file: string, text = readFileSync(file, 'utf8')): string[] {
  const specs = [...text.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)['"]([^'"]+)['"]/g)].map((m) => m[1]);
  return specs.filter((s) => s.startsWith('.')).map((s) => resolve(dirname(file), s));
}

describe('web/app never imports web/views', () => {
  const views = join(ROOT, 'web/views');
  const app = sources(join(ROOT, 'web/app'));

  it('finds the app modules and their imports (the scan itself works)', () => {
    expect(app.length).toBeGreaterThan(5);
    // A known import, so that a broken pattern cannot pass the next test by finding nothing.
    expect(importsOf(join(ROOT, 'web/app/chart-data.ts'))).toContain(join(ROOT, 'web/app/chart-types.ts'));
  });

  it('no module of web/app imports one of web/views', () => {
    const wrong = app.flatMap((f) => importsOf(f).filter((i) => i.startsWith(views + '/')).map((i) => `${relative(ROOT, f)} → ${relative(ROOT, i)}`));
    expect(wrong).toEqual([]);
  });

  it('views that read the store never import each other: only the page entry wires them', () => {
    const store = join(ROOT, 'web/app/store.ts');
    const all = sources(views);
    const storeViews = all.filter((f) => importsOf(f).includes(store));
    expect(storeViews.length).toBeGreaterThan(5);
    const wrong = all.flatMap((f) => importsOf(f).filter((i) => storeViews.includes(i)).map((i) => `${relative(ROOT, f)} → ${relative(ROOT, i)}`));
    expect(wrong).toEqual([]);
    // Each is used by the page entry.
    const entry = importsOf(join(ROOT, 'web/main.ts'));
    expect(storeViews.filter((v) => !entry.includes(v)).map((v) => relative(ROOT, v))).toEqual([]);
  });

  it('would catch one: a line importing a view is found', () => {
    const fake = join(ROOT, 'web/app/x.ts');
    const lines = [`import { drawCards } from '../views/cards.ts';`, `import type { FanBand } from "../views/fan-chart.ts";`, `export { x } from '../views/radar.ts';`, `const m = await import('../views/controls.ts');`];
    for (const line of lines) expect([line, importsOf(fake, line).every((i) => i.startsWith(views + '/'))]).toEqual([line, true]);
    expect(importsOf(fake, lines.join('\n'))).toHaveLength(4);
  });
});
