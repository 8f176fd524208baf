/**
 * The run box: replications and seed (each checked as it is left), Run and Cancel, the progress
 * bar and the last word on the run ("500 runs in 2.1 s", "Fix the fields marked in red first").
 */
import { select } from 'd3';
import { setRunSetting } from '../app/actions.ts';
import { DICTS, formats } from '../app/i18n.ts';
import { wordedProblems } from '../app/page-words.ts';
import type { Runner } from '../app/runs.ts';
import { LIMITS, type RunSetting } from '../app/settings.ts';
import { touched, type Store, type ViewUpdate } from '../app/store.ts';

export function runBox(container: HTMLElement, store: Store, runner: Runner): ViewUpdate {
  const parent = select(container);
  const form = parent.append('form').attr('class', 'runbox').attr('novalidate', '').on('submit', (e: SubmitEvent) => {
    e.preventDefault();
    void runner.runEnsemble();
  });
  const field = (key: RunSetting) => {
    const box = form.append('div').attr('class', 'field');
    const label = box.append('label').attr('for', key);
    const input = box.append('input').attr('id', key).attr('type', 'text').attr('inputmode', 'numeric').attr('data-testid', key)
      .attr('aria-describedby', `${key}-hint ${key}-error`).on('change', function () { setRunSetting(store, key, this.value); });
    const hint = box.append('small').attr('class', 'hint').attr('id', `${key}-hint`);
    const error = box.append('small').attr('class', 'field-error').attr('id', `${key}-error`).attr('data-testid', `error-${key}`);
    return { label, input, hint, error };
  };
  const reps = field('reps');
  const seed = field('seed');
  const buttons = form.append('div').attr('class', 'buttons');
  const run = buttons.append('button').attr('type', 'submit').attr('class', 'primary').attr('data-testid', 'run');
  const cancel = buttons.append('button').attr('type', 'button').attr('data-testid', 'cancel').on('click', () => runner.cancel());
  const progress = form.append('progress').attr('data-testid', 'progress').attr('aria-labelledby', 'run-status').attr('max', 1).property('value', 0);
  const status = form.append('p').attr('id', 'run-status').attr('class', 'status').attr('role', 'status').attr('aria-live', 'polite').attr('data-testid', 'status');

  return (changed) => {
    if (!touched(changed, 'settings', 'problems', 'running', 'status')) return;
    const { settings: s, problems, running: r } = store.state;
    const D = DICTS[s.lang];
    const f = formats(s.lang);
    const worded = wordedProblems(problems, s.lang);
    const show = (x: typeof reps, text: string, label: string, hint: string, key: RunSetting) => {
      const problem = worded.get(key);
      x.label.text(label);
      // What the planner is typing stays as typed (a run ending redraws this box).
      if (document.activeElement !== x.input.node()) x.input.property('value', problem?.value ?? text);
      x.input.attr('aria-invalid', problem ? 'true' : null);
      x.hint.text(hint);
      x.error.text(problem?.message ?? '').property('hidden', !problem).attr('role', problem ? 'alert' : null);
    };
    show(reps, f.int(s.reps), D.run.reps, `${D.run.repsHelp} (${f.int(LIMITS.reps.min)}–${f.int(LIMITS.reps.max)})`, 'reps');
    show(seed, String(s.seed), D.run.seed, D.run.seedHelp, 'seed');
    run.text(D.run.run).property('disabled', !!r);
    cancel.text(D.run.cancel).property('hidden', !r);
    progress.property('hidden', !r).property('value', r ? r.done / Math.max(1, r.total) : 0);
    status.text(r ? D.run.progress(f.int(r.done), f.int(r.total)) : store.state.status?.(D, f) ?? '');
  };
}
