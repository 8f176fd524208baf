/** The header: title, group, settings changed, seed, language, projector, tour, keys, the planner's link. */
import * as d3 from 'd3';
import { DICTS } from '../../app/i18n.ts';
import { PRESETS, toQuery } from '../../app/settings.ts';
import { drawLangSwitch } from '../../views/lang-switch.ts';
import type { Actions } from '../actions.ts';
import { lang, type Change, type Store } from '../store.ts';
import { UI } from '../words.ts';

export function headerView(container: HTMLElement, store: Store, actions: Actions, openTour: () => void): (what: Set<Change>) => void {
  const header = d3.select(container).append('header').attr('class', 't-header');
  const titleBox = header.append('div').attr('class', 't-title');
  const h1 = titleBox.append('h1');
  const subtitle = titleBox.append('p').attr('class', 'subtitle');
  const setup = header.append('div').attr('class', 't-setup');
  const groupLabel = setup.append('label').attr('class', 't-field');
  const groupText = groupLabel.append('span');
  const groupSelect = groupLabel
    .append('select')
    .attr('data-testid', 'group')
    .on('change', function () {
      actions.choosePreset((this as HTMLSelectElement).value);
    });
  const info = setup.append('span').attr('class', 't-info');
  const changedNote = info.append('span').attr('class', 't-changed').attr('data-testid', 'changed');
  const seedBox = info.append('span').attr('class', 't-seed').attr('data-testid', 'seed');
  const langSwitch = drawLangSwitch(setup.node()!, (l) => actions.setLang(l));
  const projectorButton = setup.append('button').attr('type', 'button').attr('data-testid', 'projector').on('click', () => actions.toggleProjector());
  const tourButton = setup.append('button').attr('type', 'button').attr('data-testid', 'open-tour').on('click', () => openTour());
  const keysButton = setup.append('button').attr('type', 'button').attr('data-testid', 'keys').on('click', () => actions.setKeysOpen(!store.state.keysOpen));
  const plannerLink = setup.append('a').attr('class', 't-planner').attr('data-testid', 'planner');

  return (what) => {
    const { settings, projector, keysOpen } = store.state;
    const l = lang(store);
    const w = UI[l];
    if (what.has('words')) {
      document.documentElement.lang = l;
      document.title = `kube-sim · ${w.title}`;
      h1.text(`kube-sim · ${w.title}`);
      subtitle.text(w.subtitle);
      groupText.text(w.group);
      const names = DICTS[l].preset.names;
      groupSelect.selectAll('option').data(PRESETS).join('option').attr('value', (p) => p.id).text((p) => names[p.id] ?? p.scenario.name);
      groupSelect.property('value', settings.preset);
      const changes = Object.keys(settings.set).length + (settings.roster ? 1 : 0);
      changedNote.text(changes ? DICTS[l].preset.changed(changes) : '').attr('hidden', changes ? null : true);
      seedBox.text(`${w.seed}: ${settings.seed}`);
      langSwitch.show(l);
      projectorButton.text(w.projector);
      tourButton.text(w.tour);
      keysButton.text(w.shortcuts);
      plannerLink.text(w.planner).attr('href', `./${toQuery(settings)}`);
    }
    projectorButton.attr('aria-pressed', String(projector));
    keysButton.attr('aria-expanded', String(keysOpen));
  };
}
