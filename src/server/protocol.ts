/**
 * The workshop's wire protocol, version 1: every message between a phone or the projector and
 * the server, both ways, as zod schemas (the types are inferred from them). A message is one JSON
 * object with `v` (the protocol version) and `type`. Pure (zod only): the server, the pages and
 * the tests import the same schemas, so what the phone sends is checked by what the server reads.
 *
 * Authority: the server decides everything. A phone acts only for its own seat by sending that
 * seat's secret token with every seat message; the projector sends the trainer's key with every
 * trainer message. Nothing is trusted from the connection itself.
 */
import { z } from 'zod';
import type { InjectionKind } from '../model/inject.ts';

export const PROTOCOL_VERSION = 1;
/** Largest message accepted, bytes (an answer is ~200 bytes; the server closes a connection that sends more). */
export const MAX_MESSAGE_BYTES = 4096;
export const MAX_NAME_CHARS = 24;
/** Join codes avoid letters and digits that read alike (0/O, 1/I/L). */
export const JOIN_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const JOIN_CODE_LENGTH = 6;
/** Seat tokens and the trainer key: 32 hex digits (128 random bits). */
export const TOKEN_PATTERN = /^[0-9a-f]{32}$/;
/**
 * Most a member may put into the IKS (social) fund in one week, Rp: well above the Rp 2,000–10,000
 * a week KUBE members typically set aside, so a real answer never hits it.
 */
export const MAX_IKS_PAYMENT = 100_000;
/** A week's time limit, seconds: at least 10 s, at most 30 min. */
export const WEEK_SECONDS = { min: 10, max: 1800, default: 120 } as const;
/** Largest group the protocol carries: the scenario schema allows 5 to 30 members. */
export const MAX_MEMBERS = 30;

const whole = (min: number, max: number) => {
  const allowed = `a whole number from ${min} to ${max}`;
  return z.number({ error: allowed }).int({ error: allowed }).min(min, { error: allowed }).max(max, { error: allowed });
};
const share = z.number({ error: 'a number from 0 to 1' }).min(0, { error: 'a number from 0 to 1' }).max(1, { error: 'a number from 0 to 1' });
const bool = z.boolean({ error: 'true or false' });
const version = z.literal(PROTOCOL_VERSION, { error: `${PROTOCOL_VERSION} (this server speaks protocol version ${PROTOCOL_VERSION}; reload the page)` });
const token = z.string({ error: 'a seat token (32 hex digits)' }).regex(TOKEN_PATTERN, { error: 'a seat token (32 hex digits)' });
const key = z.string({ error: "the trainer's key (32 hex digits)" }).regex(TOKEN_PATTERN, { error: "the trainer's key (32 hex digits)" });
const code = z
  .string({ error: `a join code of ${JOIN_CODE_LENGTH} letters and digits` })
  .transform((s) => s.trim().toUpperCase())
  .pipe(z.string().regex(new RegExp(`^[${JOIN_CODE_ALPHABET}]{${JOIN_CODE_LENGTH}}$`), { error: `a join code of ${JOIN_CODE_LENGTH} letters and digits` }));
const displayName = z
  .string({ error: `a name of 1 to ${MAX_NAME_CHARS} characters` })
  .transform((s) => s.normalize('NFC').replace(/\s+/g, ' ').trim())
  .pipe(
    z
      .string()
      .min(1, { error: `a name of 1 to ${MAX_NAME_CHARS} characters` })
      .max(MAX_NAME_CHARS, { error: `a name of 1 to ${MAX_NAME_CHARS} characters` })
      // No control or format characters (bidi overrides would garble the projector).
      .regex(/^[^\p{Cc}\p{Cf}]*$/u, { error: 'a name without control characters' }),
  );
const member = whole(0, MAX_MEMBERS - 1);
/** Trainer mode's events (src/model/inject.ts's INJECTION_KINDS, spelled out so the pages need no model code; a test keeps them equal). */
export const INJECTION_KINDS = ['visit', 'marketShock', 'quarrel', 'misuse', 'leave'] as const satisfies readonly InjectionKind[];

/** One player's decisions for one week. */
export const AnswersSchema = z.strictObject(
  {
    /** Come to this week's meeting (if the chair calls one). */
    attend: bool,
    /** Effort put into the group's business this week, 0 (none) to 1 (all one can). */
    effort: share,
    /** Paid into the IKS (social) fund this week, Rp. */
    iksPayment: whole(0, MAX_IKS_PAYMENT),
    /** Vote for chair: a member's index, or null to abstain. */
    vote: member.nullable(),
    /** Report that money is missing from the group's cash. */
    reportMissing: bool,
    /** Take money from the group: allowed only to an officer the server has offered it to this week. */
    takeMoney: bool.default(false),
  },
  { error: 'no other fields' },
);
export type Answers = z.output<typeof AnswersSchema>;

