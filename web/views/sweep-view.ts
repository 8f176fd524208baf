/**
 * One parameter, many values, on the page: the panel (sweep-panel.ts) with its form in the store,
 * its status line kept up to date while a sweep runs, and redrawn ~7 times a second as points come.
 */
import { select } from 'd3';
import { DICTS, formats } from '../app/i18n.ts';
import { presetLabelOf, sameSettings } from '../app/page-words.ts';
import type { Runner } from '../app/runs.ts';
import { touched, type Store, type ViewUpdate } from '../app/store.ts';
import { keepFocus } from './keep-focus.ts';
import { drawSweepPanel } from './sweep-panel.ts';

export function sweepView(container: HTMLElement, store: Store, runner: Runner): ViewUpdate & { redraw(): void } {
  const main = select(container);
  const root = main.append('section').attr('class', 'panel sweep').attr('data-testid', 'sweep').node()!;
  let status: HTMLParagraphElement | null = null;
  let timer = 0;

  const statusText = () => {
    const { running: r, sweepStatus, settings } = store.state;
    const f = formats(settings.lang);
    return r?.kind === 'sweep' ? DICTS[settings.lang].run.progress(f.int(r.done), f.int(r.total)) : sweepStatus?.(settings.lang) ?? '';
  };

  function draw(): void {
    const { settings, sweep, running: r, sweepForm } = store.state;
    const lang = settings.lang;
    keepFocus(() => {
      status = drawSweepPanel(root, {
        lang,
        form: sweepForm,
        sweep,
        busy: !!r,
        running: r?.kind === 'sweep',
        status: statusText(),
        stale: !!sweep && !r && !sameSettings({ ...sweep.settings, reps: settings.reps }, settings),
        rosterLoaded: !!settings.roster,
        label: (s) => presetLabelOf(s, lang),
        sweptOf: sweep ? DICTS[lang].sweep.of(presetLabelOf(sweep.settings, lang), sweep.settings.seed) : '',
        onRun: () => void runner.runSweep(),
        onCancel: () => runner.cancel(),
        onForm: (form) => store.update({ sweepForm: form }),
      });
    });
  }

  /** The run going when the panel was drawn ('' none, 'ensemble', 'sweep'): the form is busy. */
  let busy: string | null = null;
  const update: ViewUpdate = (changed) => {
    const r = store.state.running;
    const now = r?.kind ?? '';
    const own = touched(changed, 'settings', 'sweep', 'sweepForm', 'sweepStatus');
    // While a sweep runs, its status line follows every batch and its points are drawn ~7 times a second.
    if (now === 'sweep' && busy === 'sweep' && !touched(changed, 'settings', 'sweepForm', 'sweepStatus')) {
      if (status) status.textContent = statusText();
      if (touched(changed, 'sweep') && !timer) timer = window.setTimeout(() => { timer = 0; draw(); }, 150);
      return;
    }
    if (!own && now === busy) return;
    busy = now;
    draw();
  };
  return Object.assign(update, { redraw: draw });
}
