/**
 * The projector's debrief (web/workshop/debrief.ts): re-run in the page from the session's
 * answers and injections, the played run gives exactly what the server logged; the model's own
 * run on the same luck differs where the players did; the moments are the played run's turning
 * points, told as trainer mode tells them.
 */
import { describe, expect, it } from 'vitest';
import { INDICATOR_KEYS, loadScenario } from '../../src/index.ts';
import type { ServerMessage } from '../../src/server/protocol.ts';
import { moments, parting, playedRun, rerun, series } from '../../web/workshop/debrief.ts';
import { ANSWER, newSession } from '../server/helpers.ts';
import { firstSeed, goingAt } from '../trainer-seeds.ts';

function session(weeks: number, seed = SEED) {
  const s = newSession('tulip', seed);
  const act = (m: object) => s.session.handle({ v: 1, ...m } as never);
  const tokens = [0, 1, 2, 3, 4].map((member) => {
    const r = act({ type: 'join', code: s.code, name: `P${member}`, member });
    return r.ok && r.reply[0].type === 'seated' ? r.reply[0].token : '';
  });
  for (let w = 0; w < weeks && !s.session.ended; w++) {
    act({ type: 'open', key: s.trainerKey, seconds: 60 });
    // Five players who never come and put in nothing.
    tokens.forEach((token) => act({ type: 'answer', token, week: w, answers: { ...ANSWER, attend: false, effort: 0, iksPayment: 0 } }));
    if (w === 6) act({ type: 'inject', key: s.trainerKey, kind: 'quarrel', member: null });
    act({ type: 'close', key: s.trainerKey });
  }
  return { s, act };
}

// A Tulip group that five absent players leave going for the 30 weeks the tests play, and that
// the model's own members keep going for the 10 weeks played with nobody answering.
const SEED = firstSeed((k) => goingAt(loadScenario('tulip').scenario, 10, { seed: k }) && session(30, k).s.session.doc.weeks.length === 30);

const debriefOf = (act: (m: object) => ReturnType<ReturnType<typeof newSession>['session']['handle']>, key: string) => {
  const r = act({ type: 'debrief', key });
  if (!r.ok) throw new Error(r.message);
  const m = r.reply[0] as Extract<ServerMessage, { type: 'debrief' }>;
  return m.debrief;
};

