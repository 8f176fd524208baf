/**
 * The commands shown in README.md and docs/ name inputs that exist: every scenario (a built-in
 * name or a file) and every --roster file in their shell blocks, so that a reader who copies one
 * does not meet "no such file" (README once ran a my-group.json that was not there).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtInScenarios } from '../../src/io/scenario-file.ts';
import { root } from './kube-sim.ts';

const SCENARIO_COMMANDS = new Set(['run', 'ensemble', 'compare', 'sweep', 'sensitivity']);
const docs = ['README.md', ...readdirSync(join(root, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];

/** [document, command line, input] for every input named by a kube-sim command in a shell block. */
function inputs(): [string, string, string][] {
  const out: [string, string, string][] = [];
  for (const doc of docs) {
    const blocks = readFileSync(join(root, doc), 'utf8').match(/```(?:sh|bash|shell)\n[\s\S]*?```/g) ?? [];
    for (const line of blocks.flatMap((b) => b.split('\n'))) {
      // The command up to a comment, a redirection or the next command.
      const m = /kube-sim (\w+)((?: +\S+)*)/.exec(line.replace(/\s(#|>|\||&&|;).*$/, ''));
      if (!m || !SCENARIO_COMMANDS.has(m[1]!)) continue;
      const words = m[2]!.trim().split(/ +/);
      for (let i = 0; i < words.length; i++) {
        const w = words[i]!;
        if (w === '--roster') out.push([doc, line.trim(), words[++i]!]);
        else if (w.startsWith('-')) i++; // a flag and its value
        else if (w !== '\\') out.push([doc, line.trim(), w]);
      }
    }
  }
  return out;
}

describe('commands in the docs', () => {
  it('find a few commands to check', () => {
    expect(inputs().length).toBeGreaterThan(10);
  });

  it('name scenarios and rosters that exist', () => {
    const builtIn = new Set(builtInScenarios());
    const missing = inputs().filter(([, , input]) => !builtIn.has(input) && !existsSync(join(root, input)));
    expect(missing).toEqual([]);
  });
});
