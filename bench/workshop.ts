/**
 * npm run bench:workshop — a full workshop against the real server in its own process
 * (`kube-sim workshop`): 30 phones (ws clients) answer every week for 156 weeks, a projector opens
 * and closes each week. For each week it measures the time from the last answer sent to the moment
 * every screen (30 phones and the projector) has received a state showing all 30 answers, and
 * prints the median, p95 and worst (target: p95 ≤ 200 ms). The server writes its log after every
 * answer, as in a real workshop, so the time includes that write.
 *
 * The phones answer 5 ms apart (a room answering over 150 ms: every answer is its own log write
 * and broadcast); --burst sends all 30 at once (the server then writes and sends them together).
 *
 * Usage: npm run bench:workshop [-- --weeks N] [--burst] (default 156 weeks).
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import WebSocket from 'ws';
import type { ServerMessage } from '../src/server/protocol.ts';

const { values } = parseArgs({ options: { weeks: { type: 'string' }, burst: { type: 'boolean' } } });
const WEEKS = Number(values.weeks ?? 156);
const PLAYERS = 30;
/** The trainer sends two messages a week; the server allows 10 a second per connection. */
const MIN_WEEK_MS = 220;
const TARGET_P95_MS = 200;

const dir = mkdtempSync(join(tmpdir(), 'kube-sim-bench-workshop-'));
const pages = join(dir, 'pages');
mkdirSync(pages);
for (const p of ['workshop-phone.html', 'workshop-projector.html']) writeFileSync(join(pages, p), '<!doctype html>');
const sessionPath = join(dir, 'session.json');
// Seed 2: a group of 30 stays active for the whole three years (seed 5 divides its grant in week 1).
const server = spawn(process.execPath, ['bin/kube-sim.js', 'workshop', 'default', '--set', `group.size=${PLAYERS}`, '--seed', '2', '--port', '0', '--host', '127.0.0.1', '--session', sessionPath, '--pages', pages], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
const out = await new Promise<string>((done, fail) => {
  let text = '';
  server.stdout.on('data', (d) => {
    text += String(d);
    if (text.includes('Session log:')) done(text);
  });
  server.once('exit', (code) => fail(new Error(`the server exited (${code}) before it started:\n${text}`)));
});
const port = Number(/127\.0\.0\.1:(\d+)\/workshop-projector/.exec(out)![1]);
const key = /#key=([0-9a-f]{32})/.exec(out)![1];
const code = /Join code: (\w+)/.exec(out)![1];

/** Refusals the server sent (none is expected: phones answer only for members still in the group). */
const refusals: string[] = [];

interface Screen {
  ws: WebSocket;
  last: Extract<ServerMessage, { type: 'state' }> | null;
  waiters: { test: (m: Extract<ServerMessage, { type: 'state' }>) => boolean; done: () => void }[];
  other: ServerMessage[];
}

async function screen(): Promise<Screen> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`);
  const s: Screen = { ws, last: null, waiters: [], other: [] };
  ws.on('message', (data) => {
    const m = JSON.parse(String(data)) as ServerMessage;
    if (m.type !== 'state') {
      s.other.push(m);
      if (m.type === 'refused') refusals.push(`${m.code}: ${m.message}`);
      return;
    }
    s.last = m;
    s.waiters = s.waiters.filter((w) => (w.test(m) ? (w.done(), false) : true));
  });
  await new Promise((ok, fail) => ws.once('open', ok).once('error', fail));
  return s;
}
const send = (s: Screen, m: object) => s.ws.send(JSON.stringify({ v: 1, ...m }));
const until = (s: Screen, test: (m: Extract<ServerMessage, { type: 'state' }>) => boolean) =>
  new Promise<void>((done) => (s.last && test(s.last) ? done() : s.waiters.push({ test, done })));

const projector = await screen();
send(projector, { type: 'watch', key });
await until(projector, () => true);
const phones: { s: Screen; token: string }[] = [];
for (let k = 0; k < PLAYERS; k++) {
  const s = await screen();
  send(s, { type: 'join', code, name: `Player ${k + 1}`, member: k });
  await until(s, (m) => m.you?.member === k);
  const seated = s.other.find((m) => m.type === 'seated');
  phones.push({ s, token: seated && seated.type === 'seated' ? seated.token : '' });
}
const screens = [projector, ...phones.map((p) => p.s)];

const latencies: number[] = [];
const started = performance.now();
let weeksRun = 0;
for (let w = 0; w < WEEKS; w++) {
  const weekStart = performance.now();
  send(projector, { type: 'open', key, seconds: 1800 });
  await Promise.all(screens.map((s) => until(s, (m) => m.state.phase === 'open' && m.state.week === w)));
  const allAnswered = (m: Extract<ServerMessage, { type: 'state' }>) => m.state.week === w && m.state.seats.every((x) => x.answered || !x.active);
  const seen = Promise.all(screens.map((s) => until(s, allAnswered)));
  // A member who has left the group no longer decides: its phone sits the week out.
  const playing = phones.filter((p) => p.s.last?.you?.active);
  for (const [k, p] of playing.entries()) {
    if (!values.burst && k > 0) await new Promise((ok) => setTimeout(ok, 5));
    send(p.s, { type: 'answer', token: p.token, week: w, answers: { attend: (k + w) % 3 !== 0, effort: ((k * 7 + w) % 11) / 10, iksPayment: 1000 * (k % 5), vote: null, reportMissing: false } });
  }
  const lastSent = performance.now();
  await seen;
  latencies.push(performance.now() - lastSent);
  send(projector, { type: 'close', key });
  await Promise.all(screens.map((s) => until(s, (m) => m.state.week === w + 1)));
  weeksRun = w + 1;
  // The answers are the members' decisions: a group they run down may dissolve before the horizon.
  if (projector.last?.state.phase === 'ended') break;
  const spent = performance.now() - weekStart;
  if (spent < MIN_WEEK_MS) await new Promise((ok) => setTimeout(ok, MIN_WEEK_MS - spent));
}
const total = (performance.now() - started) / 1000;
for (const s of screens) s.ws.close();
server.kill('SIGINT');
await new Promise((ok) => server.once('exit', ok));

const sorted = [...latencies].sort((a, b) => a - b);
const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
const size = statSync(sessionPath).size;
rmSync(dir, { recursive: true, force: true });
console.log(`workshop: ${PLAYERS} phones${values.burst ? ' (answering at once)' : ' (answering 5 ms apart)'} + projector, ${weeksRun} weeks${weeksRun < WEEKS ? ` (the group dissolved; ${WEEKS} asked)` : ''} in ${total.toFixed(1)} s; session log ${(size / 1e6).toFixed(2)} MB at the end`);
if (refusals.length) console.log(`${refusals.length} refusals, e.g. ${refusals[0]}`);
const still = phones.filter((p) => p.s.last?.you?.active).length;
console.log(`${still} of ${PLAYERS} members still in the group at the end (a member who left stops answering)`);
console.log(`last answer → all ${screens.length} screens updated: median ${q(0.5).toFixed(1)} ms, p95 ${q(0.95).toFixed(1)} ms, worst ${sorted.at(-1)!.toFixed(1)} ms (target p95 ≤ ${TARGET_P95_MS} ms: ${q(0.95) <= TARGET_P95_MS ? 'met' : 'NOT met'})`);
