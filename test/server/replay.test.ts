import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { eventList, INDICATOR_KEYS, simulate } from '../../src/index.ts';
import { replayWeeks } from '../../src/server/replay.ts';
import { readSession, writeSession } from '../../src/server/session-file.ts';
import { runKubeSim, scratchFolder } from '../cli/kube-sim.ts';
import { firstSeed } from '../trainer-seeds.ts';
import { ANSWER, newSession } from './helpers.ts';

const dir = scratchFolder('kube-sim-replay-');

/** A session of `weeks` weeks with two players answering. */
function played(weeks: number, name = 'default', seed = 3, answering = true) {
  const s = newSession(name, seed);
  const act = (m: object) => s.session.handle({ v: 1, ...m } as never);
  const seats = [1, 5].map((member) => {
    const r = act({ type: 'join', code: s.code, name: `P${member}`, member });
    return r.ok && r.reply[0].type === 'seated' ? r.reply[0].token : '';
  });
  for (let w = 0; w < weeks && !s.session.ended; w++) {
    act({ type: 'open', key: s.trainerKey, seconds: 60 });
    if (answering) seats.forEach((token, k) => act({ type: 'answer', token, week: w, answers: { ...ANSWER, effort: k / 2, attend: w % 2 === 0 } }));
    act({ type: 'close', key: s.trainerKey });
  }
  return s;
}

describe('workshop replay', () => {
  it('re-runs a session from its log, bit for bit, through the file', () => {
    const s = played(30);
    const path = join(dir, 'session.json');
    writeSession(path, s.session.doc);
    const { doc, scenario } = readSession(path);
    expect(doc.weeks).toHaveLength(30);
    expect(doc.decisions).toHaveLength(60);
    const r = replayWeeks(doc, scenario);
    expect(r.mismatch).toBeNull();
    expect(r.weeks).toBe(30);
  });

  it('with nobody answering gives the plain run of the scenario and seed; answers change the run and act for their seats', () => {
    // A Tulip group that lasts past week 20 both with the two players' answers and without them.
    const seed = firstSeed((k) => played(52, 'tulip', k).session.doc.weeks.length > 20 && played(52, 'tulip', k, false).session.doc.weeks.length > 20);
    const silent = played(52, 'tulip', seed, false);
    const plain = simulate(silent.scenario, { seed });
    const end = plain.outcome.status === 'dissolved' ? plain.outcome.statusWeek! + 1 : 52;
    expect(silent.session.doc.weeks.length).toBe(Math.min(52, end));
    for (const rec of silent.session.doc.weeks) {
      INDICATOR_KEYS.forEach((key, k) => {
        const v = plain.series[key][rec.week];
        expect(rec.indicators[k], `${key} week ${rec.week}`).toBe(Number.isFinite(v) ? v : null);
      });
    }
    // The same session with answers: member 1 puts in no effort, member 5 half, both stay away every other week.
    const s = played(52, 'tulip', seed);
    const weeks = s.session.doc.weeks;
    expect(weeks.map((w) => w.fingerprint)).not.toEqual(silent.session.doc.weeks.map((w) => w.fingerprint).slice(0, weeks.length));
    let checked = 0;
    const r = replayWeeks(s.session.doc, s.scenario, {
      afterWeek: (run) => {
        const st = run.state;
        const w = st.week - 1;
        if (st.status === 2) return;
        if (st.active[1]) expect(st.effort[1], `week ${w}`).toBe(0);
        if (st.active[5]) expect(st.effort[5], `week ${w}`).toBe(0.5);
        if (w % 2 === 1) expect([st.attended[1], st.attended[5]], `week ${w}`).toEqual([0, 0]);
        checked++;
      },
    });
    expect(r.mismatch).toBeNull();
    expect(checked).toBeGreaterThan(10);
  });

  it("replays the trainer's injected events with the answers, bit for bit", () => {
    const s = newSession('default', 3);
    const act = (m: object) => s.session.handle({ v: 1, ...m } as never);
    const r = act({ type: 'join', code: s.code, name: 'P', member: 2 });
    const token = r.ok && r.reply[0].type === 'seated' ? r.reply[0].token : '';
    const kinds = ['visit', 'marketShock', 'quarrel', 'misuse', 'leave'] as const;
    for (let w = 0; w < 8; w++) {
      act({ type: 'open', key: s.trainerKey, seconds: 60 });
      act({ type: 'answer', token, week: w, answers: { ...ANSWER, effort: 0.1 } });
      if (w >= 2 && w - 2 < kinds.length) expect(act({ type: 'inject', key: s.trainerKey, kind: kinds[w - 2], member: null })).toMatchObject({ ok: true, changed: true });
      act({ type: 'close', key: s.trainerKey });
    }
    const doc = s.session.doc;
    expect(doc.injections.map((x) => [x.week, x.kind])).toEqual(kinds.map((k, i) => [i + 2, k]));
    expect(doc.weeks.slice(2, 7).map((w) => w.injected.map((x) => x.kind))).toEqual(kinds.map((k) => [k]));
    const types = eventList(replayWeeks(doc, s.scenario).run.state.events).map((e) => `${e.week}:${e.type}`);
    for (const t of ['2:mentorVisit', '3:trainerShock', '4:quarrel', '5:misuseDetected', '6:exit']) expect(types).toContain(t);
    expect(replayWeeks(doc, s.scenario).mismatch).toBeNull();
    // Without the injections the log does not replay: they are part of the session.
    expect(replayWeeks({ ...doc, injections: [] }, s.scenario).mismatch).toMatchObject({ week: 2 });
  });

  it('finds the first week that differs from a tampered log', () => {
    const s = played(10);
    const json = JSON.parse(JSON.stringify(s.session.doc));
    json.weeks[6].indicators[INDICATOR_KEYS.indexOf('capital')] *= 1.000001;
    const path = join(dir, 'tampered.json');
    writeFileSync(path, JSON.stringify(json));
    const { doc, scenario } = readSession(path);
    const r = replayWeeks(doc, scenario);
    expect(r.weeks).toBe(6);
    expect(r.mismatch).toMatchObject({ week: 6, what: 'capital' });
    // Another seed is another run: the fingerprint differs in the first week.
    const other = replayWeeks({ ...s.session.doc, seed: 4 }, s.scenario);
    expect(other.mismatch).toMatchObject({ week: 0, what: 'fingerprint' });
  });

  it('kube-sim replay says whether the log replays (exit 0) or where it differs (exit 1)', () => {
    const s = played(8);
    const good = join(dir, 'good.json');
    writeSession(good, s.session.doc);
    const ok = runKubeSim(['replay', good], dir);
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^default: seed 3, 8 of 156 weeks replayed; every week matches the log bit for bit\n/);
    expect(ok.stdout).toContain('16 answers from 2 seats applied; 0 injected events');

    const json = JSON.parse(JSON.stringify(s.session.doc));
    json.weeks[3].fingerprint = '0123456789abcdef';
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify(json));
    const no = runKubeSim(['replay', bad], dir);
    expect(no.code).toBe(1);
    expect(no.stderr).toMatch(/week 4 differs from the log \(fingerprint: logged "0123456789abcdef", replayed "[0-9a-f]{16}"\); 3 weeks before it match/);

    writeFileSync(join(dir, 'junk.json'), '{"kind":"something else"}');
    const junk = runKubeSim(['replay', 'junk.json'], dir);
    expect(junk.code).toBe(2);
    expect(junk.stderr).toMatch(/junk\.json: not a workshop session: kind: got "something else"; allowed: "kube-sim workshop session"/);
  });
});
