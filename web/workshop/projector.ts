/**
 * The workshop's projector page, for the trainer: the join QR code and code, every seat and who
 * has answered, the countdown, the week controls, and the group's state. It acts with the
 * trainer's key, which kube-sim workshop prints in this page's address (after #key=, a part of
 * the address the browser never sends to any server).
 */
import { line, scaleLinear } from 'd3';
import { formats, type Lang } from '../app/i18n.ts';
import { drawLangSwitch } from '../views/lang-switch.ts';
import { WEEK_SECONDS, WORKSHOP_INJECTION_KINDS, type Plan, type PublicState, type ServerMessage } from '../../src/browser.ts';
import { clock, openChannel, remaining, shownWeek } from './client.ts';
import { playedRun, rerun, type DebriefRuns } from './debrief.ts';
import { debriefPanel } from './debrief-view.ts';
import { h, keepingFocus } from './dom.ts';
import { projectorNetwork } from './network-view.ts';
import { UI } from '../trainer/words.ts';
import { saveLang, startLang, WORDS } from './words.ts';
import '../style.css';
import './workshop.css';

const key = new URLSearchParams(location.hash.slice(1)).get('key') ?? '';
let lang: Lang = startLang();
let state: PublicState | null = null;
let stateAt = 0;
let join: { url: string; code: string } | null = null;
let message = '';
let seconds: number = WEEK_SECONDS.default;
let plan: Plan = [];
let injectKind: string = WORKSHOP_INJECTION_KINDS[0];
let injectMember = '';
/** The debrief once the workshop has ended: asked for once, re-run here. */
let debrief: DebriefRuns | null = null;
let debriefAsked = false;
/** The played run so far, re-run here from the server's 'run' message: the group's network. */
let played: ReturnType<typeof playedRun> | null = null;
const network = projectorNetwork();

const root = document.getElementById('workshop')!;
document.body.dataset.page = 'projector';

const channel = openChannel({
  onOpen: () => {
    // A debrief asked for on a connection that was lost is asked for again.
    if (!debrief) debriefAsked = false;
    channel.send({ type: 'watch', key });
  },
  onStatus: () => draw(),
  onMessage: (m: ServerMessage) => {
    if (m.type === 'state') {
      state = m.state;
      plan = m.plan ?? [];
      stateAt = performance.now();
      message = '';
      if (state.phase === 'ended' && !debriefAsked) {
        debriefAsked = true;
        channel.send({ type: 'debrief', key });
      }
    } else if (m.type === 'debrief') {
      debrief = rerun(m.debrief);
      document.body.dataset.debrief = debrief.same ? 'same' : 'differs';
    } else if (m.type === 'run') {
      played = playedRun(m.run);
      // The network must be the server's run: the re-run's indicators equal the logged ones.
      document.body.dataset.network = played.same ? 'same' : 'differs';
    } else if (m.type === 'trainer') join = { url: m.joinUrl, code: m.joinCode };
    else if (m.type === 'refused') message = `${WORDS[lang].refused} ${m.message}`;
    draw();
  },
});

function draw(): void {
  keepingFocus(drawAll);
}

function drawAll(): void {
  const w = WORDS[lang];
  document.title = w.projectorTitle;
  root.replaceChildren();
  const header = h('header', { class: 'ws-header' }, [h('h1', {}, [w.projectorTitle])]);
  drawLangSwitch(header, (l) => {
    lang = l;
    saveLang(l);
    draw();
  }).show(lang);
  root.append(header);
  if (!key) return void root.append(h('p', { class: 'notice' }, [w.noKey]));
  if (!channel.connected) root.append(h('p', { class: 'ws-status' }, [state ? w.offline : w.connecting]));
  if (message) root.append(h('p', { class: 'notice', role: 'alert', 'data-testid': 'message' }, [message]));
  if (!state) return;
  if (state.phase === 'ended') root.append(debrief ? debriefPanel(debrief, lang) : h('p', { class: 'ws-card' }, [w.debriefLoading]));
  root.append(h('div', { class: 'ws-projector' }, [joinPanel(), weekPanel(state), seatsPanel(state), groupPanel(state)]));
  document.body.dataset.week = String(state.week);
  document.body.dataset.phase = state.phase;
  document.body.dataset.answered = String(state.seats.filter((s) => s.answered).length);
}

function joinPanel(): HTMLElement {
  const w = WORDS[lang];
  return h('section', { class: 'ws-card ws-joinpanel' }, [
    h('h2', {}, [w.joinHere]),
    h('img', { src: 'join-qr.svg', alt: join?.url ?? '', class: 'ws-qr', 'data-testid': 'qr' }),
    h('p', { class: 'ws-code', 'data-testid': 'join-code' }, [join?.code ?? '']),
    h('p', { class: 'ws-muted ws-small' }, [`${w.scan} `, h('span', { class: 'ws-url' }, [join?.url ?? ''])]),
  ]);
}

