/**
 * Start from: the preset picker, its description (parameters named by the schema's labels), and
 * "Undo my changes" with how many settings were changed.
 */
import { select, type Selection } from 'd3';
import { choosePreset, resetChanges } from '../app/actions.ts';
import { DICTS } from '../app/i18n.ts';
import { presetDescription } from '../app/page-words.ts';
import { preset, PRESETS } from '../app/settings.ts';
import { touched, type Store, type ViewUpdate } from '../app/store.ts';

export function presetBox(container: HTMLElement, store: Store): ViewUpdate {
  const parent = select(container);
  const box = parent.append('div').attr('class', 'preset');
  const label = box.append('label').attr('for', 'preset');
  const picker = box.append('select').attr('id', 'preset').attr('data-testid', 'preset').on('change', function () {
    choosePreset(store, this.value);
  });
  const help = box.append('p').attr('class', 'help');
  const desc = box.append('p').attr('class', 'description').attr('data-testid', 'preset-description');
  const reset = box.append('button').attr('type', 'button').attr('class', 'link').attr('data-testid', 'reset').on('click', () => resetChanges(store));

  return (changed) => {
    if (!touched(changed, 'settings')) return;
    const { settings } = store.state;
    const D = DICTS[settings.lang];
    label.text(D.preset.label);
    picker.selectAll('option').data(PRESETS).join('option')
      .attr('value', (p) => p.id)
      .property('selected', (p) => p.id === settings.preset)
      .text((p) => D.preset.names[p.id] ?? p.scenario.name);
    help.text(D.preset.help);
    const text = preset(settings.preset).scenario.description;
    desc.text(text ? presetDescription(text[settings.lang], settings.lang) : '').property('hidden', !text);
    const n = Object.keys(settings.set).length + (settings.roster ? 1 : 0);
    reset.text(`${D.preset.reset} (${D.preset.changed(n)})`).property('hidden', !n);
  };
}
