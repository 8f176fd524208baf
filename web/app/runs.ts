/**
 * The page's runs: an ensemble of the settings' scenario or a sweep of one parameter, on the
 * browser pool, with progress, cancel, failure and retry written into the store. The scenario is
 * the store's (built once when the settings changed), never built again here.
 */
import { BatchFailedError, settableParameters, type Pool } from '../../src/browser.ts';
import { refuseWhileWrong } from './actions.ts';
import { DICTS, formats, type Lang } from './i18n.ts';
import { fieldOrder } from './page-words.ts';
import { Session, type EnsembleRun } from './session.ts';
import { checkHowSure, fieldsOf, summariseHowSure, worldsOf, type HowSureForm } from './how-sure.ts';
import { checkParameter, checkWhole, LIMITS, preset, scenarioOf, type Settings } from './settings.ts';
import type { PageError, Store, SweepForm } from './store.ts';

export interface Runner {
  runEnsemble(): Promise<void>;
  /** An ensemble of other settings (a link's A), pinned as A when it completes. */
  runPinned(settings: Settings): Promise<void>;
  /** The comparison on show (pinned A, current B) across plausible worlds, by the form (or `form`). */
  runHowSure(form?: HowSureForm): Promise<void>;
  runSweep(): Promise<void>;
  cancel(): void;
  /** Resolves once the reference groups (Cempaka, Tulip) are in, or have failed. */
  references(): Promise<unknown>;
}

/** `clock` gives milliseconds (performance.now on the page). */
export function createRunner(store: Store, newPool: () => Pool, clock: () => number = () => performance.now()): Runner {
  let session = new Session(newPool());
  const loadReferences = () =>
    session
      .references([preset('cempaka').scenario, preset('tulip').scenario])
      .then(([cempaka, tulip]) => store.update({ references: { cempaka, tulip } }))
      .catch(() => null);
  let references = loadReferences();

  /** End every Worker of the pool and start a new one (and the references, if they never came). */
  function freshSession(): void {
    session.pool.close();
    session = new Session(newPool());
    if (!store.state.references) references = loadReferences();
  }

  /**
   * A run that failed (the pool tried the failed runs again on a fresh worker, and that failed
   * too; or the worker's script would not load): said in the page's language, with what the pool
   * said as a detail, and a retry that starts a fresh pool before running again.
   */
  function crashError(e: unknown, again: () => void): PageError {
    console.error(e);
    const detail = (e as Error)?.message ?? String(e);
    // The pool's words as well, for an error that crossed a boundary and lost its class.
    const workerDied = e instanceof BatchFailedError || /failed twice/.test(detail);
    return {
      text: (D) => (workerDied ? D.run.crashed : `${D.run.failed}.`),
      kept: (D) => (store.state.pinned ? D.run.crashKeptPinned : D.run.crashKept),
      detail,
      retry: () => {
        freshSession();
        again();
      },
    };
  }

  const busy = () => refuseWhileWrong(store, fieldOrder()) || !!store.state.running;

  async function runEnsemble(): Promise<void> {
    if (busy()) return;
    const { settings, scenario } = store.state;
    const abort = new AbortController();
    store.update({ running: { kind: 'ensemble', abort, done: 0, total: settings.reps }, error: null, status: null });
    const t0 = clock();
    try {
      await references;
      const run = await session.ensemble(settings, scenario, {
        signal: abort.signal,
        onBatch(r, p) {
          store.update({ current: r, running: { ...store.state.running!, done: p.done } });
        },
      });
      const secs = (clock() - t0) / 1000;
      store.update({
        current: run.done > 0 ? run : store.state.current,
        status: run.state !== 'cancelled' ? (D, f) => D.run.finished(f.int(run.done), f.num(secs, 2))
          : run.done === 0 ? (D) => D.run.cancelledNone
          : (D, f) => D.run.cancelled(f.int(run.done), f.int(settings.reps)),
      });
    } catch (e) {
      // The runs finished before the failure are shown, marked as failed; a pinned A is untouched.
      const partial = (e as { run?: EnsembleRun }).run;
      store.update({ current: partial && partial.done > 0 ? partial : store.state.current, error: crashError(e, () => void runEnsemble()) });
    } finally {
      store.update({ running: null });
    }
  }

  async function runSweep(): Promise<void> {
    if (busy()) return;
    const { settings, scenario, sweepForm: form } = store.state;
    const plan = sweepPlan(form, settings.lang);
    if ('problem' in plan) return store.update({ sweepStatus: plan.problem });
    const abort = new AbortController();
    const label = { ...form };
    store.update({ running: { kind: 'sweep', abort, done: 0, total: plan.values.length * plan.reps }, sweepStatus: null, error: null });
    try {
      await references;
      const sweep = await session.sweep(settings, scenario, form.path, plan.values, plan.reps, {
        signal: abort.signal,
        onBatch(r, p) {
          store.update({ sweep: r, running: { ...store.state.running!, done: p.done } });
        },
      });
      store.update({ sweep, sweepStatus: (lang) => sweepDone(sweep.state, label.path, plan.values, plan.reps, lang) });
    } catch (e) {
      store.update({ error: crashError(e, () => void runSweep()) });
    } finally {
      store.update({ running: null });
    }
  }

  async function runPinned(settings: Settings): Promise<void> {
    if (store.state.running) return;
    const abort = new AbortController();
    store.update({ running: { kind: 'ensemble', abort, done: 0, total: settings.reps }, error: null, status: null });
    try {
      await references;
      const run = await session.ensemble(settings, scenarioOf(settings), {
        signal: abort.signal,
        onBatch(r, p) {
          store.update({ current: r, running: { ...store.state.running!, done: p.done } });
        },
      });
      store.update(run.state === 'complete' ? { current: run, pinned: run } : { current: run.done > 0 ? run : store.state.current });
    } catch (e) {
      store.update({ error: crashError(e, () => void runPinned(settings)) });
    } finally {
      store.update({ running: null });
    }
  }

  async function runHowSure(given?: HowSureForm): Promise<void> {
    if (busy()) return;
    const { pinned: a, current: b, settings } = store.state;
    if (!a || !b || a === b || b.state !== 'complete') return;
    let form = given;
    if (!form) {
      const r = checkHowSure(store.state.howSureFields, settings.lang);
      if ('problems' in r) {
        const fields = store.state.howSureFields;
        // Worded again in the page's language when drawn.
        return store.update({ howSureStatus: (lang) => howSureProblems(fields, lang) });
      }
      form = r.form;
    } else store.update({ howSureFields: fieldsOf(form) });
    const seed = b.settings.seed;
    const worlds = worldsOf(form, seed);
    const abort = new AbortController();
    const total = 2 * worlds.length * form.reps;
    store.update({ running: { kind: 'worlds', abort, done: 0, total }, howSureStatus: null, error: null });
    const t0 = clock();
    const chosen = form;
    try {
      await references;
      const out = await session.worlds(a.scenario, b.scenario, worlds, seed, form.reps, {
        signal: abort.signal,
        onProgress: (p) => store.update({ running: { ...store.state.running!, done: p.done } }),
      });
      const ms = clock() - t0;
      const n = out.results.length;
      // The outcome may have been changed while the worlds ran: it needs no runs of its own.
      const asked: HowSureForm = { ...chosen, outcome: store.state.howSureFields.outcome };
      if (out.state === 'cancelled' && n === 0) return store.update({ howSureStatus: (lang) => DICTS[lang].howSure.cancelledNone });
      store.update({
        howSure: { form: asked, a: a.settings, b: b.settings, seed, results: out.results, state: out.state, ms, ...summariseHowSure(out.results, asked.outcome) },
        howSureStatus: (lang) => {
          const f = formats(lang);
          return out.state === 'complete' ? DICTS[lang].howSure.finished(f.int(n), f.num(ms / 1000, 1)) : DICTS[lang].howSure.cancelled(f.int(n), f.int(worlds.length));
        },
      });
    } catch (e) {
      store.update({ error: crashError(e, () => void runHowSure(chosen)) });
    } finally {
      store.update({ running: null });
    }
  }

  return {
    runEnsemble,
    runPinned,
    runHowSure,
    runSweep,
    cancel: () => store.state.running?.abort.abort(),
    references: () => references,
  };
}

