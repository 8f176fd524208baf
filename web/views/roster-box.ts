/**
 * Load a real group: a roster file chosen, what came of it (members loaded, notes, or why it
 * could not be used, worded again when the language changes), and going back to generated members.
 */
import { select } from 'd3';
import { clearRoster, takeRoster } from '../app/actions.ts';
import { DICTS } from '../app/i18n.ts';
import { checkRosterFile, loadRosterFile } from '../app/roster.ts';
import { touched, type Store, type ViewUpdate } from '../app/store.ts';

export function rosterBox(container: HTMLElement, store: Store): ViewUpdate {
  const parent = select(container);
  const box = parent.append('details').attr('class', 'section roster').attr('data-section', 'roster');
  const summary = box.append('summary');
  const help = box.append('p').attr('class', 'help');
  const label = box.append('label').attr('class', 'file');
  const choose = label.append('span');
  label.append('input').attr('type', 'file').attr('accept', '.csv,text/csv,text/plain').attr('data-testid', 'roster-file').on('change', async function () {
    const file = this.files?.[0];
    this.value = '';
    if (file) takeRoster(store, await loadRosterFile(file));
  });
  const clear = box.append('button').attr('type', 'button').attr('class', 'link').attr('data-testid', 'roster-clear').on('click', () => clearRoster(store));
  const note = box.append('div').attr('class', 'roster-note').attr('data-testid', 'roster-note').attr('aria-live', 'polite');

  return (changed) => {
    if (!touched(changed, 'settings', 'rosterNote', 'rosterConflict')) return;
    const { settings, rosterNote, rosterConflict } = store.state;
    const D = DICTS[settings.lang];
    summary.text(D.sections.roster);
    help.text(D.roster.help);
    choose.text(D.roster.choose);
    clear.text(D.roster.clear).property('hidden', !settings.roster);
    note.selectAll('*').remove();
    if (settings.roster) note.append('p').attr('class', 'ok').text(D.roster.loaded(settings.roster.length, settings.rosterFile ?? ''));
    if (!rosterNote) return;
    const read = checkRosterFile(rosterNote, settings.lang);
    const conflict = read.ok && rosterConflict && !settings.roster ? rosterConflict(settings.lang) : null;
    const r = conflict ? { ok: false as const, problems: [conflict] } : read;
    const lines = r.ok ? r.warnings : r.problems;
    const out = note.append('div').attr('class', r.ok ? 'warnings' : 'problems').attr('role', r.ok ? null : 'alert');
    if (!r.ok) out.append('strong').text(D.roster.failed(rosterNote.name));
    else if (lines.length) out.append('strong').text(D.roster.warnings);
    out.append('ul').selectAll('li').data(lines).join('li').text((t) => t);
  };
}