function weekPanel(st: PublicState): HTMLElement {
  const w = WORDS[lang];
  const playing = st.seats.filter((s) => s.player && s.active);
  const answered = playing.filter((s) => s.answered).length;
  const secondsInput = h('input', { type: 'number', id: 'seconds', min: String(WEEK_SECONDS.min), max: String(WEEK_SECONDS.max), value: String(seconds), 'data-testid': 'seconds' }) as HTMLInputElement;
  secondsInput.addEventListener('input', () => (seconds = Math.round(Number(secondsInput.value))));
  const button = (label: string, testId: string, send: object, primary = false) => {
    const b = h('button', { type: 'button', class: primary ? 'primary' : '', 'data-testid': testId }, [label]);
    b.addEventListener('click', () => channel.send({ ...send, key }));
    return b;
  };
  const controls: HTMLElement[] = [];
  if (st.phase === 'lobby' || st.phase === 'closed') {
    controls.push(h('label', { for: 'seconds' }, [w.seconds]), secondsInput, button(w.open(st.week + 1), 'open', { type: 'open', get seconds() { return seconds; } }, true));
  }
  if (st.phase === 'open') controls.push(button(w.pause, 'pause', { type: 'pause' }), button(w.close, 'close', { type: 'close' }, true));
  if (st.phase === 'paused') controls.push(button(w.resume, 'resume', { type: 'resume-week' }, true), button(w.close, 'close', { type: 'close' }));
  if (st.phase === 'closed') {
    const end = h('button', { type: 'button', 'data-testid': 'end' }, [w.end]);
    end.addEventListener('click', () => {
      if (confirm(w.endConfirm)) channel.send({ type: 'end', key });
    });
    controls.push(end);
  }
  return h('section', { class: 'ws-card ws-weekpanel' }, [
    h('p', { class: 'ws-bigweek', 'data-testid': 'week' }, [w.week(shownWeek(st), st.horizon)]),
    h('p', { 'data-testid': 'phase' }, [w.phase[st.phase]]),
    st.remainingMs !== null ? h('p', { class: 'ws-countdown ws-big', 'data-testid': 'countdown' }, [clock(left())]) : '',
    st.phase === 'open' || st.phase === 'paused' ? h('p', { 'data-testid': 'answer-count' }, [w.answers(answered, playing.length)]) : '',
    h('div', { class: 'ws-controls' }, controls),
    st.phase === 'ended' ? '' : injectPanel(st),
  ]);
}

/** Trainer mode's events, for the end of the coming week; what is planned so far. */
function injectPanel(st: PublicState): HTMLElement {
  const w = WORDS[lang];
  const coming = st.phase === 'closed' || st.phase === 'lobby' ? st.week + 1 : shownWeek(st);
  const kind = h('select', { id: 'inject-kind', 'data-testid': 'inject-kind' }, WORKSHOP_INJECTION_KINDS.map((k) => h('option', { value: k }, [w.injectKinds[k]]))) as HTMLSelectElement;
  kind.value = injectKind;
  kind.addEventListener('change', () => (injectKind = kind.value));
  const who = h('select', { id: 'inject-member', 'data-testid': 'inject-member' }, [
    h('option', { value: '' }, [w.injectAnyone]),
    ...st.seats.filter((s) => s.active).map((s) => h('option', { value: String(s.member) }, [s.player ? `${s.name ?? w.member(s.member + 1)} (${s.player})` : s.name ?? w.member(s.member + 1)])),
  ]) as HTMLSelectElement;
  who.value = injectMember;
  who.addEventListener('change', () => (injectMember = who.value));
  const go = h('button', { type: 'button', 'data-testid': 'inject' }, [w.injectButton(coming)]);
  go.addEventListener('click', () => channel.send({ type: 'inject', key, kind: injectKind, member: injectMember === '' ? null : Number(injectMember) }));
  const name = (m: number | undefined) => (m === undefined ? '' : ` (${st.seats[m]?.name ?? w.member(m + 1)})`);
  return h('div', { class: 'ws-inject' }, [
    h('h3', {}, [w.inject]),
    h('div', { class: 'ws-controls' }, [
      h('div', { class: 'ws-field' }, [h('label', { for: 'inject-kind' }, [w.injectWhat]), kind]),
      h('div', { class: 'ws-field' }, [h('label', { for: 'inject-member' }, [w.injectWho]), who]),
      go,
    ]),
    plan.length ? h('p', { 'data-testid': 'plan' }, [`${w.planned(coming)} ${plan.map((x) => `${w.injectKinds[x.kind]}${name(x.member)}`).join(', ')}`]) : '',
  ]);
}

