/** `--roster FILE.csv`: a surveyed group's members put into the scenario, as a user runs it. */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRosterCsv, parseScenario, simulate } from '../../src/index.ts';
import { root, runKubeSim, scratchFolder } from './kube-sim.ts';

const work = scratchFolder('kube-sim-roster-');
const kubeSim = (...args: string[]) => runKubeSim(args, work);
const example = join(root, 'scenarios/rosters/example-group.csv');

describe('kube-sim --roster', () => {
  it('run: the roster replaces the members, and --set still applies after it', () => {
    const r = kubeSim('run', 'tulip', '--roster', example, '--seed', '5', '--set', 'group.minMembers=4', '--out', 'run.json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/of 10\n/);
    const doc = JSON.parse(readFileSync(join(work, 'run.json'), 'utf8'));
    expect(doc.members.map((m: { name: string }) => m.name)).toEqual(['Ibu Sari', 'Ibu Wati', 'Pak Joko', 'Ibu Ani', 'Ibu Rina', 'Pak Budi', 'Ibu Tini', 'Ibu Yuli', 'Pak Slamet', 'Ibu Nur']);
    expect(doc.scenario.group.size).toBe(10);
    expect(doc.scenario.group.minMembers).toBe(4);
    // The same run as the library gives for tulip.json with that roster.
    const tulip = JSON.parse(readFileSync(join(root, 'scenarios/tulip.json'), 'utf8'));
    const { roster } = parseRosterCsv(readFileSync(example, 'utf8'));
    delete tulip.group.size;
    const sc = parseScenario({ ...tulip, group: { ...tulip.group, minMembers: 4 }, members: { ...tulip.members, roster } });
    expect(doc.outcome).toEqual(simulate(sc, { seed: 5 }).outcome);
  });

  it('ensemble: the scenario hash covers the roster', () => {
    const hash = (...extra: string[]) => {
      const r = kubeSim('ensemble', 'default', '--reps', '2', '--workers', '0', '--json', ...extra);
      expect(r.code).toBe(0);
      return JSON.parse(r.stdout).scenarioHash as string;
    };
    const plain = hash();
    const withRoster = hash('--roster', example);
    expect(withRoster).not.toBe(plain);
    expect(hash('--roster', example)).toBe(withRoster);
  });

  it('prints the warnings of a roster that leaves columns out', () => {
    writeFileSync(join(work, 'short.csv'), 'nama,jabatan,komitmen,umur\nA,ketua,4,40\nB,,3,33\nC,,3,51\nD,,2,29\nE,,5,38\n');
    const r = kubeSim('run', 'default', '--roster', 'short.csv');
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('short.csv: columns not recognised, ignored: "umur"');
    expect(r.stderr).toContain('every member takes the default (skill 0.35');
    // The roster's five members are the group: "active members 4 of 5" while it lasts, "members
    // left 2 of 5 when it ended" once it dissolved (which one depends on the worlds).
    expect(r.stdout).toMatch(/(?:active members|members left) +\d of 5\b/);
  });

  it('refuses a bad roster with exit status 2, naming every bad row, and writes nothing', () => {
    writeFileSync(join(work, 'bad.csv'), 'Nama;Peran;Komitmen\nIbu Sari;ketua;4\nIbu Wati;ketua;3\nPak Joko;anggota;6\nIbu Ani;anggota;\nIbu Rina;anggota;3\n');
    const before = readdirSync(work).sort();
    const r = kubeSim('run', 'default', '--roster', 'bad.csv', '--out', 'bad.json');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('bad.csv: roster CSV has 3 problems');
    expect(r.stderr).toContain('row 3, column "Peran": a second ketua (the first is on row 2)');
    expect(r.stderr).toContain('row 4, column "Komitmen": got "6"; allowed: 1–5');
    expect(r.stderr).toContain('row 5, column "Komitmen": an empty cell; allowed: 1–5');
    expect(readdirSync(work).sort()).toEqual(before);
  });

  it('refuses a missing file and a roster the scenario cannot take', () => {
    const missing = kubeSim('run', 'default', '--roster', 'nope.csv');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--roster: cannot read nope\.csv \(ENOENT\)/);
    // Five members, but the scenario dissolves below six.
    writeFileSync(join(work, 'five.csv'), 'role,skill\nketua,3\nanggota,3\nanggota,3\nanggota,3\nanggota,3\n');
    const small = kubeSim('run', 'default', '--roster', 'five.csv', '--set', 'group.minMembers=6');
    expect(small.code).toBe(2);
    expect(small.stderr).toMatch(/group\.minMembers: must be at most the group size \(5\)/);
  });
});
