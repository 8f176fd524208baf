import { describe, expect, it } from 'vitest';
import { INJECTION_KINDS as MODEL_KINDS } from '../../src/index.ts';
import { INJECTION_KINDS, MAX_MESSAGE_BYTES, parseClientMessage, PROTOCOL_VERSION, ServerMessageSchema } from '../../src/server/protocol.ts';
import { ANSWER } from './helpers.ts';

const TOKEN = 'ab'.repeat(16);
const answer = (answers: unknown, extra: object = {}) => JSON.stringify({ v: 1, type: 'answer', token: TOKEN, week: 0, answers, ...extra });

describe('workshop protocol', () => {
  it('accepts every message type in its documented shape', () => {
    const ok = [
      { v: 1, type: 'look', code: 'abc234' },
      { v: 1, type: 'join', code: 'ABC234', name: '  Sari  ', member: null },
      { v: 1, type: 'join', code: 'ABC234', name: 'Budi', member: 3 },
      { v: 1, type: 'resume', token: TOKEN },
      { v: 1, type: 'answer', token: TOKEN, week: 4, answers: ANSWER },
      { v: 1, type: 'leave', token: TOKEN },
      { v: 1, type: 'watch', key: TOKEN },
      { v: 1, type: 'open', key: TOKEN, seconds: 60 },
      { v: 1, type: 'close', key: TOKEN },
      { v: 1, type: 'pause', key: TOKEN },
      { v: 1, type: 'resume-week', key: TOKEN },
    ];
    for (const m of ok) expect(parseClientMessage(JSON.stringify(m)), JSON.stringify(m)).toMatchObject({ ok: true });
    const join = parseClientMessage(JSON.stringify(ok[1]));
    expect(join.ok && join.message.type === 'join' && [join.message.code, join.message.name]).toEqual(['ABC234', 'Sari']);
    // takeMoney may be left out: it defaults to false.
    const { takeMoney: _t, ...rest } = ANSWER;
    const a = parseClientMessage(answer(rest));
    expect(a.ok && a.message.type === 'answer' && a.message.answers.takeMoney).toBe(false);
  });

  it('refuses malformed messages, naming the field, the value and what is allowed', () => {
    const cases: [string, RegExp][] = [
      ['{not json', /not JSON/],
      ['[1,2]', /one JSON object/],
      ['null', /one JSON object/],
      [JSON.stringify({ v: 2, type: 'look', code: 'ABC234' }), /^v: got 2; allowed: 1 \(this server speaks protocol version 1/],
      [JSON.stringify({ v: 1, type: 'hack' }), /^type: got "hack"; allowed: a known message type/],
      [answer({ ...ANSWER, effort: 1.5 }), /^answers\.effort: got 1\.5; allowed: a number from 0 to 1$/],
      [answer({ ...ANSWER, effort: '1' }), /^answers\.effort: got "1"; allowed: a number from 0 to 1$/],
      [answer({ ...ANSWER, iksPayment: -1 }), /^answers\.iksPayment: got -1; allowed: a whole number from 0 to 100000$/],
      [answer({ ...ANSWER, iksPayment: 2.5 }), /answers\.iksPayment: got 2\.5; allowed: a whole number/],
      [answer({ ...ANSWER, vote: 30 }), /^answers\.vote: got 30; allowed: a whole number from 0 to 29/],
      [answer({ ...ANSWER, extra: 1 }), /^answers\.extra: not a field of this message$/],
      [answer(ANSWER, { admin: true }), /^admin: not a field of this message$/],
      [answer({ ...ANSWER, attend: 'yes' }), /^answers\.attend: got "yes"; allowed: true or false$/],
      [JSON.stringify({ v: 1, type: 'resume', token: 'x' }), /^token: got "x"; allowed: a seat token \(32 hex digits\)$/],
      [JSON.stringify({ v: 1, type: 'join', code: 'ABC23O', name: 'A', member: null }), /^code: got "ABC23O"; allowed: a join code of 6/],
      [JSON.stringify({ v: 1, type: 'join', code: 'ABC234', name: '   ', member: null }), /^name: got "   "; allowed: a name of 1 to 24 characters$/],
      [JSON.stringify({ v: 1, type: 'join', code: 'ABC234', name: 'x'.repeat(25), member: null }), /^name: .*allowed: a name of 1 to 24 characters$/],
      [JSON.stringify({ v: 1, type: 'join', code: 'ABC234', name: 'a\u202eb', member: null }), /allowed: a name without control characters/],
      [JSON.stringify({ v: 1, type: 'open', key: TOKEN, seconds: 5 }), /^seconds: got 5; allowed: a whole number from 10 to 1800$/],
    ];
    for (const [text, why] of cases) {
      const r = parseClientMessage(text);
      expect(r.ok, text).toBe(false);
      if (!r.ok) {
        expect(r.code, text).toBe('malformed');
        expect(r.message, text).toMatch(why);
      }
    }
  });

  it("carries trainer mode's events by the model's own names, and refuses others", () => {
    expect(INJECTION_KINDS).toEqual(MODEL_KINDS);
    const key = 'a'.repeat(32);
    for (const kind of INJECTION_KINDS) expect(parseClientMessage(JSON.stringify({ v: 1, type: 'inject', key, kind, member: null })).ok).toBe(true);
    expect(parseClientMessage(JSON.stringify({ v: 1, type: 'inject', key, kind: 'earthquake', member: null }))).toMatchObject({ ok: false, code: 'malformed' });
    expect(parseClientMessage(JSON.stringify({ v: 1, type: 'inject', key, kind: 'visit', member: 30 }))).toMatchObject({ ok: false, code: 'malformed' });
  });

  it('refuses a message over the size limit before reading it', () => {
    const r = parseClientMessage(' '.repeat(MAX_MESSAGE_BYTES + 1));
    expect(r).toMatchObject({ ok: false, code: 'too-large' });
  });

  it('checks what the server sends with the same kind of schema', () => {
    expect(ServerMessageSchema.safeParse({ v: PROTOCOL_VERSION, type: 'seated', member: 2, token: TOKEN }).success).toBe(true);
    expect(ServerMessageSchema.safeParse({ v: PROTOCOL_VERSION, type: 'seated', member: 2, token: 'short' }).success).toBe(false);
    expect(ServerMessageSchema.safeParse({ v: PROTOCOL_VERSION, type: 'refused', code: 'made-up', message: '' }).success).toBe(false);
  });

  it("checks the projector's run so far (the network's material) like the debrief, and refuses it malformed", () => {
    const answers = { attend: true, effort: 0.5, iksPayment: 2000, vote: null, reportMissing: false, takeMoney: false };
    const run = { scenario: { name: 'x' }, seed: 3, replication: 0, weeks: 1, decisions: [[{ member: 0, answers }]], injections: [[{ kind: 'quarrel' }]], indicators: [[0.5, null]] };
    const ok = (r: unknown) => ServerMessageSchema.safeParse({ v: PROTOCOL_VERSION, type: 'run', run: r }).success;
    expect(ok(run)).toBe(true);
    expect(ok({ ...run, weeks: 0, decisions: [], injections: [], indicators: [] })).toBe(true);
    expect(ServerMessageSchema.safeParse({ v: PROTOCOL_VERSION, type: 'run' }).success).toBe(false);
    expect(ok({ ...run, decisions: [[{ member: 0, answers: { ...answers, effort: 2 } }]] })).toBe(false);
    expect(ok({ ...run, decisions: [[{ member: 99, answers }]] })).toBe(false);
    expect(ok({ ...run, injections: [[{ kind: 'riot' }]] })).toBe(false);
    expect(ok({ ...run, indicators: [['0.5']] })).toBe(false);
    expect(ok({ ...run, extra: 1 })).toBe(false);
    expect(ServerMessageSchema.safeParse({ v: PROTOCOL_VERSION, type: 'run', run, also: 1 }).success).toBe(false);
  });
});
