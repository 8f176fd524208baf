/**
 * The workshop session: the one authority on seats, weeks and answers. Every client message,
 * already parsed (protocol.ts), goes through `handle`, which either changes the session and says
 * so, or refuses and changes nothing. The clock and the token source are handed in, so tests
 * drive it without time or randomness of their own; the model's run is rebuilt from the log
 * through the same `runWeek` as `kube-sim replay` (drive.ts).
 *
 * Phases: lobby → open ⇄ paused → closed → open → … → ended (horizon reached or the group
 * dissolved). Closing a week (the trainer, or its time running out) runs the model one week.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import seedrandom from 'seedrandom';
import { eventList, INDICATOR_KEYS, ROLES, STATUS_NAMES, type Run, type Scenario } from '../model/index.ts';
import { runWeek, type Decision } from './drive.ts';
import { decisionsOf, injectionsOf, replayWeeks } from './replay.ts';
import {
  JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH, PROTOCOL_VERSION,
  type Answers, type ClientMessage, type Debrief, type Plan, type PublicState, type Refusal, type ServerMessage, type WireEvent, type You,
} from './protocol.ts';
import { NOTICE, SESSION_FORMAT, SESSION_KIND, SessionFileError, type SessionDoc } from './session-file.ts';

/** Chance that a seated officer is offered, privately, to take money in a given week. */
export const OFFER_CHANCE = 0.25;

export interface SessionDeps {
  /** ms since 1970. */
  now: () => number;
  /** 32 random hex digits (a seat token or the trainer's key). */
  secret: () => string;
}

export const defaultDeps: SessionDeps = { now: () => Date.now(), secret: () => randomBytes(16).toString('hex') };

/** Who a connection acts as, as far as the session has told it. */
export type Binding = { kind: 'seat'; member: number } | { kind: 'trainer' } | { kind: 'none' };

/** What `handle` did: what to send back, whether the session changed (write the log, tell everyone). */
export type Outcome =
  | { ok: true; changed: boolean; reply: ServerMessage[]; bind?: Binding }
  | { ok: false; code: Refusal; message: string };

const hash = (s: string) => createHash('sha256').update(s).digest('hex');
const refuse = (code: Refusal, message: string): Outcome => ({ ok: false, code, message });
const iso = (ms: number) => new Date(ms).toISOString();

export class Session {
  readonly doc: SessionDoc;
  readonly scenario: Scenario;
  private readonly run: Run;
  private readonly deps: SessionDeps;
  /** Open connections per seated member (not logged: a restart starts with none). */
  private readonly online = new Map<number, number>();
  private lastEvents: WireEvent[] = [];
  private readonly capitalHistory: number[] = [];
  /** Each member's income from the group before the last week run (for "this week you earned"). */
  private incomeBeforeLastWeek!: Float64Array;

  private constructor(doc: SessionDoc, scenario: Scenario, deps: SessionDeps) {
    this.doc = doc;
    this.scenario = scenario;
    this.deps = deps;
    const replay = replayWeeks(doc, scenario, {
      beforeWeek: (run) => (this.incomeBeforeLastWeek = run.state.income.slice()),
      afterWeek: (run) => this.afterWeek(run),
    });
    if (replay.mismatch) {
      const m = replay.mismatch;
      throw new SessionFileError(`session log: week ${m.week + 1} does not replay to what was logged (${m.what}: logged ${m.logged}, replayed ${m.replayed}); the log was altered or written by another version of the model`);
    }
    this.run = replay.run;
    this.incomeBeforeLastWeek ??= this.run.state.income.slice();
  }

