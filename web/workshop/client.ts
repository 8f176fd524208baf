/**
 * The pages' side of the channel: one WebSocket to the server that reopens itself when lost
 * (a phone that sleeps, a Wi-Fi hiccup, a restarted server) and hands every message, checked
 * against the protocol's schema, to the page. `onOpen` runs on every (re)connection, so the page
 * can say who it is again (resume with its token, or watch with the trainer's key).
 */
import { ServerMessageSchema, type PublicState, type ServerMessage } from '../../src/browser.ts';

export interface Channel {
  send(m: object): void;
  readonly connected: boolean;
}

export function openChannel(handlers: { onOpen: () => void; onMessage: (m: ServerMessage) => void; onStatus: (connected: boolean) => void }): Channel {
  let ws: WebSocket | null = null;
  let delay = 500;
  let connected = false;
  const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`;
  const connect = () => {
    ws = new WebSocket(url);
    ws.onopen = () => {
      connected = true;
      delay = 500;
      handlers.onStatus(true);
      handlers.onOpen();
    };
    ws.onmessage = (e) => {
      let json: unknown;
      try {
        json = JSON.parse(String(e.data));
      } catch {
        return;
      }
      const r = ServerMessageSchema.safeParse(json);
      if (r.success) handlers.onMessage(r.data);
    };
    ws.onclose = () => {
      connected = false;
      handlers.onStatus(false);
      setTimeout(connect, delay);
      delay = Math.min(delay * 2, 5000);
    };
  };
  connect();
  return {
    send(m) {
      if (ws && ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify({ v: 1, ...m }));
    },
    get connected() {
      return connected;
    },
  };
}

/** "2:05": minutes and seconds left. */
export function clock(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** The week on screen: the one open (or about to open), or, between weeks, the one just run. */
export function shownWeek(st: PublicState): number {
  return st.phase === 'closed' || st.phase === 'ended' ? st.week : st.week + 1;
}

/** Milliseconds left in the week: the server's figure, counted down since it came (at `at`) while the week is open. */
export function remaining(st: PublicState | null, at: number): number {
  if (!st || st.remainingMs === null) return 0;
  return st.phase === 'open' ? st.remainingMs - (performance.now() - at) : st.remainingMs;
}
