/** What the workshop's tests share: a session on a hand-driven clock and a counting secret source. */
import { loadScenario } from '../../src/index.ts';
import { Session, type SessionDeps } from '../../src/server/session.ts';

export interface Clock extends SessionDeps {
  t: number;
}

/** A clock that moves only when told, and secrets that are distinct and predictable. */
export function testDeps(): Clock {
  let k = 0;
  const deps: Clock = {
    t: Date.UTC(2026, 0, 5, 9),
    now: () => deps.t,
    secret: () => (++k).toString(16).padStart(8, '0').repeat(4),
  };
  return deps;
}

export function newSession(name = 'default', seed = 3) {
  const deps = testDeps();
  const { scenario } = loadScenario(name);
  const { session, trainerKey } = Session.create(scenario, { scenarioName: name, seed, kubeSim: 'test' }, deps);
  return { session, trainerKey, deps, scenario, code: session.doc.joinCode };
}

export const ANSWER = { attend: true, effort: 0.6, iksPayment: 5000, vote: null, reportMissing: false, takeMoney: false };