  /** A new session: the trainer's key is returned once and only its hash is kept. */
  static create(sc: Scenario, init: { scenarioName: string; seed?: number; joinCode?: string; kubeSim: string }, deps: SessionDeps = defaultDeps): { session: Session; trainerKey: string } {
    const trainerKey = deps.secret();
    const seed = init.seed ?? sc.seed;
    const doc: SessionDoc = {
      kind: SESSION_KIND, format: SESSION_FORMAT, protocol: PROTOCOL_VERSION, kubeSim: init.kubeSim, notice: NOTICE,
      createdAt: iso(deps.now()), scenarioName: init.scenarioName, scenario: { ...sc, seed } as unknown as Record<string, unknown>,
      seed, replication: 0, joinCode: init.joinCode ?? joinCodeFrom(deps.secret()), trainerKeyHash: hash(trainerKey),
      phase: 'lobby', week: 0, deadline: null, remainingMs: null, seats: [], decisions: [], injections: [], weeks: [], refused: 0,
    };
    return { session: new Session(doc, sc, deps), trainerKey };
  }

  /** A session from its log (after a restart): an open week comes back paused, with its time left. */
  static resume(doc: SessionDoc, sc: Scenario, deps: SessionDeps = defaultDeps): Session {
    if (doc.phase === 'open') {
      doc.remainingMs = Math.max(0, (doc.deadline ?? 0) - deps.now());
      doc.deadline = null;
      doc.phase = 'paused';
    }
    return new Session(doc, sc, deps);
  }

  /** A new trainer key, e.g. after a restart (only the old key's hash was logged); the old key stops working. */
  rekey(): string {
    const key = this.deps.secret();
    this.doc.trainerKeyHash = hash(key);
    return key;
  }

  /** When the open week closes by itself (ms since 1970), or null. */
  get deadline(): number | null {
    return this.doc.phase === 'open' ? this.doc.deadline : null;
  }

  /** The run is over: the horizon is reached or the group dissolved. */
  get ended(): boolean {
    return this.doc.phase === 'ended';
  }

  handle(m: ClientMessage, bound: Binding = { kind: 'none' }): Outcome {
    const d = this.doc;
    switch (m.type) {
      case 'look':
        if (m.code !== d.joinCode) return refuse('bad-code', `code: got "${m.code}"; allowed: the join code on the projector`);
        return { ok: true, changed: false, reply: [this.stateFor(null)] };
      case 'join': {
        if (m.code !== d.joinCode) return refuse('bad-code', `code: got "${m.code}"; allowed: the join code on the projector`);
        if (d.phase === 'ended') return refuse('ended', 'the workshop has ended');
        if (bound.kind === 'seat') return refuse('already-seated', `this phone already plays member ${bound.member + 1}; leave that seat first`);
        const free = this.freeMembers();
        let member: number;
        if (m.member === null) {
          if (!free.length) return refuse('no-free-seat', 'every member still in the group already has a player');
          member = free[0];
        } else {
          if (m.member >= this.run.state.n || !this.run.state.active[m.member]) {
            return refuse('no-such-member', `member: got ${m.member}; allowed: a member still in the group (${this.activeList()})`);
          }
          if (!free.includes(m.member)) return refuse('seat-taken', `member: got ${m.member}; that seat has a player; free: ${free.join(', ') || 'none'}`);
          member = m.member;
        }
        const token = this.deps.secret();
        d.seats.push({ member, player: m.name, tokenHash: hash(token), since: iso(this.deps.now()), leftAt: null });
        return { ok: true, changed: true, reply: [{ v: PROTOCOL_VERSION, type: 'seated', member, token }], bind: { kind: 'seat', member } };
      }
      case 'resume': {
        const seat = this.seatOf(m.token);
        if (!seat) return refuse('bad-token', 'token: not a seat of this workshop (the seat was given up, or the token is wrong); join again');
        return { ok: true, changed: false, reply: [], bind: { kind: 'seat', member: seat.member } };
      }
      case 'leave': {
        const seat = this.seatOf(m.token);
        if (!seat) return refuse('bad-token', 'token: not a seat of this workshop');
        seat.leftAt = iso(this.deps.now());
        return { ok: true, changed: true, reply: [{ v: PROTOCOL_VERSION, type: 'left' }], bind: { kind: 'none' } };
      }
      case 'answer':
        return this.answer(m.token, m.week, m.answers);
      default:
        return this.trainer(m);
    }
  }

