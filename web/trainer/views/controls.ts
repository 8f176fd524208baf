/** The playback bar (restart, step, play, speed, new seed, side by side) and the bar of events to make happen. */
import * as d3 from 'd3';
import { INJECTION_KINDS } from '../../../src/browser.ts';
import { formats } from '../../app/i18n.ts';
import { canInject, type Actions } from '../actions.ts';
import { SPEEDS } from '../player.ts';
import { lang, type Change, type Store } from '../store.ts';
import { UI } from '../words.ts';

export function controlsView(container: HTMLElement, store: Store, actions: Actions): (what: Set<Change>) => void {
  const bars = d3.select(container).append('div').attr('class', 't-bars');
  const controls = bars.append('div').attr('class', 't-controls').attr('data-tour', 'controls');
  const button = (testid: string, on: () => void) => controls.append('button').attr('type', 'button').attr('data-testid', testid).on('click', on);
  const restart = button('restart', () => actions.restart(false));
  const back = button('back', () => actions.stepBy(-1));
  const play = button('play', () => actions.togglePlay()).attr('class', 'primary play');
  const forward = button('forward', () => actions.stepBy(1));
  const speedLabel = controls.append('label').attr('class', 't-field t-speed');
  const speedText = speedLabel.append('span');
  const speed = speedLabel
    .append('select')
    .attr('data-testid', 'speed')
    .on('change', function () {
      actions.setSpeed(Number((this as HTMLSelectElement).value));
    });
  const newSeed = button('new-seed', () => actions.restart(true));
  const compareLabel = controls.append('label').attr('class', 't-check').attr('data-tour', 'compare');
  const compare = compareLabel
    .append('input')
    .attr('type', 'checkbox')
    .attr('data-testid', 'compare')
    .on('change', function () {
      actions.setCompare((this as HTMLInputElement).checked);
    });
  const compareText = compareLabel.append('span');

  const injectBar = bars.append('div').attr('class', 't-inject').attr('data-tour', 'inject').attr('role', 'group');
  const injectTitle = injectBar.append('span').attr('class', 't-inject-title');
  const inject = injectBar
    .selectAll('button')
    .data(INJECTION_KINDS)
    .join('button')
    .attr('type', 'button')
    .attr('data-testid', (k) => `inject-${k}`)
    .on('click', (_e, k) => actions.inject(k));

  return (what) => {
    const { player } = store;
    const w = UI[lang(store)];
    if (what.has('words')) {
      restart.text(`⟲ ${w.restart}`).attr('title', `${w.restart} (R)`);
      back.text('◀').attr('aria-label', w.stepBack).attr('title', `${w.stepBack} (←)`);
      forward.text('▶|').attr('aria-label', w.stepForward).attr('title', `${w.stepForward} (→)`);
      newSeed.text(w.newSeed).attr('title', `${w.newSeed} (N)`);
      speedText.text(w.speed);
      const fmt = formats(lang(store));
      speed.selectAll('option').data(SPEEDS).join('option').attr('value', (s) => s).text((s) => w.speedValue(fmt.short(s)));
      compareText.text(w.compare);
      compare.attr('title', `${w.compare} (C)`);
      injectTitle.text(w.inject);
      inject.text((k) => w.injectKinds[k]).attr('title', (k, i) => `${w.injectKinds[k]} (${i + 1})`);
    }
    if (what.has('words') || what.has('play')) {
      play.text(player.playing ? w.pause : `▶ ${w.play}`).attr('title', `${player.playing ? w.pause : w.play} (Space)`);
      speed.property('value', String(player.speed));
      document.body.dataset.playing = player.playing ? '1' : '0';
    }
    compare.property('checked', store.state.compare);
    if (what.has('week') || what.has('runs')) inject.property('disabled', !canInject(store));
  };
}
