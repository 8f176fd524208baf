/**
 * The workshop's phone page: join with the code and a name, take a seat, and each week answer
 * for one member; see your own money and what happened to you. The seat's token stays in this
 * phone's localStorage, so a reload (or a restarted server) gives the seat back.
 */
import { formats, type Lang } from '../app/i18n.ts';
import { drawLangSwitch } from '../views/lang-switch.ts';
import type { Answers, PublicState, ServerMessage, You } from '../../src/browser.ts';
import { clock, openChannel, remaining, shownWeek } from './client.ts';
import { h, keepingFocus } from './dom.ts';
import { saveLang, startLang, WORDS } from './words.ts';
import '../style.css';
import './workshop.css';

const params = new URLSearchParams(location.search);
let lang: Lang = startLang();
let code = (params.get('code') ?? '').toUpperCase();
const tokenKey = () => `kube-sim-workshop-seat:${code}`;
let token: string | null = code ? localStorage.getItem(tokenKey()) : null;
let state: PublicState | null = null;
let you: You | null = null;
let stateAt = 0;
let message = '';
/** The week the form was last filled for (a new week starts from last week's answer). */
let formWeek = -1;
let draft: Answers = { attend: true, effort: 0.5, iksPayment: 0, vote: null, reportMissing: false, takeMoney: false };

const root = document.getElementById('workshop')!;
document.body.dataset.page = 'phone';

const channel = openChannel({
  onOpen: () => {
    if (token) channel.send({ type: 'resume', token });
    else if (code) channel.send({ type: 'look', code });
  },
  onStatus: () => draw(),
  onMessage: (m: ServerMessage) => {
    if (m.type === 'state') {
      state = m.state;
      you = m.you;
      stateAt = performance.now();
      if (you && (state.week !== formWeek)) {
        formWeek = state.week;
        draft = you.answer ? { ...you.answer } : { ...draft, takeMoney: false };
      }
      if (you?.answer) message = '';
    } else if (m.type === 'seated') {
      token = m.token;
      localStorage.setItem(tokenKey(), m.token);
      message = '';
    } else if (m.type === 'left') {
      token = null;
      you = null;
      localStorage.removeItem(tokenKey());
      message = WORDS[lang].left;
    } else if (m.type === 'refused') {
      if (m.code === 'bad-token') {
        // The seat is gone (given up, or another workshop): join again.
        token = null;
        localStorage.removeItem(tokenKey());
      }
      // Not seated: the list of free seats may be stale (someone took the one chosen).
      if (!token && code && ['bad-token', 'seat-taken', 'no-free-seat', 'no-such-member'].includes(m.code)) channel.send({ type: 'look', code });
      message = `${WORDS[lang].refused} ${m.message}`;
    }
    draw();
  },
});

function draw(): void {
  keepingFocus(drawAll);
}

function drawAll(): void {
  const w = WORDS[lang];
  const f = formats(lang);
  document.title = w.phoneTitle;
  root.replaceChildren();
  const header = h('header', { class: 'ws-header' }, [h('h1', {}, [w.phoneTitle])]);
  drawLangSwitch(header, (l) => {
    lang = l;
    saveLang(l);
    draw();
  }).show(lang);
  root.append(header);
  if (!channel.connected) root.append(h('p', { class: 'ws-status', 'data-testid': 'status' }, [state ? w.offline : w.connecting]));
  if (message) root.append(h('p', { class: 'notice', role: 'alert', 'data-testid': 'message' }, [message]));
  if (!you || !token) root.append(joinForm());
  else root.append(...play(you, f));
  document.body.dataset.seat = you ? String(you.member) : '';
  document.body.dataset.week = state ? String(state.week) : '';
  document.body.dataset.phase = state?.phase ?? '';
}

function memberName(i: number): string {
  return state?.seats[i]?.name ?? WORDS[lang].member(i + 1);
}

function joinForm(): HTMLElement {
  const w = WORDS[lang];
  const codeInput = h('input', { type: 'text', id: 'code', value: code, autocomplete: 'off', maxlength: '6', 'data-testid': 'code' }) as HTMLInputElement;
  const nameInput = h('input', { type: 'text', id: 'name', maxlength: '24', autocomplete: 'nickname', 'data-testid': 'name' }) as HTMLInputElement;
  const seat = h('select', { id: 'seat', 'data-testid': 'seat' }, [
    h('option', { value: '' }, [w.anySeat]),
    ...(state?.seats ?? [])
      .filter((s) => s.active && !s.player)
      .map((s) => h('option', { value: String(s.member) }, [`${memberName(s.member)} · ${w.roles[s.role] ?? s.role}`])),
  ]) as HTMLSelectElement;
  codeInput.addEventListener('change', () => {
    code = codeInput.value.trim().toUpperCase();
    channel.send({ type: 'look', code });
  });
  const form = h('form', { class: 'ws-card ws-join', 'data-testid': 'join' }, [
    h('label', { for: 'code' }, [w.code]), codeInput,
    h('label', { for: 'name' }, [w.name]), nameInput,
    h('label', { for: 'seat' }, [w.seat]), seat,
    h('button', { type: 'submit', class: 'primary', 'data-testid': 'join-button' }, [w.join]),
  ]);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    code = codeInput.value.trim().toUpperCase();
    channel.send({ type: 'join', code, name: nameInput.value, member: seat.value === '' ? null : Number(seat.value) });
  });
  return form;
}

