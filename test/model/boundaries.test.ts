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
    expect(code).not.toMatch(/from ['"]node:|from ['"](fs|path|os|crypto|child_process|worker_threads|url|util)['"]|\brequire\(|\bimport\(/);
    expect(code).not.toMatch(/\bIntl\.|toLocale\w*\(/);
    expect(code).not.toMatch(/\b(document|window|localStorage|process)\./);
    expect(code).not.toMatch(/Math\.random|Date\.now|performance\.now|new Date\(/);
    // Math's transcendental functions differ between JavaScript engines in the last bit; the
    // engine uses detmath.ts instead so a seed gives the same bits in Node and every browser.
    if (!file.endsWith('detmath.ts')) {
      expect(code).not.toMatch(/Math\.(exp|expm1|log|log1p|log2|log10|pow|cos|sin|tan|acos|asin|atan|atan2|cosh|sinh|tanh|acosh|asinh|atanh|cbrt|hypot)\b|\*\*/);
    }
    // Nothing above the model: no other layer, no web/, not the package's public doors.
    expect(code).not.toMatch(/from ['"](\.\.\/)+(cli|io|runner|experiment|web|index\.ts|browser\.ts|core\.ts)/);
  });
});

const webDir = join(import.meta.dirname, '../../web');
const webFiles = (readdirSync(webDir, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts')).map((f) => join(webDir, f));

describe('web/ uses the engine only through the browser\'s public door', () => {
  it.each(webFiles.map((f) => [relative(webDir, f), f]))('%s', (_name, file) => {
    const code = readFileSync(file, 'utf8');
    for (const m of code.matchAll(/from ['"]([^'"]+)['"]/g)) {
      // src/browser.ts ('kube-sim/browser'): src/index.ts is Node's door (worker_threads, files).
      if (m[1].includes('/src/')) expect(m[1], 'web imports src/ only through src/browser.ts').toMatch(/\/src\/browser\.ts$/);
    }
  });
});

const experimentDir = join(import.meta.dirname, '../../src/experiment');
const experimentFiles = (readdirSync(experimentDir) as string[]).filter((f) => f.endsWith('.ts')).map((f) => join(experimentDir, f));

describe('src/experiment is pure, and its numbers are the same in every engine', () => {
  it.each(experimentFiles.map((f) => [relative(experimentDir, f), f]))('%s', (_name, file) => {
    const code = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
    expect(code).not.toMatch(/from ['"]node:|\brequire\(|\bimport\(/);
    expect(code).not.toMatch(/\b(document|window|localStorage|process)\./);
    expect(code).not.toMatch(/Math\.random|Date\.now|performance\.now|new Date\(/);
    // (`x ** y` is Math.pow; a Markdown `**bold**` in a string is not.)
    expect(code).not.toMatch(/Math\.(exp|expm1|log|log1p|log2|log10|pow|cos|sin|tan|atan2|cbrt|hypot)\b|[\w)\]]\s*\*\*\s*[\w(]/);
    expect(code).not.toMatch(/from ['"](\.\.\/)+(cli|io|runner|web|index\.ts|browser\.ts|core\.ts)/);
  });
});