const msg = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) =>
  z.strictObject({ v: version, type: z.literal(type), ...shape }, { error: 'no other fields' });

/** Phone and projector → server. */
export const ClientMessageSchema = z.discriminatedUnion(
  'type',
  [
    /** See the group and its free seats (needs the join code). */
    msg('look', { code }),
    /** Take a seat: `member` a member's index, or null to be given a free one. */
    msg('join', { code, name: displayName, member: member.nullable() }),
    /** A phone that reloaded asks for its seat back. */
    msg('resume', { token }),
    /** This week's decisions for the seat; `week` is the week they are for (0-based). */
    msg('answer', { token, week: whole(0, 100_000), answers: AnswersSchema }),
    /** Give the seat up: the model plays the member from now on. */
    msg('leave', { token }),
    /** The projector: see everything a trainer sees. */
    msg('watch', { key }),
    /** Open the next week for answers with a time limit. */
    msg('open', { key, seconds: whole(WEEK_SECONDS.min, WEEK_SECONDS.max) }),
    /** Close the open (or paused) week now: the model runs the week. */
    msg('close', { key }),
    msg('pause', { key }),
    msg('resume-week', { key }),
    /** Make one of trainer mode's events happen at the end of the week run next; `member` null: the model's rule picks who. */
    msg('inject', { key, kind: z.enum(INJECTION_KINDS, { error: `one of ${INJECTION_KINDS.join(', ')}` }), member: member.nullable() }),
    /** End the workshop between weeks (before the horizon): the debrief follows. */
    msg('end', { key }),
    /** Ask for the debrief's material (the workshop has ended). */
    msg('debrief', { key }),
  ],
  { error: 'a known message type: look, join, resume, answer, leave, watch, open, close, pause, resume-week, inject, end, debrief' },
);
export type ClientMessage = z.output<typeof ClientMessageSchema>;
export type ClientMessageType = ClientMessage['type'];
/** Messages that only the trainer may send. */
export const TRAINER_TYPES = ['watch', 'open', 'close', 'pause', 'resume-week', 'inject', 'end', 'debrief'] as const satisfies readonly ClientMessageType[];

export const PHASES = ['lobby', 'open', 'paused', 'closed', 'ended'] as const;
export type Phase = (typeof PHASES)[number];

export const REFUSALS = [
  'malformed', 'too-large', 'rate-limited', 'bad-code', 'bad-token', 'not-trainer', 'seat-taken', 'no-free-seat',
  'no-such-member', 'not-open', 'wrong-week', 'not-offered', 'bad-vote', 'ended', 'already-seated',
] as const;
export type Refusal = (typeof REFUSALS)[number];

const money = z.number();
const SeatSchema = z.strictObject({
  member,
  /** The member's name in the scenario's roster, or null (the pages say "Member 3"). */
  name: z.string().nullable(),
  role: z.string(),
  active: z.boolean(),
  /** Display name of the player in this seat, or null: the model plays the member. */
  player: z.string().nullable(),
  connected: z.boolean(),
  /** Has answered the week that is open (or paused). */
  answered: z.boolean(),
});
export type Seat = z.output<typeof SeatSchema>;

const EventSchema = z.strictObject({ type: z.string(), member: z.number(), other: z.number(), amount: z.number() });
export type WireEvent = z.output<typeof EventSchema>;

export const GroupViewSchema = z.strictObject({
  status: z.string(),
  capital: money,
  iksFund: money,
  activeMembers: z.number(),
  meanTrust: z.number(),
  cohesion: z.number(),
  meetingHeld: z.boolean(),
  /** What happened in the last week run (0-based week = session week − 1). */
  events: z.array(EventSchema),
  /** Capital at the end of each week run so far (for the projector's line). */
  capitalHistory: z.array(money),
  /** Grant not yet paid to the group, Rp (before week 1: all of it; it arrives in week 1). */
  pendingGrant: money,
});
export type GroupView = z.output<typeof GroupViewSchema>;

export const PublicStateSchema = z.strictObject({
  scenario: z.string(),
  /** Weeks run so far; the week open for answers is this one (0-based). */
  week: z.number(),
  horizon: z.number(),
  phase: z.enum(PHASES),
  /** Time left to answer, ms (open: counting down; paused: frozen), or null. */
  remainingMs: z.number().nullable(),
  seats: z.array(SeatSchema),
  group: GroupViewSchema,
});
export type PublicState = z.output<typeof PublicStateSchema>;

