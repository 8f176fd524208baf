import { describe, expect, it } from 'vitest';
import { MAX_REFUSALS, openConnection, RATE, receive, type Connection, type Refused } from '../../src/server/gate.ts';
import { MAX_MESSAGE_BYTES, type ServerMessage } from '../../src/server/protocol.ts';
import { parseSession } from '../../src/server/session-file.ts';
import { Session } from '../../src/server/session.ts';
import { ANSWER, newSession } from './helpers.ts';

/** A phone or projector talking to the session through the gate, as the server does. */
function client(s: ReturnType<typeof newSession>, id = 1) {
  const conn: Connection = openConnection(id, s.deps.now());
  const refused: Refused[] = [];
  const send = (m: object | string) => receive(s.session, conn, typeof m === 'string' ? m : JSON.stringify({ v: 1, ...m }), s.deps.now(), (_c, r) => refused.push(r));
  return { conn, refused, send };
}

function seat(s: ReturnType<typeof newSession>, name: string, member: number | null, id = 1) {
  const c = client(s, id);
  const r = c.send({ type: 'join', code: s.code, name, member });
  const seated = r.reply.find((m): m is Extract<ServerMessage, { type: 'seated' }> => m.type === 'seated');
  if (!seated) throw new Error(`not seated: ${JSON.stringify(c.refused)}`);
  return { ...c, token: seated.token, member: seated.member };
}

const snapshot = (s: Session) => JSON.stringify(s.doc);