describe('workshop debrief', () => {
  it('comes only once the workshop has ended, which the trainer may do between weeks', () => {
    const { s, act } = session(3);
    expect(act({ type: 'debrief', key: s.trainerKey })).toMatchObject({ ok: false, code: 'not-open' });
    act({ type: 'open', key: s.trainerKey, seconds: 60 });
    expect(act({ type: 'end', key: s.trainerKey })).toMatchObject({ ok: false, code: 'not-open' });
    act({ type: 'close', key: s.trainerKey });
    expect(act({ type: 'end', key: 'f'.repeat(32) })).toMatchObject({ ok: false, code: 'not-trainer' });
    expect(act({ type: 'end', key: s.trainerKey })).toMatchObject({ ok: true, changed: true });
    expect(s.session.ended).toBe(true);
    expect(act({ type: 'open', key: s.trainerKey, seconds: 60 })).toMatchObject({ ok: false });
    const d = debriefOf(act, s.trainerKey);
    expect(d.weeks).toBe(4);
    // The fourth week was closed with nobody answering.
    expect(d.decisions.map((ds) => ds.length)).toEqual([5, 5, 5, 0]);
  });

  it('re-runs the played weeks to the logged bits, beside the model’s own run on the same luck', () => {
    const { s, act } = session(20);
    act({ type: 'end', key: s.trainerKey });
    const d = debriefOf(act, s.trainerKey);
    const runs = rerun(d);
    expect(runs.same).toBe(true);
    expect(runs.played.applied).toEqual([{ week: 6, kind: 'quarrel' }]);
    expect(runs.own.applied).toEqual([{ week: 6, kind: 'quarrel' }]);
    // Members 0–4 never came and put in nothing; the model's own members did otherwise, and the runs part ways.
    const n = runs.played.n;
    for (let f = 1; f <= runs.weeks; f++) {
      for (let i = 0; i < 5; i++) {
        expect(runs.played.attended[f * n + i]).toBe(0);
        if (runs.played.active[f * n + i]) expect(runs.played.effort[f * n + i]).toBe(0);
      }
    }
    expect(Array.from(runs.own.effort.subarray(n, 2 * n)).slice(0, 5).some((e) => e > 0)).toBe(true);
    expect(series(runs.played, 'taskFunctions', runs.weeks)).not.toEqual(series(runs.own, 'taskFunctions', runs.weeks));
    // A tampered log is noticed.
    const K = INDICATOR_KEYS.length;
    const bad = { ...d, indicators: d.indicators.map((row, w) => (w === 7 ? row.map((v, k) => (k === K - 1 ? (v ?? 0) + 1 : v)) : row)) };
    expect(rerun(bad).same).toBe(false);
  });

  it("re-runs the run so far for the projector's network, week by week, to the server's state and logged bits", () => {
    const { s, act } = session(0);
    // Before week 1: the founding state only.
    const zero = playedRun(s.session.debrief());
    expect(zero).toMatchObject({ weeks: 0, same: true });
    expect(zero.played.frames).toBe(1);
    const K = INDICATOR_KEYS.length;
    for (let w = 0; w < 3; w++) {
      act({ type: 'open', key: s.trainerKey, seconds: 60 });
      act({ type: 'close', key: s.trainerKey });
      const d = s.session.debrief();
      const r = playedRun(d);
      expect(r).toMatchObject({ weeks: w + 1, same: true });
      // The week drawn is the server's state: its indicators, commitment and who is still in the group.
      expect(Array.from(r.played.indicators.subarray((w + 1) * K, (w + 2) * K)).map((v) => (Number.isFinite(v) ? v : null))).toEqual(d.indicators[w]);
      const n = r.played.n;
      // The server's own run (private to the session; read here only to compare).
      const st = s.session['run'].state;
      expect(Array.from(r.played.commitment.subarray((w + 1) * n, (w + 2) * n))).toEqual(Array.from(st.commitment, Math.fround)); // the trace keeps Float32
      expect(Array.from(r.played.active.subarray((w + 1) * n, (w + 2) * n))).toEqual(Array.from(st.active));
    }
    const d = s.session.debrief();
    expect(playedRun({ ...d, indicators: d.indicators.slice(0, 2) }).same).toBe(false);
  });

  it('tells no parting when the room played as the model would (nobody answered)', () => {
    const s = newSession('tulip', SEED);
    const act = (m: object) => s.session.handle({ v: 1, ...m } as never);
    for (let w = 0; w < 10; w++) {
      act({ type: 'open', key: s.trainerKey, seconds: 60 });
      act({ type: 'close', key: s.trainerKey });
    }
    act({ type: 'end', key: s.trainerKey });
    const runs = rerun(debriefOf(act, s.trainerKey));
    expect(runs.same).toBe(true);
    expect(Array.from(runs.played.indicators)).toEqual(Array.from(runs.own.indicators));
    expect(parting(runs, 'en')).toBeNull();
    expect(moments(runs, 'en').every((m) => m.alsoInModel)).toBe(true);
  });

  it('tells the moments that changed the course, the players’ own first', () => {
    const { s, act } = session(30);
    act({ type: 'end', key: s.trainerKey });
    const runs = rerun(debriefOf(act, s.trainerKey));
    for (const lang of ['en', 'id'] as const) {
      const ms = moments(runs, lang);
      expect(ms.length).toBeGreaterThan(0);
      expect(ms.length).toBeLessThanOrEqual(8);
      expect(ms.map((m) => m.week)).toEqual([...ms.map((m) => m.week)].sort((a, b) => a - b));
      // The trainer's quarrel of week 7 is a turning point in both runs.
      const q = ms.find((m) => m.kind === 'quarrel');
      expect(q?.week).toBe(7);
      expect(q?.injected).toBe(true);
      // Five members who never come nor work: the group parts from the model's own, and says where.
      const apart = ms.find((m) => m.kind === 'parted');
      expect(apart?.text).toMatch(lang === 'en' ? /in your group (rose above|fell below) the simulation’s members’/ : /di kelompok Anda/);
      expect(apart!.week).toBeGreaterThanOrEqual(1);
      expect(apart!.week).toBeLessThanOrEqual(runs.weeks);
    }
  });
});
