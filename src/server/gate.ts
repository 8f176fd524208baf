/**
 * What stands between a connection and the session: the size limit, the JSON and schema check,
 * a per-connection rate limit, and the binding of a connection to the seat or trainer role it
 * proved with a token. Everything refused is counted and handed to `log`; nothing refused reaches
 * the session. Pure apart from the session it guards, and driven by a clock handed in.
 */
import { MAX_MESSAGE_BYTES, parseClientMessage, PROTOCOL_VERSION, type Refusal, type ServerMessage } from './protocol.ts';
import type { Binding, Session } from './session.ts';

/** Token bucket: a burst of `burst` messages, then `perSecond`. A phone sends one answer a week. */
export const RATE = { burst: 20, perSecond: 10 } as const;
/** A connection refused this many times is closed (a flood, or a client that will not learn). */
export const MAX_REFUSALS = 50;

export interface Refused {
  code: Refusal;
  message: string;
  /** The connection's binding when it was refused. */
  as: Binding;
}

export interface Connection {
  id: number;
  binding: Binding;
  tokens: number;
  lastRefill: number;
  refusals: number;
  /** Refused too often: everything more it sends is dropped unread while the server closes it. */
  closed: boolean;
}

export interface GateResult {
  /** Messages for this connection. */
  reply: ServerMessage[];
  /** The session changed: write the log, then send everyone their new state. */
  changed: boolean;
  /** Close this connection (too many refusals). */
  close: boolean;
}

export function openConnection(id: number, now: number): Connection {
  return { id, binding: { kind: 'none' }, tokens: RATE.burst, lastRefill: now, refusals: 0, closed: false };
}

export function receive(session: Session, conn: Connection, data: string | Buffer, now: number, log: (conn: Connection, r: Refused) => void): GateResult {
  if (conn.closed) return { reply: [], changed: false, close: true };
  const refused = (code: Refusal, message: string): GateResult => {
    conn.refusals++;
    session.doc.refused++;
    log(conn, { code, message, as: conn.binding });
    conn.closed = conn.refusals >= MAX_REFUSALS;
    return { reply: [{ v: PROTOCOL_VERSION, type: 'refused', code, message }], changed: false, close: conn.closed };
  };
  conn.tokens = Math.min(RATE.burst, conn.tokens + ((now - conn.lastRefill) / 1000) * RATE.perSecond);
  conn.lastRefill = now;
  if (conn.tokens < 1) return refused('rate-limited', `too many messages: allowed ${RATE.perSecond} a second (bursts of ${RATE.burst})`);
  conn.tokens -= 1;
  const size = typeof data === 'string' ? Buffer.byteLength(data) : data.length;
  if (size > MAX_MESSAGE_BYTES) return refused('too-large', `message: got ${size} bytes; allowed: at most ${MAX_MESSAGE_BYTES}`);
  const parsed = parseClientMessage(typeof data === 'string' ? data : data.toString('utf8'));
  if (!parsed.ok) return refused(parsed.code, parsed.message);
  const out = session.handle(parsed.message, conn.binding);
  if (!out.ok) return refused(out.code, out.message);
  if (out.bind) rebind(session, conn, out.bind);
  return { reply: out.reply, changed: out.changed, close: false };
}

/** The connection now acts as `b`; the session's count of who is online follows. */
export function rebind(session: Session, conn: Connection, b: Binding): void {
  if (conn.binding.kind === 'seat') session.connected(conn.binding.member, -1);
  conn.binding = b;
  if (b.kind === 'seat') session.connected(b.member, 1);
}

/** The connection closed. */
export function closeConnection(session: Session, conn: Connection): void {
  rebind(session, conn, { kind: 'none' });
}