  private answer(token: string, week: number, answers: Answers): Outcome {
    const d = this.doc;
    const seat = this.seatOf(token);
    if (!seat) return refuse('bad-token', 'token: not a seat of this workshop');
    if (d.phase !== 'open') return refuse('not-open', `week ${d.week + 1} is not open for answers (${d.phase})`);
    if (week !== d.week) return refuse('wrong-week', `week: got ${week}; allowed: ${d.week} (the open week)`);
    const st = this.run.state;
    if (!st.active[seat.member]) return refuse('no-such-member', `member ${seat.member + 1} has left the group and no longer decides`);
    if (answers.vote !== null && (answers.vote >= st.n || !st.active[answers.vote])) {
      return refuse('bad-vote', `answers.vote: got ${answers.vote}; allowed: null or a member still in the group (${this.activeList()})`);
    }
    if (answers.takeMoney && !this.offered(seat.member)) return refuse('not-offered', 'answers.takeMoney: got true; allowed: false (nobody offered this seat money this week)');
    d.decisions.push({ week, member: seat.member, player: seat.player, at: iso(this.deps.now()), answers });
    return { ok: true, changed: true, reply: [] };
  }

  private trainer(m: Extract<ClientMessage, { key: string }>): Outcome {
    const d = this.doc;
    if (!sameHash(hash(m.key), d.trainerKeyHash)) return refuse('not-trainer', "key: not this workshop's trainer key");
    const now = this.deps.now();
    switch (m.type) {
      case 'watch':
        return { ok: true, changed: false, reply: [this.stateFor(null, true)], bind: { kind: 'trainer' } };
      case 'open':
        if (d.phase !== 'lobby' && d.phase !== 'closed') return refuse('not-open', `cannot open a week while ${d.phase}`);
        d.phase = 'open';
        d.deadline = now + m.seconds * 1000;
        d.remainingMs = null;
        return { ok: true, changed: true, reply: [] };
      case 'pause':
        if (d.phase !== 'open') return refuse('not-open', `cannot pause while ${d.phase}`);
        d.phase = 'paused';
        d.remainingMs = Math.max(0, d.deadline! - now);
        d.deadline = null;
        return { ok: true, changed: true, reply: [] };
      case 'resume-week':
        if (d.phase !== 'paused') return refuse('not-open', `cannot resume while ${d.phase}`);
        d.phase = 'open';
        d.deadline = now + d.remainingMs!;
        d.remainingMs = null;
        return { ok: true, changed: true, reply: [] };
      case 'close':
        if (d.phase !== 'open' && d.phase !== 'paused') return refuse('not-open', `no week is open (${d.phase})`);
        this.closeWeek();
        return { ok: true, changed: true, reply: [] };
      case 'end':
        if (d.phase !== 'lobby' && d.phase !== 'closed') return refuse('not-open', `close the open week before ending the workshop (${d.phase})`);
        d.phase = 'ended';
        return { ok: true, changed: true, reply: [] };
      case 'debrief':
        if (d.phase !== 'ended') return refuse('not-open', `the debrief comes when the workshop has ended (${d.phase})`);
        return { ok: true, changed: false, reply: [{ v: PROTOCOL_VERSION, type: 'debrief', debrief: this.debrief() }] };
      case 'inject': {
        if (d.phase === 'ended') return refuse('ended', 'the workshop has ended');
        const st = this.run.state;
        if (m.member !== null && (m.member >= st.n || !st.active[m.member])) {
          return refuse('no-such-member', `member: got ${m.member}; allowed: null or a member still in the group (${this.activeList()})`);
        }
        // At the end of the week to be run next, as in trainer mode.
        d.injections.push({ week: d.week, kind: m.kind, member: m.member, at: iso(now) });
        return { ok: true, changed: true, reply: [] };
      }
    }
  }

