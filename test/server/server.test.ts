/**
 * The workshop server over loopback with real `ws` clients: a projector and phones join, answer
 * and see each other's progress; the week closes and every screen hears of it; forged, oversized
 * and cross-site traffic is refused; a reloaded phone gets its seat back; the log on disk lets a
 * restarted server carry on from the same week.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { ServerMessage } from '../../src/server/protocol.ts';
import { readSession } from '../../src/server/session-file.ts';
import { Session } from '../../src/server/session.ts';
import { startWorkshopServer, type WorkshopServer } from '../../src/server/server.ts';
import { scratchFolder } from '../cli/kube-sim.ts';
import { ANSWER, newSession } from './helpers.ts';

const dir = scratchFolder('kube-sim-workshop-server-');
const pages = join(dir, 'dist');
mkdirSync(pages);
writeFileSync(join(pages, 'workshop-phone.html'), '<!doctype html><title>phone</title>');
writeFileSync(join(dir, 'secret.txt'), 'not to be served');

const servers: WorkshopServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

async function start(session: Session, sessionPath: string | null = null) {
  const server = await startWorkshopServer({ session, sessionPath, pagesDir: pages, host: '127.0.0.1', port: 0, publicHost: '127.0.0.1' });
  servers.push(server);
  return server;
}

/** A ws client that keeps every message it gets and can wait for one. */
async function connect(port: number, headers: Record<string, string> = {}) {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`, { headers });
  const got: ServerMessage[] = [];
  const waiters: { test: (m: ServerMessage) => boolean; done: (m: ServerMessage) => void }[] = [];
  ws.on('message', (data) => {
    const m = JSON.parse(String(data)) as ServerMessage;
    got.push(m);
    for (const w of waiters.splice(0)) (w.test(m) ? w.done(m) : waiters.push(w));
  });
  await new Promise<void>((ok, fail) => {
    ws.once('open', () => ok());
    ws.once('error', fail);
  });
  const send = (m: object | string) => ws.send(typeof m === 'string' ? m : JSON.stringify({ v: 1, ...m }));
  const next = (test: (m: ServerMessage) => boolean) =>
    new Promise<ServerMessage>((done, fail) => {
      const seen = got.find(test);
      if (seen) return done(seen);
      waiters.push({ test, done });
      setTimeout(() => fail(new Error(`no such message; got ${JSON.stringify(got.map((m) => m.type))}`)), 5000);
    });
  const closed = new Promise<number>((done) => ws.once('close', (code) => done(code)));
  return { ws, got, send, next, closed, clear: () => got.splice(0) };
}
type Client = Awaited<ReturnType<typeof connect>>;
const stateWhere = (test: (m: Extract<ServerMessage, { type: 'state' }>) => boolean) => (m: ServerMessage) => m.type === 'state' && test(m);

async function join_(c: Client, code: string, name: string, member: number | null) {
  c.send({ type: 'join', code, name, member });
  const m = await c.next((x) => x.type === 'seated' || x.type === 'refused');
  if (m.type !== 'seated') throw new Error(JSON.stringify(m));
  return m;
}

describe('workshop server', () => {
  it('serves the pages and the join QR code, and nothing outside the pages', async () => {
    const s = newSession();
    const server = await start(s.session);
    const base = `http://127.0.0.1:${server.port}`;
    expect(server.joinUrl).toBe(`${base}/workshop-phone.html?code=${s.code}`);
    const page = await fetch(`${base}/workshop-phone.html`);
    expect([page.status, await page.text()]).toEqual([200, '<!doctype html><title>phone</title>']);
    expect((await fetch(`${base}/`)).status).toBe(200);
    const qr = await fetch(`${base}/join-qr.svg`);
    expect(qr.headers.get('content-type')).toBe('image/svg+xml');
    expect(await qr.text()).toMatch(/^<svg[^>]*viewBox/);
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/nope.html']) {
      expect((await fetch(`${base}${path}`)).status, path).toBe(404);
    }
    expect((await fetch(`${base}/workshop-phone.html`, { method: 'POST' })).status).toBe(405);
  });

  it('runs a week with a projector and three phones, every screen told of every answer', async () => {
    const s = newSession();
    const path = join(dir, 'week.json');
    const server = await start(s.session, path);
    const projector = await connect(server.port);
    projector.send({ type: 'watch', key: s.trainerKey });
    const joined = await projector.next((m) => m.type === 'trainer');
    expect(joined).toEqual({ v: 1, type: 'trainer', joinUrl: server.joinUrl, joinCode: s.code });
    const phones = await Promise.all([0, 1, 2].map(() => connect(server.port)));
    const seats = [];
    for (const [k, p] of phones.entries()) seats.push(await join_(p, s.code, `Player ${k}`, k === 0 ? 3 : null));
    expect(seats.map((x) => x.member)).toEqual([3, 0, 1]);
    projector.send({ type: 'open', key: s.trainerKey, seconds: 60 });
    await projector.next(stateWhere((m) => m.state.phase === 'open'));
    for (const [k, p] of phones.entries()) p.send({ type: 'answer', token: seats[k].token, week: 0, answers: ANSWER });
    const all = stateWhere((m) => m.state.seats.filter((x) => x.answered).length === 3);
    await projector.next(all);
    for (const p of phones) {
      const m = await p.next(all);
      expect(m.type === 'state' && m.you?.answer).toEqual(ANSWER);
    }
    // The log on disk already has every answer the screens show.
    expect(readSession(path).doc.decisions).toHaveLength(3);
    projector.send({ type: 'close', key: s.trainerKey });
    const after = stateWhere((m) => m.state.week === 1 && m.state.phase === 'closed');
    await Promise.all([projector, ...phones].map((c) => c.next(after)));
    expect(readSession(path).doc.weeks).toHaveLength(1);
  });

  it('refuses forged tokens, junk, oversized messages and other sites; closes a flood', async () => {
    const s = newSession();
    const server = await start(s.session);
    const phone = await connect(server.port);
    const seat = await join_(phone, s.code, 'Sari', 2);
    const trainer = await connect(server.port);
    trainer.send({ type: 'open', key: s.trainerKey, seconds: 60 });
    await phone.next(stateWhere((m) => m.state.phase === 'open'));
    const attacker = await connect(server.port);
    attacker.send({ type: 'answer', token: 'e'.repeat(32), week: 0, answers: ANSWER });
    expect(await attacker.next((m) => m.type === 'refused')).toMatchObject({ code: 'bad-token' });
    attacker.clear();
    attacker.send('{"v":1,');
    expect(await attacker.next((m) => m.type === 'refused')).toMatchObject({ code: 'malformed' });
    attacker.send({ type: 'close', key: seat.token });
    expect(await attacker.next((m) => m.type === 'refused' && m.code !== 'malformed')).toMatchObject({ code: 'not-trainer' });
    expect(s.session.doc).toMatchObject({ week: 0, phase: 'open', decisions: [] });

    // Larger than the protocol allows: ws itself closes the connection (1009: message too big).
    const big = await connect(server.port);
    big.send('x'.repeat(10_000));
    expect(await big.closed).toBe(1009);

    // A page from another site cannot open the channel.
    await expect(connect(server.port, { Origin: 'http://evil.example' })).rejects.toThrow(/Unexpected server response: 401/);

    // A flood: refused past the rate limit, then the connection is closed; the seat is unharmed.
    const flood = await connect(server.port);
    for (let k = 0; k < 300; k++) flood.send({ type: 'look', code: s.code });
    expect(await flood.closed).toBe(1008);
    expect(flood.got.filter((m) => m.type === 'refused' && m.code === 'rate-limited').length).toBeGreaterThan(0);
    phone.send({ type: 'answer', token: seat.token, week: 0, answers: ANSWER });
    await phone.next(stateWhere((m) => m.you?.answer !== null));
    expect(s.session.doc.decisions).toHaveLength(1);
  });

  it('gives a reloaded phone its seat back; a phone that goes away is shown as gone', async () => {
    const s = newSession();
    const server = await start(s.session);
    const projector = await connect(server.port);
    projector.send({ type: 'watch', key: s.trainerKey });
    const first = await connect(server.port);
    const seat = await join_(first, s.code, 'Sari', 4);
    await projector.next(stateWhere((m) => m.state.seats[4].connected));
    first.ws.close();
    await projector.next(stateWhere((m) => m.state.seats[4].player === 'Sari' && !m.state.seats[4].connected));
    const again = await connect(server.port);
    again.send({ type: 'resume', token: seat.token });
    const back = await again.next((m) => m.type === 'state');
    expect(back.type === 'state' && back.you).toMatchObject({ member: 4, player: 'Sari' });
  });

  it('a restarted server carries on from its log, in the same week, with the same seats', async () => {
    const s = newSession();
    const path = join(dir, 'restart.json');
    const server = await start(s.session, path);
    const projector = await connect(server.port);
    const phone = await connect(server.port);
    const seat = await join_(phone, s.code, 'Sari', 2);
    for (let w = 0; w < 2; w++) {
      projector.send({ type: 'open', key: s.trainerKey, seconds: 60 });
      await phone.next(stateWhere((m) => m.state.phase === 'open' && m.state.week === w));
      phone.send({ type: 'answer', token: seat.token, week: w, answers: ANSWER });
      await phone.next(stateWhere((m) => m.you?.answer !== null && m.state.week === w));
      projector.send({ type: 'close', key: s.trainerKey });
      await phone.next(stateWhere((m) => m.state.week === w + 1));
    }
    projector.send({ type: 'open', key: s.trainerKey, seconds: 60 });
    await phone.next(stateWhere((m) => m.state.phase === 'open' && m.state.week === 2));
    await server.close();
    servers.length = 0;

    const { doc, scenario } = readSession(path);
    const resumed = Session.resume(doc, scenario, s.deps);
    const key = resumed.rekey();
    const server2 = await start(resumed, path);
    const phone2 = await connect(server2.port);
    phone2.send({ type: 'resume', token: seat.token });
    const m = await phone2.next((x) => x.type === 'state');
    expect(m.type === 'state' && [m.state.week, m.state.phase, m.you?.member]).toEqual([2, 'paused', 2]);
    // The old trainer key no longer works; the new one does.
    const old = await connect(server2.port);
    old.send({ type: 'resume-week', key: s.trainerKey });
    expect(await old.next((x) => x.type === 'refused')).toMatchObject({ code: 'not-trainer' });
    old.send({ type: 'resume-week', key });
    await phone2.next(stateWhere((x) => x.state.phase === 'open'));
    expect(JSON.parse(readFileSync(path, 'utf8')).weeks).toHaveLength(2);
  });

  it("tells the trainer's planned events to the projector alone, and sends the debrief only to the trainer once ended", async () => {
    const s = newSession();
    const server = await start(s.session);
    const projector = await connect(server.port);
    projector.send({ type: 'watch', key: s.trainerKey });
    await projector.next((m) => m.type === 'trainer');
    const phone = await connect(server.port);
    await join_(phone, s.code, 'Sari', 2);
    projector.send({ type: 'inject', key: s.trainerKey, kind: 'misuse', member: null });
    await projector.next(stateWhere((m) => m.plan?.length === 1));
    const seen = await phone.next(stateWhere((m) => m.you?.member === 2));
    // The phone's states never carry the plan.
    await new Promise((ok) => setTimeout(ok, 100));
    for (const m of phone.got) if (m.type === 'state') expect(m.plan).toBeNull();
    expect(seen.type).toBe('state');
    expect(JSON.stringify(phone.got)).not.toContain('misuse');
    // Ended: a phone cannot ask for the debrief; the projector can.
    projector.send({ type: 'open', key: s.trainerKey, seconds: 60 });
    projector.send({ type: 'close', key: s.trainerKey });
    await projector.next(stateWhere((m) => m.state.phase === 'closed'));
    projector.send({ type: 'end', key: s.trainerKey });
    await projector.next(stateWhere((m) => m.state.phase === 'ended'));
    phone.send({ type: 'debrief', key: 'f'.repeat(32) });
    await phone.next((m) => m.type === 'refused' && m.code === 'not-trainer');
    projector.send({ type: 'debrief', key: s.trainerKey });
    const d = await projector.next((m) => m.type === 'debrief');
    expect(d.type === 'debrief' && d.debrief.injections).toEqual([[{ kind: 'misuse' }]]);
  });

  it("sends the run so far to the trainer's projector alone, on watching and after each week run, never to a phone", async () => {
    const s = newSession();
    const server = await start(s.session);
    const projector = await connect(server.port);
    projector.send({ type: 'watch', key: s.trainerKey });
    const first = await projector.next((m) => m.type === 'run');
    expect(first.type === 'run' && first.run.weeks).toBe(0);
    const phone = await connect(server.port);
    const seat = await join_(phone, s.code, 'Sari', 2);
    projector.send({ type: 'open', key: s.trainerKey, seconds: 60 });
    await phone.next(stateWhere((m) => m.state.phase === 'open'));
    phone.send({ type: 'answer', token: seat.token, week: 0, answers: ANSWER });
    await projector.next(stateWhere((m) => m.state.seats.some((x) => x.answered)));
    projector.send({ type: 'close', key: s.trainerKey });
    const after = await projector.next((m) => m.type === 'run' && m.run.weeks === 1);
    // The week's answers and the logged indicators, as the debrief carries them.
    expect(after.type === 'run' && after.run).toEqual(s.session.debrief());
    expect(after.type === 'run' && after.run.decisions[0].find((x) => x.member === 2)?.answers).toEqual(ANSWER);
    await phone.next(stateWhere((m) => m.state.week === 1));
    // Once per week run: no second copy for the same week; the phone never gets one.
    await new Promise((ok) => setTimeout(ok, 100));
    expect(projector.got.filter((m) => m.type === 'run').map((m) => m.type === 'run' && m.run.weeks)).toEqual([0, 1]);
    expect(phone.got.some((m) => m.type === 'run')).toBe(false);
  });
});