/** The form's problems in a language (the form keeps what was typed, perhaps before a language switch). */
function howSureProblems(fields: Parameters<typeof checkHowSure>[0], lang: Lang): string {
  const r = checkHowSure(fields, lang);
  return 'problems' in r ? r.problems.join(' ') : '';
}

/** What a finished (or cancelled) sweep says: which parameter over which values, how many runs. */
export function sweepDone(state: string, path: string, values: number[], reps: number, lang: Lang): string {
  const D = DICTS[lang];
  const f = formats(lang);
  const info = settableParameters().get(path)!;
  const range = `${f.short(values[0])}–${f.short(values[values.length - 1])}`;
  const words = [info.text[lang], range, f.int(values.length), f.int(reps)] as const;
  return state === 'cancelled' ? D.sweep.cancelledAt(...words) : D.sweep.finished(...words);
}

/**
 * The sweep form read in a language (written either language's way: the form keeps what was
 * typed, perhaps before a language switch): the values and runs per value, or what is wrong,
 * worded when drawn.
 */
export function sweepPlan(form: SweepForm, lang: Lang): { values: number[]; reps: number } | { problem: (lang: Lang) => string } {
  const read = (l: Lang) => {
    const either = (raw: string) => {
      const r = checkParameter(form.path, raw, l);
      const other = checkParameter(form.path, raw, l === 'id' ? 'en' : 'id');
      return 'value' in r || !('value' in other) ? r : other;
    };
    return [either(form.from), either(form.to), checkWhole('steps', form.steps, 2, 41, l), checkWhole('reps', form.reps, 10, LIMITS.reps.max, l)] as const;
  };
  const got = read(lang);
  const nums = got.map((r) => ('value' in r ? Number(r.value) : Number.NaN));
  const [lo, hi, k, reps] = nums;
  const wrong = got.some((r) => 'problem' in r);
  const n = Number.isFinite(k) && Number.isFinite(reps) ? k * reps : 0;
  if (wrong || lo >= hi || n > LIMITS.sweepRuns) {
    return {
      problem: (l) => {
        const D = DICTS[l];
        if (!wrong) return lo >= hi ? D.sweep.badRange : D.sweep.tooMany(formats(l).int(n), formats(l).int(LIMITS.sweepRuns));
        return read(l).flatMap((r) => ('problem' in r ? [r.problem.message] : [])).join(' ');
      },
    };
  }
  let values = Array.from({ length: k }, (_, i) => lo + ((hi - lo) * i) / (k - 1));
  if (settableParameters().get(form.path)!.int) values = [...new Set(values.map(Math.round))];
  return { values, reps };
}