function play(me: You, f: ReturnType<typeof formats>): HTMLElement[] {
  const w = WORDS[lang];
  const st = state!;
  const out: HTMLElement[] = [];
  out.push(h('section', { class: 'ws-card' }, [
    h('p', { class: 'ws-who', 'data-testid': 'who' }, [w.youAre(memberName(me.member), w.roles[me.role] ?? me.role)]),
    h('p', { class: 'ws-week' }, [w.week(shownWeek(st), st.horizon), ' · ', h('span', { 'data-testid': 'phase' }, [w.phase[st.phase]])]),
    st.remainingMs !== null ? h('p', { class: 'ws-countdown', 'data-testid': 'countdown' }, [`${w.timeLeft} ${clock(left())}`]) : '',
  ]));
  out.push(h('section', { class: 'ws-card ws-money' }, [
    h('h2', {}, [w.yourMoney]),
    h('p', {}, [`${w.total}: `, h('strong', { 'data-testid': 'income-total' }, [f.rupiah(me.incomeTotal)])]),
    ...(st.week > 0
      ? [
          h('p', {}, [`${w.lastWeek}: ${f.rupiah(me.incomeLastWeek)} · ${w.attended(me.attendedLastWeek)}`]),
          h('h2', {}, [w.happened]),
          me.happened.length ? h('ul', {}, me.happened.map((e) => h('li', {}, [w.events[e.type] ?? e.type]))) : h('p', { class: 'ws-muted' }, [w.nothing]),
        ]
      : []),
  ]));
  if (me.active) {
    out.push(h('section', { class: 'ws-card ws-money', 'data-testid': 'trust' }, [
      h('h2', {}, [w.trustTitle]),
      h('p', {}, [w.trustedBy(f.pct(me.trustedBy, 0))]),
      me.trusts.length ? h('p', {}, [w.youTrust(me.trusts.map((t) => `${memberName(t.member)} ${f.pct(t.trust, 0)}`).join(', '))]) : '',
    ]));
  }
  if (!me.active) out.push(h('p', { class: 'notice' }, [w.gone]));
  else if (st.phase === 'open' || st.phase === 'paused') out.push(decisionForm(me, st));
  const leave = h('button', { type: 'button', class: 'link', 'data-testid': 'leave' }, [w.leave]);
  leave.addEventListener('click', () => {
    if (confirm(w.leaveConfirm)) channel.send({ type: 'leave', token });
  });
  out.push(h('p', { class: 'ws-muted ws-small' }, [w.howItWorks]), h('p', {}, [leave]));
  return out;
}

function decisionForm(me: You, st: PublicState): HTMLElement {
  const w = WORDS[lang];
  const disabled = st.phase !== 'open';
  const attend = h('input', { type: 'checkbox', id: 'attend', 'data-testid': 'attend' }) as HTMLInputElement;
  attend.checked = draft.attend;
  const effort = h('input', { type: 'range', id: 'effort', min: '0', max: '100', step: '5', value: String(Math.round(draft.effort * 100)), 'data-testid': 'effort' }) as HTMLInputElement;
  const effortOut = h('output', { for: 'effort' }, [`${effort.value}%`]);
  const iks = h('input', { type: 'number', id: 'iks', min: '0', max: '100000', step: '1000', inputmode: 'numeric', value: String(draft.iksPayment), 'data-testid': 'iks' }) as HTMLInputElement;
  const vote = h('select', { id: 'vote', 'data-testid': 'vote' }, [
    h('option', { value: '' }, [w.abstain]),
    ...st.seats.filter((s) => s.active).map((s) => h('option', { value: String(s.member) }, [memberName(s.member)])),
  ]) as HTMLSelectElement;
  vote.value = draft.vote === null ? '' : String(draft.vote);
  const report = h('input', { type: 'checkbox', id: 'report', 'data-testid': 'report' }) as HTMLInputElement;
  report.checked = draft.reportMissing;
  const take = h('input', { type: 'checkbox', id: 'take', 'data-testid': 'take' }) as HTMLInputElement;
  take.checked = draft.takeMoney;
  const read = (): Answers => ({
    attend: attend.checked,
    effort: Number(effort.value) / 100,
    iksPayment: Math.max(0, Math.min(100_000, Math.round(Number(iks.value) || 0))),
    vote: vote.value === '' ? null : Number(vote.value),
    reportMissing: report.checked,
    takeMoney: me.offer && take.checked,
  });
  const form = h('form', { class: 'ws-card ws-decide', 'data-testid': 'decide' }, [
    h('h2', {}, [w.decisions]),
    h('fieldset', disabled ? { disabled: '' } : {}, [
      h('label', { class: 'ws-check' }, [attend, ` ${w.attend}`]),
      h('label', { for: 'effort' }, [w.effort, ' ', effortOut]), effort,
      h('label', { for: 'iks' }, [w.iks]), iks,
      h('label', { for: 'vote' }, [w.vote]), vote,
      h('label', { class: 'ws-check' }, [report, ` ${w.report}`]),
      me.offer ? h('label', { class: 'ws-check ws-offer', 'data-testid': 'offer' }, [take, ` ${w.offer}`]) : '',
      h('button', { type: 'submit', class: 'primary', 'data-testid': 'send' }, [w.send]),
    ]),
    me.answer ? h('p', { class: 'ws-sent', 'data-testid': 'sent' }, [w.sent]) : '',
  ]);
  form.addEventListener('input', () => {
    draft = read();
    effortOut.textContent = `${effort.value}%`;
  });
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    draft = read();
    channel.send({ type: 'answer', token, week: st.week, answers: draft });
  });
  return form;
}

function left(): number {
  return remaining(state, stateAt);
}

// The countdown moves between messages; nothing else is redrawn by the clock.
setInterval(() => {
  const el = root.querySelector('[data-testid="countdown"]');
  if (el && state) el.textContent = `${WORDS[lang].timeLeft} ${clock(left())}`;
}, 250);
saveLang(lang);
draw();