  /** Close the open week if its time is up; true if it did. */
  tick(): boolean {
    const d = this.doc;
    if (d.phase !== 'open' || d.deadline === null || this.deps.now() < d.deadline) return false;
    this.closeWeek();
    return true;
  }

  /** Run the week: the answers are the seated members' decisions, the model plays the rest (drive.ts). */
  private closeWeek(): void {
    const d = this.doc;
    this.incomeBeforeLastWeek = this.run.state.income.slice();
    const rec = runWeek(this.run, this.decisionsOf(d.week), injectionsOf(d, d.week));
    if (rec) d.weeks.push(rec);
    d.week = this.run.state.week;
    d.deadline = d.remainingMs = null;
    this.afterWeek();
    const dissolved = STATUS_NAMES[this.run.state.status] === 'dissolved';
    d.phase = !rec || dissolved || d.week >= this.scenario.horizonWeeks ? 'ended' : 'closed';
  }

  private afterWeek(run: Run = this.run): void {
    const st = run.state;
    const w = st.week - 1;
    this.lastEvents = eventList(st.events)
      .filter((e) => e.week === w)
      .map((e) => ({ type: e.type, member: e.member, other: e.other, amount: e.amount }));
    this.capitalHistory.push(st.capital);
    // (capitalHistory[k] is the capital at the end of week k.)
  }

  /** Each seat's last answer to `week`, in member order. */
  decisionsOf(week: number): Decision[] {
    return decisionsOf(this.doc, week);
  }

  /**
   * Is seated officer `member` offered money this week? Only the chair and the treasurer hold the
   * group's money (src/model/processes/misuse.ts), and only while there is some. Its own seeded
   * draw, apart from the model's streams.
   */
  offered(member: number): boolean {
    const st = this.run.state;
    if (!st.active[member] || (member !== st.chair && member !== st.treasurer) || !(st.capital > 0)) return false;
    return seedrandom(`${this.doc.seed}:workshop-offer:${this.doc.week}:${member}`)() < OFFER_CHANCE;
  }

  /** A connection to `member`'s seat opened (+1) or closed (−1). */
  connected(member: number, delta: 1 | -1): void {
    const k = (this.online.get(member) ?? 0) + delta;
    if (k > 0) this.online.set(member, k);
    else this.online.delete(member);
  }

  private seatOf(token: string) {
    const h = hash(token);
    return this.doc.seats.find((s) => s.leftAt === null && sameHash(s.tokenHash, h));
  }

  private heldSeat(member: number) {
    return this.doc.seats.find((s) => s.leftAt === null && s.member === member);
  }

  private freeMembers(): number[] {
    const st = this.run.state;
    const out: number[] = [];
    for (let i = 0; i < st.n; i++) if (st.active[i] && !this.heldSeat(i)) out.push(i);
    return out;
  }

  private activeList(): string {
    const st = this.run.state;
    const out: number[] = [];
    for (let i = 0; i < st.n; i++) if (st.active[i]) out.push(i);
    return out.join(', ');
  }

