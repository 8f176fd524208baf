/**
 * Trainer mode's words in English: what happened in a week, what an element of group dynamics
 * means and what moved it, who a member is, and the guided tour. Read aloud on a projector, so
 * short plain sentences. story-id.ts has the same shape (its type is this one's). Numbers arrive
 * already formatted (narrate.ts uses the app's `formats`); names arrive already chosen.
 * No gendered pronouns: a member's gender is not known. Member counts are in figures ("7 of 10
 * members"), as the trainers asked: words and figures mixed ("Seven of 10") read badly.
 */

/** The trainer's own events are told as they happen in the group, after this mark. */
const MARK = "Trainer's event: ";

export const storyEn = {
  week: (w: number) => `Week ${w}`,
  /** A member without a name on the roster, numbered from 1. */
  member: (k: number) => `Member ${k}`,
  /** A name with the office held: "Sari, the treasurer". */
  withRole: (name: string, role: string) => `${name}, ${role}`,
  /** Offices as they follow a name (ROLES order; anggota has no office to name). */
  roles: { ketua: 'the chair', sekretaris: 'the secretary', bendahara: 'the treasurer', anggota: 'a member' },
  /** A list of names: "Ani, Wati and Member 3". */
  list: (names: string[]) => (names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`),

  /** The model's events, in plain words. */
  ev: {
    grant: (rp: string) => `The grant arrived: ${rp} to start the business.`,
    mentorVisit: 'The facilitator visited the group.',
    marketShock: (rp: string) => `Market prices fell. The business lost ${rp}.`,
    misuse: (who: string, rp: string) => `Secretly, ${rp} of the group's money was taken by ${who}. The others do not know yet.`,
    misuseDetected: (who: string, rp: string) => `The members found out: ${rp} of the group's money had been taken by ${who}.`,
    misuseTakenAndFound: (who: string, rp: string) => `${rp} of the group's money was taken by ${who}, and the members found out.`,
    leaderReplaced: (chair: string, old: string) => `The members chose a new chair: ${chair} took over from ${old}.`,
    leaderFilled: (chair: string) => `The group had no chair. Now ${chair} leads it.`,
    exit: (who: string) => `A member left the group: ${who}.`,
    exitTook: (who: string, rp: string) => `A member left the group: ${who}. They took ${rp} of the capital with them.`,
    capitalSplit: (rp: string) => `The members voted to split up the capital: ${rp} was shared out among them.`,
    stagnant: 'The group has stalled: its business has barely run for three months.',
    revived: 'The group is back to life: the members are working again.',
    dissolution: (cause: string) => `The group broke up: ${cause}.`,
    dissolutionDivided: (cause: string, k: number, rp: string) =>
      `The group broke up: ${cause}. The ${k} ${k === 1 ? 'member' : 'members'} left shared out ${rp} of capital.`,
    quarrel: (a: string, b: string) => `${a} and ${b} quarrelled. Their trust in each other was cut in half.`,
    trainerShock: (rp: string) => `Market prices fell sharply. The business lost ${rp}.`,
  },

  /**
   * The same events when the trainer made them happen: told as they happen in the group (the
   * trainer is not in the village story), marked as the trainer's choice. `who` may carry an
   * office and a closing comma ("Ibu Wati, the treasurer,") when it stands mid-sentence.
   */
  injected: {
    visit: `${MARK}The facilitator made an extra visit to the group.`,
    marketShock: (rp: string) => `${MARK}Market prices fell sharply; the business lost ${rp}.`,
    quarrel: (a: string, b: string) => `${MARK}${a} and ${b} quarrelled; their trust in each other was cut in half.`,
    misuse: (who: string, rp: string) => `${MARK}${rp} of the group's money was taken by ${who}, and the members found out.`,
    misuseFound: (who: string, rp: string) => `${MARK}The members found out that ${rp} of the group's money had been taken by ${who}.`,
    leave: (who: string) => `${MARK}${who} left the group.`,
    leaveTook: (who: string, rp: string) => `${MARK}${who} left the group, taking ${rp} of the capital.`,
  },

  /**
   * Changes of officers, read from the offices held frame to frame (the event log has only the
   * chair's). `role` is as in `roles` ("the treasurer"), `office` as in `office.noun` ("treasurer").
   */
  office: {
    noun: { ketua: 'chair', sekretaris: 'secretary', bendahara: 'treasurer' },
    taken: (who: string, role: string) => `${who} became ${role}.`,
    takenFrom: (who: string, role: string, old: string) => `${who} became ${role} in place of ${old}.`,
    /** An officer found taking money loses the office; nobody holds it until a meeting. */
    misuseEmpty: (who: string, office: string) => `For taking the money, ${who} lost the office of ${office}; for now the group has none.`,
    misuse: (who: string, role: string) => `For taking the money, ${who} is no longer ${role}.`,
    leftEmpty: (who: string, office: string) => `With ${who} gone, the group has no ${office} for now.`,
    lost: (who: string, role: string) => `${who} is no longer ${role}.`,
    empty: (office: string) => `For now the group has no ${office}.`,
  },

  /** What the week's numbers show. */
  frame: {
    meeting: (present: number, active: number) =>
      present === active
        ? `The group met. All ${active} members came.`
        : present <= 2
          ? `Only ${present} of ${active} members came to the meeting.`
          : `The group met. ${present} of ${active} members came.`,
    stayedAway: (k: number, names: string) => `This time ${k} members who came to the last meetings stayed away: ${names}.`,
    stayedAwayMany: (k: number) => `This time ${k} members who came to the last meetings stayed away.`,
    sales: (rp: string) => `The business sold its produce for ${rp}.`,
    salesFell: (from: string, to: string) => `Sales fell from ${from} last week to ${to}.`,
    payout: (rp: string, each: string) => `The members shared ${rp} of profit, about ${each} each.`,
    iks: (rp: string) => `The IKS solidarity fund gave ${rp} to a family in need.`,
    iksTo: (who: string, rp: string) => `The IKS solidarity fund helped a family in need: ${rp} to ${who}.`,
    trustFell: (who: string, from: string, to: string) => `Trust in ${who} fell from ${from} to ${to}.`,
    trustRose: (who: string, from: string, to: string) => `Trust in ${who} rose from ${from} to ${to}.`,
  },

  /** One sentence on what each of the nine elements means in a KUBE (ELEMENT_KEYS). */
  meaning: {
    goals: 'Whether the members know and share what the group is for: the business they run together and what it should bring each family.',
    structure: 'Whether everyone knows their part (chair, secretary, treasurer, members) and accepts the chair’s lead.',
    taskFunctions: 'Whether the work gets done: tasks shared out and organised, everyone doing their share, the books kept.',
    maintenance: 'Whether the group looks after itself: regular meetings that the members come to.',
    cohesion: 'How close the members are: how much they trust each other and want to stay together.',
    atmosphere: 'How it feels to be in the group: friendly and calm, or tense and quarrelsome.',
    pressure: 'How firmly the group’s rules and agreements hold the members to them.',
    effectiveness: 'Whether the group reaches its goals: the income families hoped for, and members who stay committed.',
    hiddenAgenda: 'Whether members are open about their aims, with nobody using the group for private ends (higher means more open).',
  },

  /** What moved an element this week. */
  moved: {
    start: 'This is where the group starts.',
    hardly: 'Hardly moved this week.',
    rose: (from: string, to: string, why: string) => `Rose from ${from} to ${to} this week, mostly because ${why}.`,
    fell: (from: string, to: string, why: string) => `Fell from ${from} to ${to} this week, mostly because ${why}.`,
    roseOnly: (from: string, to: string) => `Rose from ${from} to ${to} this week.`,
    fellOnly: (from: string, to: string) => `Fell from ${from} to ${to} this week.`,
  },

  /** Each driver of the elements (DRIVER_KEYS), going up and going down, to follow "mostly because". */
  drivers: {
    goalClarity: { up: 'the group’s aims became clearer', down: 'the group’s aims grew less clear' },
    roleClarity: { up: 'members know their roles better', down: 'members are less sure of their roles' },
    acceptance: { up: 'the members trust the chair more', down: 'the members trust the chair less' },
    officers: { up: 'an empty office was filled', down: 'an office fell empty' },
    coordination: { up: 'the work is better organised', down: 'the work is less well organised' },
    bookkeeping: { up: 'the books are kept better', down: 'the books are kept less well' },
    meetingRate: { up: 'meetings are held more regularly', down: 'meetings are held less regularly' },
    attendanceRate: { up: 'more members came to meetings', down: 'fewer members came to meetings' },
    meanTrust: { up: 'members trust each other more', down: 'members trust each other less' },
    meanCommitment: { up: 'members are more committed', down: 'members are less committed' },
    meanEffort: { up: 'members worked harder', down: 'members worked less' },
    meanIncomeMet: { up: 'income from the group came closer to what families hoped for', down: 'income from the group fell further short of what families hoped for' },
    conflict: { up: 'conflict grew', down: 'conflict eased' },
    norms: { up: 'the group’s rules hold more firmly', down: 'the group’s rules hold less firmly' },
    hiddenShare: { up: 'more of the members left have a private aim', down: 'fewer of the members left have a private aim' },
    hiddenMisuse: { up: 'money was taken in secret', down: 'the money taken in secret is no longer hidden' },
  },

  /** A member's card. */
  person: {
    roleTitle: { ketua: 'Chair of the group', sekretaris: 'Secretary of the group', bendahara: 'Treasurer of the group', anggota: 'Member, with no office' },
    stillIn: 'Still in the group',
    left: (w: number) => `Left the group in week ${w}`,
    inAtEnd: (w: number) => `Still a member when the group broke up in week ${w}`,
    traits: (skill: string, commitment: string, integrity: string, need: string, leadership: string) =>
      `Skill ${skill} · commitment ${commitment} · honesty with money ${integrity} · need ${need} · leadership ${leadership}`,
    disposition: {
      conditional: 'Works as hard as the others do',
      freeRider: 'Lets others do the work',
      unconditional: 'Always does their share',
    },
    hiddenAgenda: 'Has a private aim for the group’s money (the others do not know)',
    income: (rp: string) => `Income from the group so far: ${rp}`,
    trustItem: (name: string, pct: string) => `${name} (${pct})`,
    trustsMost: (list: string) => `Trusts most: ${list}`,
    trustsNobody: 'Nobody left in the group to trust',
    trustedBy: (pct: string) => `How much the others trust them: ${pct}`,
  },

  /** The guided tour, one step per part of the view (its data-tour key). */
  tour: {
    network: {
      title: 'The members',
      text: 'Each circle is a family in the group, with its role, skill and commitment. The lines between them show trust: the thicker the line, the more trust. Tap a member’s circle, or hover the mouse over it, to see who they are.',
    },
    week: {
      title: 'The week and the money',
      text: 'The week counter runs from the group’s founding. Below it: the business’s capital and the IKS (Iuran Kesetiakawanan Sosial) solidarity fund. Watch what happens to them when trust breaks.',
    },
    controls: {
      title: 'Play, pause, step',
      text: 'Play the weeks, pause to talk, step one week at a time, change the speed, or start again with the same luck or new luck. The keyboard works too.',
    },
    inject: {
      title: 'Make something happen',
      text: 'Send the facilitator, bring a market shock, start a quarrel, let an officer take money, or make a member leave. Then watch how the group responds in the weeks after.',
    },
    elements: {
      title: 'The nine elements of group dynamics',
      text: 'Goals, structure, task functions, maintenance, cohesion, atmosphere, pressure, effectiveness and open aims (no hidden agenda), each from low to high, where higher is better. Tap one, or hover the mouse over it, to see what it means and what moved it this week.',
    },
    story: {
      title: 'What happened',
      text: 'Each week’s events in plain words: meetings, sales, profit shared, people leaving, money going missing. Read them aloud and ask the room why it happened.',
    },
    compare: {
      title: 'With and without a facilitator',
      text: 'The same group side by side, with the same luck at the market: on one side a facilitator visits, on the other nobody comes. Ask the room where the two groups part ways.',
    },
  },
};