function seatsPanel(st: PublicState): HTMLElement {
  const w = WORDS[lang];
  const weekOpen = st.phase === 'open' || st.phase === 'paused';
  return h('section', { class: 'ws-card ws-seats' }, [
    h('h2', {}, [w.seats]),
    h('ul', { 'data-testid': 'seats' }, st.seats.map((s) => {
      const state = !s.active ? 'gone' : !s.player ? 'model' : weekOpen ? (s.answered ? 'answered' : 'waiting') : 'seated';
      const what = !s.player ? w.model : !s.connected ? w.away : weekOpen ? (s.answered ? w.answered : w.waiting) : '';
      return h('li', { class: `ws-seat ws-${state}`, 'data-member': String(s.member), 'data-state': state }, [
        h('span', { class: 'ws-mark', 'aria-hidden': 'true' }, [state === 'answered' ? '✓' : state === 'waiting' ? '…' : state === 'gone' ? '×' : '']),
        h('span', { class: 'ws-seatname' }, [s.name ?? w.member(s.member + 1), h('small', {}, [` ${w.roles[s.role] ?? s.role}`])]),
        h('span', { class: 'ws-player' }, [s.player ?? '']),
        h('span', { class: 'ws-muted ws-small' }, [what]),
      ]);
    })),
  ]);
}

function groupPanel(st: PublicState): HTMLElement {
  const w = WORDS[lang];
  const f = formats(lang);
  const g = st.group;
  const stat = (label: string, value: string, id: string) => h('div', { class: 'ws-stat' }, [h('span', { class: 'ws-muted' }, [label]), h('strong', { 'data-testid': id }, [value])]);
  return h('section', { class: 'ws-card ws-group' }, [
    h('h2', {}, [`${w.group}: ${w.status[g.status] ?? g.status}`]),
    h('div', { class: 'ws-stats' }, [
      // Before week 1 the group has no capital yet: the grant it is about to receive.
      st.week === 0 && g.capital === 0 && g.pendingGrant > 0 ? stat(w.grantComing, f.rupiahShort(g.pendingGrant), 'capital') : stat(w.capital, f.rupiahShort(g.capital), 'capital'),
      stat(w.iksFund, f.rupiahShort(g.iksFund), 'iks'),
      stat(w.activeMembers, f.int(g.activeMembers), 'members'),
      stat(w.trust, f.num(g.meanTrust, 2), 'trust'),
      stat(w.cohesion, f.num(g.cohesion, 2), 'cohesion'),
    ]),
    ...(played ? networkParts(st) : []),
    // A line needs two weeks.
    g.capitalHistory.length > 1 ? h('h3', {}, [w.capitalLine]) : '',
    g.capitalHistory.length > 1 ? sparkline(g.capitalHistory, st.horizon) : '',
    // Before week 1 there is no last week to tell.
    st.week > 0 ? h('h3', {}, [`${w.lastWeekEvents}: ${w.meeting(g.meetingHeld)}`]) : '',
    st.week > 0 ? h('ul', { class: 'ws-events' }, g.events.map((e) => h('li', {}, [w.events[e.type] ?? e.type]))) : '',
  ]);
}

/** Trainer mode's network of the members and their trust at the last week run, players' names in the circles. */
function networkParts(st: PublicState): (string | Element)[] {
  if (!played) return [];
  const u = UI[lang];
  network.show(played.played, played.weeks, st.seats, lang);
  return [h('h3', {}, [u.network]), network.el, h('p', { class: 'ws-muted ws-network-help' }, [u.networkHelp])];
}

/** The capital week by week across the whole horizon (an SVG line; no text in it to translate). */
function sparkline(values: number[], horizon: number): Element {
  const W = 320;
  const H = 60;
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('viewBox', `0 0 ${W} ${H}`);
  svg.setAttribute('class', 'ws-spark');
  svg.setAttribute('aria-hidden', 'true');
  // Stretched to the card's width; the line keeps its thickness.
  svg.setAttribute('preserveAspectRatio', 'none');
  if (values.length > 1) {
    const x = scaleLinear().domain([0, Math.max(1, horizon - 1)]).range([2, W - 2]);
    const y = scaleLinear().domain([Math.min(0, ...values), Math.max(1, ...values)]).range([H - 2, 2]);
    const path = document.createElementNS('http://www.w3.org/2000/svg', 'path');
    path.setAttribute('d', line<number>((_, i) => x(i), (v) => y(v))(values) ?? '');
    svg.append(path);
  }
  return svg;
}

function left(): number {
  return remaining(state, stateAt);
}

setInterval(() => {
  const el = root.querySelector('[data-testid="countdown"]');
  if (el && state) el.textContent = clock(left());
}, 250);
saveLang(lang);
draw();