describe('workshop session', () => {
  it('seats players by code and name, on a chosen seat or a free one, never twice on one seat', () => {
    const s = newSession();
    const wrong = client(s).send({ type: 'join', code: 'ZZZZZZ', name: 'Sari', member: null });
    expect(wrong.reply[0]).toMatchObject({ type: 'refused', code: 'bad-code' });
    const sari = seat(s, 'Sari', 4);
    expect(sari.member).toBe(4);
    const budi = seat(s, 'Budi', null, 2);
    expect(budi.member).toBe(0);
    const again = client(s, 3).send({ type: 'join', code: s.code, name: 'Eko', member: 4 });
    expect(again.reply[0]).toMatchObject({ type: 'refused', code: 'seat-taken' });
    const twice = sari.send({ type: 'join', code: s.code, name: 'Sari2', member: 5 });
    expect(twice.reply[0]).toMatchObject({ type: 'refused', code: 'already-seated' });
    const state = s.session.publicState();
    expect(state.seats.filter((x) => x.player).map((x) => [x.member, x.player, x.connected])).toEqual([[0, 'Budi', true], [4, 'Sari', true]]);
    // Tokens are kept only as hashes.
    expect(snapshot(s.session)).not.toContain(sari.token);
  });

  it('runs weeks only when the trainer opens and closes them, logging every answer', () => {
    const s = newSession();
    const trainer = client(s, 9);
    const p = seat(s, 'Sari', 2);
    expect(p.send({ type: 'answer', token: p.token, week: 0, answers: ANSWER }).reply[0]).toMatchObject({ code: 'not-open' });
    expect(trainer.send({ type: 'open', key: s.trainerKey, seconds: 60 }).changed).toBe(true);
    expect(p.send({ type: 'answer', token: p.token, week: 1, answers: ANSWER }).reply[0]).toMatchObject({ code: 'wrong-week' });
    expect(p.send({ type: 'answer', token: p.token, week: 0, answers: { ...ANSWER, vote: 99 } }).reply[0]).toMatchObject({ code: 'malformed' });
    expect(p.send({ type: 'answer', token: p.token, week: 0, answers: ANSWER }).changed).toBe(true);
    expect(p.send({ type: 'answer', token: p.token, week: 0, answers: { ...ANSWER, effort: 0.2 } }).changed).toBe(true);
    expect(s.session.publicState().seats[2].answered).toBe(true);
    expect(s.session.you(2)?.answer?.effort).toBe(0.2);
    trainer.send({ type: 'close', key: s.trainerKey });
    const d = s.session.doc;
    expect([d.week, d.phase, d.weeks.length]).toEqual([1, 'closed', 1]);
    expect(d.weeks[0].answered).toEqual([2]);
    expect(d.decisions.map((x) => [x.week, x.member, x.player, x.answers.effort])).toEqual([[0, 2, 'Sari', 0.6], [0, 2, 'Sari', 0.2]]);
    expect(s.session.decisionsOf(0)).toEqual([{ member: 2, answers: { ...ANSWER, effort: 0.2 } }]);
    // Between weeks nothing is accepted.
    expect(p.send({ type: 'answer', token: p.token, week: 1, answers: ANSWER }).reply[0]).toMatchObject({ code: 'not-open' });
  });

  it('pauses the countdown and closes the week when its time is up', () => {
    const s = newSession();
    const trainer = client(s, 9);
    trainer.send({ type: 'open', key: s.trainerKey, seconds: 30 });
    s.deps.t += 10_000;
    trainer.send({ type: 'pause', key: s.trainerKey });
    expect(s.session.publicState()).toMatchObject({ phase: 'paused', remainingMs: 20_000 });
    s.deps.t += 600_000;
    expect(s.session.tick()).toBe(false);
    trainer.send({ type: 'resume-week', key: s.trainerKey });
    expect(s.session.publicState()).toMatchObject({ phase: 'open', remainingMs: 20_000 });
    s.deps.t += 19_999;
    expect(s.session.tick()).toBe(false);
    s.deps.t += 1;
    expect(s.session.tick()).toBe(true);
    expect(s.session.doc).toMatchObject({ week: 1, phase: 'closed' });
  });

  it('refuses a forged seat token, a forged trainer key and an offer nobody made, changing nothing', () => {
    const s = newSession();
    const trainer = client(s, 9);
    trainer.send({ type: 'open', key: s.trainerKey, seconds: 60 });
    const p = seat(s, 'Sari', 2);
    const attacker = client(s, 7);
    const before = snapshot(s.session);
    const forged = 'f'.repeat(32);
    const tries = [
      { type: 'answer', token: forged, week: 0, answers: ANSWER },
      { type: 'leave', token: forged },
      { type: 'resume', token: forged },
      { type: 'close', key: forged },
      { type: 'open', key: p.token, seconds: 60 },
    ];
    for (const t of tries) expect(attacker.send(t).changed, JSON.stringify(t)).toBe(false);
    expect(attacker.refused.map((r) => r.code)).toEqual(['bad-token', 'bad-token', 'bad-token', 'not-trainer', 'not-trainer']);
    // A seat token is not a trainer key, and a phone cannot take money it was not offered.
    const officer = s.session.publicState().seats.find((x) => x.role !== 'anggota' && !s.session.offered(x.member))!;
    const o = seat(s, 'Officer', officer.member, 3);
    const mid = snapshot(s.session);
    expect(o.send({ type: 'answer', token: o.token, week: 0, answers: { ...ANSWER, takeMoney: true } }).reply[0]).toMatchObject({ code: 'not-offered' });
    expect(p.send({ type: 'answer', token: p.token, week: 0, answers: { ...ANSWER, takeMoney: true } }).reply[0]).toMatchObject({ code: 'not-offered' });
    expect(snapshot(s.session).replace(/"refused":\d+/, '')).toBe(mid.replace(/"refused":\d+/, ''));
    expect(before.replace(/"refused":\d+/, '')).not.toBe(mid.replace(/"refused":\d+/, '')); // the officer's seat
    expect(s.session.doc.decisions).toEqual([]);
    expect(s.session.doc.refused).toBe(7);
  });

  it('lets an officer take money only in a week the server offered it, privately, and logs the answer', () => {
    const s = newSession();
    const trainer = client(s, 9);
    const officers = s.session.publicState().seats.filter((x) => x.role !== 'anggota').map((x) => x.member);
    const seats = officers.map((m, k) => seat(s, `Officer ${k}`, m, 10 + k));
    const plain = seat(s, 'Member', s.session.publicState().seats.find((x) => x.role === 'anggota')!.member, 20);
    let offeredWeek = -1;
    for (let w = 0; w < 40 && offeredWeek < 0 && !s.session.ended; w++) {
      trainer.send({ type: 'open', key: s.trainerKey, seconds: 60 });
      const who = seats.find((o) => s.session.offered(o.member));
      if (who) {
        offeredWeek = w;
        // Only the offered seat sees the offer.
        expect(s.session.you(who.member)?.offer).toBe(true);
        expect(s.session.you(plain.member)?.offer).toBe(false);
        expect(JSON.stringify(s.session.publicState())).not.toContain('offer');
        expect(who.send({ type: 'answer', token: who.token, week: w, answers: { ...ANSWER, takeMoney: true } }).changed).toBe(true);
        expect(s.session.doc.decisions.at(-1)).toMatchObject({ week: w, member: who.member, answers: { takeMoney: true } });
      }
      trainer.send({ type: 'close', key: s.trainerKey });
    }
    // With three officers and a 1 in 4 chance each, 40 weeks without an offer would be a broken draw.
    expect(offeredWeek).toBeGreaterThanOrEqual(0);
    // The offers are the seed's own: the same session offers the same weeks again.
    const again = newSession();
    expect(again.session.offered(officers[0])).toBe(newSession().session.offered(officers[0]));
  });

  it('refuses malformed JSON and oversized messages, and a flood past the rate limit, changing nothing', () => {
    const s = newSession();
    const trainer = client(s, 9);
    trainer.send({ type: 'open', key: s.trainerKey, seconds: 60 });
    const p = seat(s, 'Sari', 2);
    const before = snapshot(s.session).replace(/"refused":\d+/, '');
    for (const bad of ['{"v":1,"type":"answer",', '\u0000\u0001', 'x'.repeat(MAX_MESSAGE_BYTES + 1)]) {
      const r = p.send(bad);
      expect(r.changed).toBe(false);
    }
    expect(p.refused.map((r) => r.code)).toEqual(['malformed', 'malformed', 'too-large']);
    expect(snapshot(s.session).replace(/"refused":\d+/, '')).toBe(before);

    // A flood in one instant: the bucket's burst gets through, the rest is refused and not applied.
    const flood = client(s, 5);
    const token = seat(s, 'Flood', 6, 6).token;
    const results = Array.from({ length: 200 }, (_, k) => flood.send({ type: 'answer', token, week: 0, answers: { ...ANSWER, effort: (k % 10) / 10 } }));
    const applied = results.filter((r) => r.changed).length;
    expect(applied).toBe(RATE.burst);
    expect(flood.refused.filter((r) => r.code === 'rate-limited')).toHaveLength(MAX_REFUSALS);
    expect(s.session.doc.decisions.filter((x) => x.member === 6)).toHaveLength(RATE.burst);
    expect(results.findIndex((r) => r.close)).toBe(RATE.burst + MAX_REFUSALS - 1);
    // After a second at rest the connection may speak again (the server has closed a flooder by then).
    s.deps.t += 1000;
    expect(client(s, 8).send({ type: 'answer', token, week: 0, answers: ANSWER }).changed).toBe(true);
  });

  it('gives a reloaded phone its seat back, and hands a seat given up to the model', () => {
    const s = newSession();
    const p = seat(s, 'Sari', 2);
    const reload = client(s, 2);
    reload.send({ type: 'resume', token: p.token });
    expect(reload.conn.binding).toEqual({ kind: 'seat', member: 2 });
    const r = reload.send({ type: 'leave', token: p.token });
    expect(r.reply[0]).toMatchObject({ type: 'left' });
    expect(s.session.publicState().seats[2].player).toBeNull();
    expect(reload.send({ type: 'resume', token: p.token }).reply[0]).toMatchObject({ code: 'bad-token' });
    // The seat is free for someone else.
    expect(seat(s, 'Budi', 2, 4).member).toBe(2);
  });

  it('resumes from its log after a restart: same week, seats and answers; an open week comes back paused', () => {
    const s = newSession();
    const trainer = client(s, 9);
    const p = seat(s, 'Sari', 2);
    for (let w = 0; w < 3; w++) {
      trainer.send({ type: 'open', key: s.trainerKey, seconds: 60 });
      p.send({ type: 'answer', token: p.token, week: w, answers: ANSWER });
      trainer.send({ type: 'close', key: s.trainerKey });
    }
    trainer.send({ type: 'open', key: s.trainerKey, seconds: 60 });
    p.send({ type: 'answer', token: p.token, week: 3, answers: { ...ANSWER, effort: 0.9 } });
    s.deps.t += 15_000;
    const text = JSON.stringify(s.session.doc);
    const { doc, scenario } = parseSession(text, 'log');
    const back = Session.resume(doc, scenario, s.deps);
    const a = s.session.publicState();
    const b = back.publicState();
    expect(b.phase).toBe('paused');
    expect(b.remainingMs).toBe(45_000);
    expect({ ...b, phase: a.phase, remainingMs: a.remainingMs, seats: b.seats.map((x) => ({ ...x, connected: false })) }).toEqual({
      ...a, seats: a.seats.map((x) => ({ ...x, connected: false })),
    });
    expect(back.you(2)?.answer?.effort).toBe(0.9);
    expect(back.handle({ v: 1, type: 'resume', token: p.token })).toMatchObject({ ok: true, bind: { kind: 'seat', member: 2 } });
  });

  it("takes the trainer's injected events only with the trainer's key, for members still in the group", () => {
    const s = newSession();
    const trainer = client(s, 9);
    const p = seat(s, 'Sari', 2);
    expect(p.send({ type: 'inject', key: p.token, kind: 'quarrel', member: null }).reply[0]).toMatchObject({ code: 'not-trainer' });
    expect(trainer.send({ type: 'inject', key: s.trainerKey, kind: 'leave', member: 25 }).reply[0]).toMatchObject({ code: 'no-such-member' });
    expect(s.session.doc.injections).toEqual([]);
    expect(trainer.send({ type: 'inject', key: s.trainerKey, kind: 'leave', member: 4 }).changed).toBe(true);
    trainer.send({ type: 'open', key: s.trainerKey, seconds: 60 });
    trainer.send({ type: 'close', key: s.trainerKey });
    expect(s.session.doc.injections).toMatchObject([{ week: 0, kind: 'leave', member: 4 }]);
    expect(s.session.doc.weeks[0].injected).toEqual([{ kind: 'leave', member: 4 }]);
    expect(s.session.publicState().seats[4].active).toBe(false);
    // A member who left cannot be named again.
    expect(trainer.send({ type: 'inject', key: s.trainerKey, kind: 'quarrel', member: 4 }).reply[0]).toMatchObject({ code: 'no-such-member' });
  });

  it('will not resume from a log whose weeks were altered', () => {
    const s = newSession();
    const trainer = client(s, 9);
    for (let w = 0; w < 2; w++) {
      trainer.send({ type: 'open', key: s.trainerKey, seconds: 60 });
      trainer.send({ type: 'close', key: s.trainerKey });
    }
    const json = JSON.parse(JSON.stringify(s.session.doc));
    json.weeks[1].indicators[0] += 1e-9;
    const { doc, scenario } = parseSession(JSON.stringify(json), 'log');
    expect(() => Session.resume(doc, scenario, s.deps)).toThrow(/week 2 does not replay/);
  });
});
