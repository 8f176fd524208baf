/**
 * Scenario files, links and rosters are data only (issue 7): no source file of the app or the
 * engine turns text into code or markup. No eval or Function constructor, no string timers, no
 * innerHTML/outerHTML/insertAdjacentHTML/document.write or d3's .html(), no style="" set from a
 * string (the page's policy refuses those), and every dynamic import() names a fixed module.
 * Text reaches the page through textContent (d3's .text()), which never parses it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));

function files(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, e.name);
    if (e.isDirectory()) out.push(...files(path));
    else if (/\.(ts|mjs|js|html)$/.test(e.name)) out.push(path);
  }
  return out;
}

/** Comments say what the code does not do; only code counts. */
const code = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');

const SINKS: [string, RegExp][] = [
  ['eval', /\beval\s*\(/],
  ['Function constructor', /\bnew\s+Function\b|\bFunction\s*\(\s*['"`]/],
  ['string timer', /\bset(?:Timeout|Interval)\s*\(\s*['"`]/],
  ['innerHTML / outerHTML', /\.(?:inner|outer)HTML\b/],
  ['insertAdjacentHTML', /insertAdjacentHTML/],
  ['document.write', /document\.write/],
  ['d3 .html()', /\.html\s*\(/],
  ['createContextualFragment / DOMParser', /createContextualFragment|DOMParser/],
  ['style attribute from a string', /setAttribute\(\s*['"]style['"]|\.attr\(\s*['"]style['"]|\.style\.cssText\s*=/],
  ['dynamic import of a computed name', /\bimport\s*\(\s*(?!['"`][^'"`$]*['"`]\s*\))/],
  ['inline event handler in markup', /<[a-z][^>]*\son[a-z]+\s*=/i],
];

describe('text never becomes code or markup', () => {
  const sources = [...files(join(ROOT, 'web')), ...files(join(ROOT, 'src'))];

  it('scans the app and the engine', () => {
    expect(sources.length).toBeGreaterThan(40);
  });

  for (const [name, re] of SINKS) {
    it(`no ${name}`, () => {
      const found: string[] = [];
      for (const f of sources) {
        code(readFileSync(f, 'utf8')).split('\n').forEach((line, i) => {
          if (re.test(line)) found.push(`${relative(ROOT, f)}:${i + 1}: ${line.trim()}`);
        });
      }
      expect(found).toEqual([]);
    });
  }

  it('every HTML page runs scripts only from files', () => {
    for (const f of sources.filter((p) => p.endsWith('.html'))) {
      for (const m of readFileSync(f, 'utf8').matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
        expect(m[1], relative(ROOT, f)).toMatch(/\bsrc=/);
        expect(m[2].trim(), relative(ROOT, f)).toBe('');
      }
    }
  });
});