/** What a seated phone alone sees about its member. */
export const YouSchema = z.strictObject({
  member,
  player: z.string(),
  role: z.string(),
  active: z.boolean(),
  /** Income from the group so far, Rp; and in the last week run. */
  incomeTotal: money,
  incomeLastWeek: money,
  attendedLastWeek: z.boolean(),
  effortLastWeek: z.number(),
  /** This officer is offered, privately, the chance to take money this week. */
  offer: z.boolean(),
  /** This seat's answer to the open week, or null. */
  answer: AnswersSchema.nullable(),
  /** Last week's events that concern this member. */
  happened: z.array(EventSchema),
  /** How much the others trust this member on average, 0–1. */
  trustedBy: z.number(),
  /** The (at most three) members this member trusts most, with how much, 0–1. */
  trusts: z.array(z.strictObject({ member, trust: z.number() })),
});
export type You = z.output<typeof YouSchema>;

const InjectionSchema = z.strictObject({ kind: z.enum(INJECTION_KINDS), member: member.optional() });
/** The trainer's injections waiting for the end of the coming week (the projector alone sees them). */
export const PlanSchema = z.array(InjectionSchema);
export type Plan = z.output<typeof PlanSchema>;

/**
 * What the projector needs to show the debrief: the scenario and luck, every week's answers and
 * injections, and the indicators logged each week (the page re-runs the played run and the
 * model's own run of the same luck, and checks the first against these).
 */
export const DebriefSchema = z.strictObject({
  scenario: z.record(z.string(), z.unknown()),
  seed: z.number(),
  replication: z.number(),
  /** Weeks run. */
  weeks: z.number(),
  /** Per week run: each seat's effective answer. */
  decisions: z.array(z.array(z.strictObject({ member, answers: AnswersSchema }))),
  /** Per week run: the trainer's injections for its end, in order. */
  injections: z.array(z.array(InjectionSchema)),
  /** Per week run: every indicator as logged (null for a non-finite value). */
  indicators: z.array(z.array(z.number().nullable())),
});
export type Debrief = z.output<typeof DebriefSchema>;

/** Server → phone or projector. */
export const ServerMessageSchema = z.discriminatedUnion('type', [
  z.strictObject({ v: version, type: z.literal('state'), state: PublicStateSchema, you: YouSchema.nullable(), plan: PlanSchema.nullable().default(null) }),
  z.strictObject({ v: version, type: z.literal('debrief'), debrief: DebriefSchema }),
  /**
   * The trainer's projector alone (never a phone: the answers are private), on watching and after
   * every week run: the run so far, which the page re-runs to draw the group's network.
   */
  z.strictObject({ v: version, type: z.literal('run'), run: DebriefSchema }),
  z.strictObject({ v: version, type: z.literal('seated'), member, token }),
  /** The trainer's view: the join address and code (the projector shows them). */
  z.strictObject({ v: version, type: z.literal('trainer'), joinUrl: z.string(), joinCode: z.string() }),
  z.strictObject({ v: version, type: z.literal('left') }),
  z.strictObject({ v: version, type: z.literal('refused'), code: z.enum(REFUSALS), message: z.string() }),
]);
export type ServerMessage = z.output<typeof ServerMessageSchema>;

/**
 * The issues of a failed parse as one line each: field, the value given, what is allowed
 * (`answers.effort: got 1.5; allowed: a number from 0 to 1`).
 */
export function explainIssues(error: z.ZodError, input: unknown): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => {
      if (issue.code === 'unrecognized_keys') {
        const at = issue.path.length ? `${issue.path.join('.')}.` : '';
        return issue.keys.map((k) => `${at}${k}: not a field of this message`).join('; ');
      }
      const path = issue.path.length ? issue.path.join('.') : 'message';
      return `${path}: got ${shown(valueAt(input, issue.path))}; allowed: ${issue.message}`;
    })
    .join('; ');
}

function valueAt(input: unknown, path: PropertyKey[]): unknown {
  let v = input;
  for (const k of path) v = v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k] : undefined;
  return v;
}

function shown(v: unknown): string {
  if (v === undefined) return 'nothing';
  const text = JSON.stringify(v) ?? String(v);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

/** Parse one client message from its text; a refusal names why. */
export function parseClientMessage(text: string): { ok: true; message: ClientMessage } | { ok: false; code: Refusal; message: string } {
  if (text.length > MAX_MESSAGE_BYTES) return { ok: false, code: 'too-large', message: `message: got ${text.length} characters; allowed: at most ${MAX_MESSAGE_BYTES}` };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, code: 'malformed', message: 'message: not JSON; allowed: one JSON object' };
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) return { ok: false, code: 'malformed', message: `message: got ${shown(json)}; allowed: one JSON object` };
  const r = ClientMessageSchema.safeParse(json);
  if (!r.success) return { ok: false, code: 'malformed', message: explainIssues(r.error, json) };
  return { ok: true, message: r.data };
}
