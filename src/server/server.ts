/**
 * The workshop server: plain HTTP for the built pages (workshop-phone.html, workshop-projector.html)
 * and the join QR code, and one WebSocket channel (/ws) for every phone and the projector. It
 * holds no state of its own beyond open connections: the session decides (session.ts), the gate
 * filters (gate.ts). After every change the session log is written atomically, then every screen
 * is sent its new state, so nothing a screen has seen is missing from the log.
 */
import { appendFileSync, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import QRCode from 'qrcode';
import { WebSocketServer, type WebSocket } from 'ws';
import { closeConnection, openConnection, receive, type Connection, type Refused } from './gate.ts';
import { MAX_MESSAGE_BYTES, PROTOCOL_VERSION, type ServerMessage } from './protocol.ts';
import { writeSession } from './session-file.ts';
import type { Session } from './session.ts';

/** More open connections than a room of phones needs is refused (a flood of connections). */
export const MAX_CONNECTIONS = 200;

export interface WorkshopServerOptions {
  session: Session;
  /** Where the session log is written after every change (null: not written, for tests). */
  sessionPath: string | null;
  /** The built pages (vite build's dist/). */
  pagesDir: string;
  host: string;
  port: number;
  /** The address phones use to reach this machine (the join URL is built on it). */
  publicHost: string;
  now?: () => number;
  /** One line per notable event (refusals, connections); default: nothing. */
  log?: (line: string) => void;
}

export interface WorkshopServer {
  port: number;
  /** What the QR code says: the phone page with the join code. */
  joinUrl: string;
  /** Stop: close every connection and the listener. */
  close(): Promise<void>;
  /** Connections open now. */
  connections(): number;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json; charset=utf-8',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

export async function startWorkshopServer(opts: WorkshopServerOptions): Promise<WorkshopServer> {
  const { session } = opts;
  const now = opts.now ?? Date.now;
  const log = opts.log ?? (() => {});
  const pages = resolve(opts.pagesDir);
  const refusalLog = opts.sessionPath ? `${opts.sessionPath}.refused.log` : null;
  let qrSvg = '';

  const http: Server = createServer((req, res) => serve(req, res));
  const wss = new WebSocketServer({
    server: http,
    path: '/ws',
    maxPayload: MAX_MESSAGE_BYTES,
    // A page from another site must not drive a phone's seat (cross-site WebSocket hijacking).
    verifyClient: ({ origin, req }: { origin: string; req: IncomingMessage }) => !origin || sameOrigin(origin, req.headers.host),
  });
  const sockets = new Map<WebSocket, Connection>();
  let nextId = 1;
  let timer: NodeJS.Timeout | null = null;

  const send = (ws: WebSocket, m: ServerMessage) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(m));
  };
  const logRefusal = (conn: Connection, r: Refused) => {
    const line = { at: new Date(now()).toISOString(), connection: conn.id, as: r.as, code: r.code, message: r.message };
    log(`refused #${conn.id} (${r.as.kind === 'seat' ? `member ${r.as.member + 1}` : r.as.kind}): ${r.code}: ${r.message}`);
    if (refusalLog) appendFileSync(refusalLog, `${JSON.stringify(line)}\n`);
  };

  /**
   * Log first, then tell every screen: what a screen shows is always in the log. Changes that
   * arrive together (a room answering at once) are written and sent once, after the messages
   * already received have all been handled (setImmediate runs after the pending I/O callbacks).
   */
  let flushing = false;
  const held = new Map<WebSocket, ServerMessage[]>();
  const changed = (ws?: WebSocket, replies: ServerMessage[] = []) => {
    if (ws && replies.length) held.set(ws, [...(held.get(ws) ?? []), ...replies]);
    if (flushing) return;
    flushing = true;
    setImmediate(flush);
  };
  const flush = () => {
    flushing = false;
    if (opts.sessionPath) writeSession(opts.sessionPath, session.doc);
    for (const [ws, replies] of held) for (const m of replies) send(ws, m);
    held.clear();
    broadcast();
    schedule();
  };
  /** Weeks run as of the last 'run' message each trainer's connection was sent. */
  const runSent = new WeakMap<WebSocket, number>();
  /** The trainer's projector gets the run so far when it has not seen its last week (phones never do). */
  const sendRun = (ws: WebSocket) => {
    const weeks = session.doc.weeks.length;
    if (runSent.get(ws) === weeks) return;
    runSent.set(ws, weeks);
    send(ws, { v: PROTOCOL_VERSION, type: 'run', run: session.debrief() });
  };
  /** Every bound screen's state: the public part serialised once, each seat's own part apart. */
  const broadcast = () => {
    const shared = JSON.stringify(session.publicState());
    for (const [ws, conn] of sockets) {
      if (conn.binding.kind === 'none' || ws.readyState !== ws.OPEN) continue;
      if (conn.binding.kind === 'trainer') sendRun(ws);
      const you = conn.binding.kind === 'seat' ? JSON.stringify(session.you(conn.binding.member)) : 'null';
      const plan = conn.binding.kind === 'trainer' ? JSON.stringify(session.plan()) : 'null';
      ws.send(`{"v":${PROTOCOL_VERSION},"type":"state","state":${shared},"you":${you},"plan":${plan}}`);
    }
  };
  /** Close the open week when its time runs out. */
  const schedule = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    const deadline = session.deadline;
    if (deadline === null) return;
    timer = setTimeout(() => {
      if (session.tick()) changed();
      else schedule();
    }, Math.max(0, deadline - now()) + 5);
  };

  wss.on('connection', (ws) => {
    if (sockets.size >= MAX_CONNECTIONS) {
      log(`refused a connection: ${MAX_CONNECTIONS} already open`);
      ws.close(1013, 'too many connections');
      return;
    }
    const conn = openConnection(nextId++, now());
    sockets.set(ws, conn);
    ws.on('message', (data, isBinary) => {
      const r = receive(session, conn, isBinary ? Buffer.from('') : (data as Buffer), now(), logRefusal);
      // A change's replies (a seat's token) go out only once the change is in the log.
      if (r.changed) changed(ws, r.reply);
      else {
        for (const m of r.reply) send(ws, m);
        // A phone that resumed its seat gets its state at once.
        if (r.reply.length === 0 && conn.binding.kind !== 'none') send(ws, session.stateFor(conn.binding.kind === 'seat' ? conn.binding.member : null, conn.binding.kind === 'trainer'));
      }
      if (conn.binding.kind === 'trainer' && r.reply.some((m) => m.type === 'state')) {
        send(ws, { v: PROTOCOL_VERSION, type: 'trainer', joinUrl, joinCode: session.doc.joinCode });
        runSent.delete(ws);
        sendRun(ws);
      }
      if (r.close) ws.close(1008, 'too many refused messages');
    });
    ws.on('error', (e) => {
      // ws closes a connection whose message is larger than maxPayload (close code 1009).
      logRefusal(conn, { code: 'too-large', message: e.message, as: conn.binding });
      session.doc.refused++;
    });
    ws.on('close', () => {
      const wasSeat = conn.binding.kind === 'seat';
      closeConnection(session, conn);
      sockets.delete(ws);
      // Others see that this seat's phone went away (the model plays it until it is back).
      held.delete(ws);
      if (wasSeat) broadcast();
    });
  });

  function serve(req: IncomingMessage, res: ServerResponse): void {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    if (req.method !== 'GET' && req.method !== 'HEAD') return void res.writeHead(405, { Allow: 'GET, HEAD' }).end();
    const path = decodeSafe(new URL(req.url ?? '/', 'http://x').pathname);
    if (path === '/join-qr.svg') {
      res.writeHead(200, { 'Content-Type': MIME['.svg'], 'Cache-Control': 'no-store' });
      return void res.end(req.method === 'HEAD' ? undefined : qrSvg);
    }
    const rel = path === null ? null : path === '/' ? 'workshop-phone.html' : path.slice(1);
    const file = rel === null ? null : normalize(join(pages, rel));
    if (!file || !file.startsWith(pages + sep) || !existsSync(file) || !statSync(file).isFile()) return void res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
    res.writeHead(200, { 'Content-Type': MIME[extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-cache' });
    res.end(req.method === 'HEAD' ? undefined : readFileSync(file));
  }

  await new Promise<void>((done, fail) => {
    http.once('error', fail);
    http.listen(opts.port, opts.host, () => done());
  });
  const port = (http.address() as AddressInfo).port;
  const joinUrl = `http://${opts.publicHost.includes(':') ? `[${opts.publicHost}]` : opts.publicHost}:${port}/workshop-phone.html?code=${session.doc.joinCode}`;
  qrSvg = await QRCode.toString(joinUrl, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
  if (opts.sessionPath) writeSession(opts.sessionPath, session.doc);
  schedule();

  return {
    port,
    joinUrl,
    connections: () => sockets.size,
    async close() {
      if (timer) clearTimeout(timer);
      for (const ws of sockets.keys()) ws.terminate();
      await new Promise<void>((done) => wss.close(() => done()));
      http.closeAllConnections();
      await new Promise<void>((done) => http.close(() => done()));
    },
  };
}

function decodeSafe(path: string): string | null {
  try {
    const p = decodeURIComponent(path);
    return p.includes('\0') ? null : p;
  } catch {
    return null;
  }
}

function sameOrigin(origin: string, host: string | undefined): boolean {
  try {
    return host !== undefined && new URL(origin).host === host;
  } catch {
    return false;
  }
}
