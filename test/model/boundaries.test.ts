/** The engine runs unchanged in Node, a Worker and the page: no Node, no DOM, no hidden randomness or clock. */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const modelDir = join(import.meta.dirname, '../../src/model');
const files = (readdirSync(modelDir, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts')).map((f) => join(modelDir, f));

describe('src/model boundaries', () => {
  it('has files to check', () => expect(files.length).toBeGreaterThan(10));
  it.each(files.map((f) => [relative(modelDir, f), f]))('%s', (_name, file) => {
    const code = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
    expect(code).not.toMatch(/from ['"]node:/);
    expect(code).not.toMatch(/\b(document|window|localStorage|process)\./);
    expect(code).not.toMatch(/Math\.random|Date\.now|performance\.now|new Date\(/);
    // Math's transcendental functions differ between JavaScript engines in the last bit; the
    // engine uses detmath.ts instead so a seed gives the same bits in Node and every browser.
    if (!file.endsWith('detmath.ts')) expect(code).not.toMatch(/Math\.(exp|log|pow|cos|sin|tan|atan|cbrt|hypot|expm1|log1p|log2|log10|sinh|cosh|tanh)\b|\*\*/);
    expect(code).not.toMatch(/from ['"]\.\.\/\.\.\/(cli|io|runner|experiment)|from ['"]\.\.\/(cli|io|runner|experiment)/);
  });
});
