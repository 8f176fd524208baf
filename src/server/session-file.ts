/**
 * The session log: everything a workshop decided and what the model made of it, as one JSON
 * document (scenario, seed, seats, every answer, every week's fingerprint). The server rewrites
 * it atomically (src/io/atomic.ts) after every event, so a restart resumes from it without
 * losing a week, and `kube-sim replay` re-runs it.
 *
 * Seat tokens and the trainer's key are stored only as SHA-256 hashes: the file can be shared
 * for a replay without handing out a way to act for a seat.
 */
import { readFileSync, statSync } from 'node:fs';
import { z } from 'zod';
import { writeFileAtomic } from '../io/atomic.ts';
import { INJECTION_KINDS, parseScenario, ScenarioError, type Scenario } from '../model/index.ts';
import { AnswersSchema, explainIssues, JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH, PHASES, PROTOCOL_VERSION } from './protocol.ts';

export const SESSION_KIND = 'kube-sim workshop session';
/** 2: answers are applied to the model, injections are logged (format 1 logged answers only, unapplied). */
export const SESSION_FORMAT = 2;
/** A 156-week session of 30 players is about 1.5 MB; anything far larger is not a session log. */
export const MAX_SESSION_BYTES = 64 * 1024 * 1024;

/** Said in every session file, so a reader of the log knows what the answers did. */
export const NOTICE =
  "Each week's answers are the seated members' decisions in the model (src/model/external.ts); members without an answer that week are played by the model; the trainer's injections apply at the end of their week. kube-sim replay re-runs this log bit for bit.";

const hex64 = z.string().regex(/^[0-9a-f]{64}$/, { error: 'a SHA-256 hash (64 hex digits)' });
const whole = z.number().int({ error: 'a whole number' }).min(0, { error: 'a whole number from 0' });

export const SessionSchema = z.object({
  kind: z.literal(SESSION_KIND, { error: `"${SESSION_KIND}"` }),
  format: z.literal(SESSION_FORMAT, { error: `${SESSION_FORMAT} (a format 1 log was written by stage one, whose answers did not reach the model; it cannot be replayed by this version)` }),
  protocol: z.literal(PROTOCOL_VERSION, { error: `${PROTOCOL_VERSION}` }),
  kubeSim: z.string(),
  notice: z.string(),
  createdAt: z.string(),
  scenarioName: z.string(),
  /** The scenario as run (with every default filled in), checked by the scenario schema on load. */
  scenario: z.record(z.string(), z.unknown()),
  seed: z.number().int().min(0).max(4294967295),
  replication: whole,
  joinCode: z.string().regex(new RegExp(`^[${JOIN_CODE_ALPHABET}]{${JOIN_CODE_LENGTH}}$`)),
  trainerKeyHash: hex64,
  phase: z.enum(PHASES),
  /** Weeks run so far (the open week's number). */
  week: whole,
  /** When the open week closes (ms since 1970) or, paused, how long it had left (ms). */
  deadline: z.number().nullable(),
  remainingMs: z.number().nullable(),
  seats: z.array(
    z.object({
      member: whole,
      player: z.string(),
      tokenHash: hex64,
      since: z.string(),
      /** When the player gave the seat up (the model plays the member since); null while held. */
      leftAt: z.string().nullable(),
    }),
  ),
  /** Every answer in order of arrival; a week's effective answer is a seat's last one. */
  decisions: z.array(z.object({ week: whole, member: whole, player: z.string(), at: z.string(), answers: AnswersSchema })),
  /** The trainer's injected events, in order of arrival, each for the end of week `week`. */
  injections: z.array(z.object({ week: whole, kind: z.enum(INJECTION_KINDS), member: whole.nullable(), at: z.string() })),
  weeks: z.array(
    z.object({
      week: whole,
      fingerprint: z.string().regex(/^[0-9a-f]{16}$/),
      indicators: z.array(z.number().nullable()),
      answered: z.array(whole),
      injected: z.array(z.object({ kind: z.enum(INJECTION_KINDS), member: whole.optional() })),
    }),
  ),
  /** Messages refused so far (each is also in the server's refusal log). */
  refused: whole,
});
export type SessionDoc = z.output<typeof SessionSchema>;

/** A session file that cannot be read, or is not a session: the message says where and why. */
export class SessionFileError extends Error {
  override name = 'SessionFileError';
}

export function readSession(path: string): { doc: SessionDoc; scenario: Scenario } {
  let text: string;
  try {
    const size = statSync(path).size;
    if (size > MAX_SESSION_BYTES) throw new SessionFileError(`${path}: got ${size} bytes; allowed: a session file of at most ${MAX_SESSION_BYTES} bytes`);
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if (e instanceof SessionFileError) throw e;
    throw new SessionFileError(`${path}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  return parseSession(text, path);
}

export function parseSession(text: string, source: string): { doc: SessionDoc; scenario: Scenario } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new SessionFileError(`${source}: not JSON (${(e as Error).message})`);
  }
  const r = SessionSchema.safeParse(json);
  if (!r.success) throw new SessionFileError(`${source}: not a workshop session: ${explainIssues(r.error, json)}`);
  let scenario: Scenario;
  try {
    scenario = parseScenario(r.data.scenario, `${source} (scenario)`);
  } catch (e) {
    if (e instanceof ScenarioError) throw new SessionFileError(e.message);
    throw e;
  }
  return { doc: r.data, scenario };
}

export function writeSession(path: string, doc: SessionDoc): void {
  writeFileAtomic(path, `${JSON.stringify(doc)}\n`);
}