  /** What everyone may see. */
  publicState(): PublicState {
    const d = this.doc;
    const st = this.run.state;
    const answered = new Set(d.phase === 'open' || d.phase === 'paused' ? this.decisionsOf(d.week).map((x) => x.member) : []);
    const names = this.scenario.members.roster;
    const v = this.run.measure();
    const at = (k: string) => v[INDICATOR_KEYS.indexOf(k)];
    return {
      scenario: d.scenarioName,
      week: d.week,
      horizon: this.scenario.horizonWeeks,
      phase: d.phase,
      remainingMs: d.phase === 'open' ? Math.max(0, d.deadline! - this.deps.now()) : d.phase === 'paused' ? d.remainingMs : null,
      seats: Array.from({ length: st.n }, (_, i) => ({
        member: i,
        name: names?.[i]?.name ?? null,
        role: ROLES[st.role[i]],
        active: st.active[i] === 1,
        player: this.heldSeat(i)?.player ?? null,
        connected: (this.online.get(i) ?? 0) > 0,
        answered: answered.has(i),
      })),
      group: {
        status: STATUS_NAMES[st.status],
        capital: st.capital,
        iksFund: st.iksFund,
        activeMembers: st.nActive,
        meanTrust: st.meanTrust,
        cohesion: finite(at('cohesion')),
        meetingHeld: st.meetingHeld === 1,
        events: this.lastEvents,
        capitalHistory: this.capitalHistory.slice(),
        pendingGrant: st.pendingGrant,
      },
    };
  }

  /** The trainer's injections waiting for the end of the coming week. */
  plan(): Plan {
    return this.doc.phase === 'ended' ? [] : injectionsOf(this.doc, this.doc.week);
  }

  /** The debrief's material: the session's luck, answers, injections and logged indicators, week by week. */
  debrief(): Debrief {
    const d = this.doc;
    const weeks = d.weeks.length;
    return {
      scenario: d.scenario,
      seed: d.seed,
      replication: d.replication,
      weeks,
      decisions: d.weeks.map((w) => this.decisionsOf(w.week)),
      injections: d.weeks.map((w) => injectionsOf(d, w.week)),
      indicators: d.weeks.map((w) => w.indicators),
    };
  }

  /** What one seat sees about its own member. */
  you(member: number): You | null {
    const seat = this.heldSeat(member);
    if (!seat) return null;
    const st = this.run.state;
    const d = this.doc;
    const mine = this.decisionsOf(d.week).find((x) => x.member === member);
    const prev = this.doc.weeks.at(-1);
    return {
      member,
      player: seat.player,
      role: ROLES[st.role[member]],
      active: st.active[member] === 1,
      incomeTotal: st.income[member],
      incomeLastWeek: prev ? st.income[member] - this.incomeBeforeLastWeek[member] : 0,
      attendedLastWeek: prev !== undefined && st.attended[member] === 1,
      effortLastWeek: prev ? st.effort[member] : 0,
      offer: (d.phase === 'open' || d.phase === 'paused') && this.offered(member),
      answer: d.phase === 'open' || d.phase === 'paused' ? mine?.answers ?? null : null,
      happened: this.lastEvents.filter((e) => e.member === member || e.other === member),
      trustedBy: st.trustIn[member],
      trusts: mostTrusted(st, member),
    };
  }


  /** The state message for one connection (a seat's includes its own view). */
  stateFor(member: number | null, trainer = false): ServerMessage {
    return { v: PROTOCOL_VERSION, type: 'state', state: this.publicState(), you: member === null ? null : this.you(member), plan: trainer ? this.plan() : null };
  }
}

/** The three active members `i` trusts most (the lower index first on a tie). */
function mostTrusted(st: Run['state'], i: number): { member: number; trust: number }[] {
  const out: { member: number; trust: number }[] = [];
  for (let j = 0; j < st.n; j++) if (j !== i && st.active[j]) out.push({ member: j, trust: st.trust[i * st.n + j] });
  return out.sort((a, b) => b.trust - a.trust || a.member - b.member).slice(0, 3);
}

function finite(x: number): number {
  return Number.isFinite(x) ? x : 0;
}

function sameHash(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

/** A join code drawn from 32 random hex digits (6 symbols of the unambiguous alphabet). */
export function joinCodeFrom(secret: string): string {
  let out = '';
  for (let k = 0; k < JOIN_CODE_LENGTH; k++) out += JOIN_CODE_ALPHABET[parseInt(secret.slice(k * 2, k * 2 + 2), 16) % JOIN_CODE_ALPHABET.length];
  return out;
}
