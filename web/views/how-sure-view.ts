/**
 * "How sure is this?" on the page: shown once a comparison is (A pinned, B run), its form in the
 * store, its status line following the runs while the worlds run, redrawn when what it shows
 * changed.
 */
import { select } from 'd3';
import { withOutcome } from '../app/how-sure.ts';
import { DICTS, formats } from '../app/i18n.ts';
import { presetLabelOf, sameSettings } from '../app/page-words.ts';
import type { Runner } from '../app/runs.ts';
import { touched, type Store, type ViewUpdate } from '../app/store.ts';
import { drawHowSurePanel } from './how-sure-panel.ts';
import { keepFocus } from './keep-focus.ts';

export function howSureView(container: HTMLElement, store: Store, runner: Runner): ViewUpdate & { redraw(): void } {
  const root = select(container).append('section').attr('class', 'panel how-sure').attr('data-testid', 'how-sure').node()!;
  let status: HTMLParagraphElement | null = null;

  const statusText = () => {
    const { running: r, howSureStatus, settings } = store.state;
    const f = formats(settings.lang);
    return r?.kind === 'worlds' ? DICTS[settings.lang].howSure.progress(f.int(r.done), f.int(r.total)) : howSureStatus?.(settings.lang) ?? '';
  };

  function draw(): void {
    const { settings, pinned, current, running: r, howSure, howSureFields } = store.state;
    const comparing = !!pinned && !!current && pinned !== current && current.state === 'complete';
    root.hidden = !comparing && r?.kind !== 'worlds' && !howSure;
    if (root.hidden) return;
    const lang = settings.lang;
    keepFocus(() => {
      status = drawHowSurePanel(root, {
        lang,
        fields: howSureFields,
        run: howSure,
        busy: !!r || !comparing,
        running: r?.kind === 'worlds',
        status: statusText(),
        stale: !!howSure && (!pinned || !current || !sameSettings(howSure.a, pinned.settings) || !sameSettings(howSure.b, current.settings)),
        label: (s) => presetLabelOf(s, lang),
        onFields: (fields) => store.update({ howSureFields: fields }),
        onOutcome: (outcome) => {
          const shown = store.state.howSure;
          store.update({ howSureFields: { ...store.state.howSureFields, outcome }, ...(shown ? { howSure: withOutcome(shown, outcome) } : {}) });
        },
        onRun: () => void runner.runHowSure(),
        onCancel: () => runner.cancel(),
      });
    });
  }

  let busy: string | null = null;
  const update: ViewUpdate = (changed) => {
    const now = store.state.running?.kind ?? '';
    // While the worlds run, only the status line follows the runs.
    if (now === 'worlds' && busy === 'worlds' && !touched(changed, 'settings', 'howSureFields', 'howSureStatus', 'howSure')) {
      if (status) status.textContent = statusText();
      return;
    }
    if (!touched(changed, 'settings', 'pinned', 'current', 'howSure', 'howSureFields', 'howSureStatus') && now === busy) return;
    // A batch of an ensemble run changes `current` many times a second: the panel waits for its end.
    if (now === 'ensemble' && busy === 'ensemble' && !touched(changed, 'settings', 'pinned', 'howSure', 'howSureFields', 'howSureStatus')) return;
    busy = now;
    draw();
  };
  return Object.assign(update, { redraw: draw });
}
