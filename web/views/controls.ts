/**
 * Scenario controls generated from the schema: one labelled field per parameter, grouped (the
 * group, its members, the business, the intervention package, costs), with the unit, the allowed
 * range and the meaning in the page's language. A field holds what was typed until it is valid;
 * a problem is shown under the field it belongs to.
 */
import { select, type Selection } from 'd3';
import { parameterTable, type ParameterInfo, type Scenario } from '../../src/browser.ts';
import { DICTS, pick, type Lang } from '../app/i18n.ts';
import { sectionOf, SECTION_ORDER, setByRoster, valueAt, type SectionKey } from '../app/params.ts';
import { valueText, type FieldProblem } from '../app/settings.ts';

export { sectionOf, SECTION_ORDER, setByRoster, valueAt, type SectionKey };

export function rangeText(info: ParameterInfo, lang: Lang): string {
  const d = DICTS[lang];
  const unit = d.units[info.unit] ?? info.unit;
  if (info.options) return ''; // the list itself shows the choices
  if (info.min === undefined || info.max === undefined) return unit;
  const lo = valueText(info, info.min, lang);
  const hi = valueText(info, info.max, lang);
  // A share's unit is its scale, "0–1": after a range it would only repeat or muddle it.
  return d.field.range(lo, hi, info.unit === '0–1' ? '' : unit);
}

export interface ControlsInput {
  lang: Lang;
  scenario: Scenario;
  /** Paths changed from the preset. */
  changed: ReadonlySet<string>;
  /** Problems by field key, with the text the field should keep showing. */
  problems: ReadonlyMap<string, FieldProblem>;
  rosterLoaded: boolean;
  onChange(path: string, raw: string): void;
}

const id = (path: string) => `f-${path.replace(/\./g, '-')}`;
const handlers = new WeakMap<HTMLElement, ControlsInput['onChange']>();

/**
 * Draw every section into `root` (a container of <details> sections). Sections and fields are
 * made once and then updated in place — never rebuilt — so the focus, the caret and a section a
 * planner opened stay where they are when a change redraws the controls.
 */
export function drawControls(root: HTMLElement, input: ControlsInput, open: ReadonlySet<SectionKey>): void {
  handlers.set(root, input.onChange);
  const d = DICTS[input.lang];
  const params = parameterTable().filter((p) => sectionOf(p.path));
  const sections = select(root)
    .selectAll<HTMLDetailsElement, SectionKey>('details.section')
    .data(SECTION_ORDER, (k) => k)
    .join((enter) => {
      const details = enter.append('details').attr('class', 'section').attr('data-section', (k) => k).property('open', (k) => open.has(k));
      details.append('summary');
      details.append('div').attr('class', 'fields');
      return details;
    });
  sections.select('summary').text((k) => {
    const n = params.filter((p) => sectionOf(p.path) === k && input.changed.has(p.path)).length;
    return n ? `${d.sections[k]} · ${d.preset.changed(n)}` : d.sections[k];
  });
  sections.each(function (k) {
    select(this)
      .select<HTMLDivElement>('div.fields')
      .selectAll<HTMLDivElement, ParameterInfo>('div.field')
      .data(params.filter((q) => sectionOf(q.path) === k), (p) => p.path)
      .join((enter) => enter.append('div').attr('class', 'field').attr('data-path', (p) => p.path).each(function (p) {
        makeField(select(this), p, root);
      }))
      .each(function (p) {
        updateField(select(this), p, input);
      });
  });
}

/** The parts of a field that never change: label, control, hint and error lines. */
function makeField(field: Selection<HTMLDivElement, ParameterInfo, null, undefined>, p: ParameterInfo, root: HTMLElement): void {
  field.append('label').attr('for', id(p.path));
  const control = (p.options ? field.append('select') : field.append('input')) as unknown as Selection<HTMLInputElement, ParameterInfo, null, undefined>;
  if (!p.options) {
    control.attr('type', 'text').attr('inputmode', p.int ? 'numeric' : 'decimal').attr('autocomplete', 'off').attr('spellcheck', 'false');
  }
  control
    .attr('id', id(p.path))
    .attr('name', p.path)
    .attr('data-testid', `field-${p.path}`)
    .attr('aria-describedby', `${id(p.path)}-hint ${id(p.path)}-error`)
    .on('change', function () {
      // Applied now: the next draw may reword it (no longer an edit of what was shown).
      this.dataset.shown = this.value;
      // The handler of the latest draw (fields outlive draws).
      handlers.get(root)?.(p.path, this.value);
    });
  field.append('small').attr('class', 'hint').attr('id', `${id(p.path)}-hint`);
  field.append('small').attr('class', 'field-error').attr('id', `${id(p.path)}-error`).attr('data-testid', `error-${p.path}`);
}

/** Words, value, state and message of one field, as they are now. */
function updateField(field: Selection<HTMLDivElement, ParameterInfo, null, undefined>, p: ParameterInfo, input: ControlsInput): void {
  const { lang } = input;
  const d = DICTS[lang];
  const problem = input.problems.get(p.path);
  const locked = input.rosterLoaded && setByRoster(p.path);
  const value = valueAt(input.scenario, p.path);
  field.classed('changed', input.changed.has(p.path)).classed('invalid', !!problem);
  field.select('label').text(pick(p.text, lang));
  const node = field.select<HTMLInputElement | HTMLSelectElement>('input, select').node()!;
  if (node instanceof HTMLSelectElement) {
    select(node)
      .selectAll<HTMLOptionElement, string>('option')
      .data(p.options ?? [])
      .join('option')
      .attr('value', (o) => o)
      .text((o) => d.options[o] ?? o);
    node.value = String(value);
  } else {
    const text = problem ? problem.value : valueText(p, value, lang);
    // What the planner is typing stays as typed: in the field with the focus, a value with a
    // problem, or an edit not yet applied (it differs from what the last draw showed), which a
    // draw for another reason (another field applied, a section opened a moment before) must not
    // wipe. A value applied (or reworded) is shown, and so is a field the roster now sets.
    const editing = !locked && document.activeElement === node && (!!problem || node.value !== node.dataset.shown);
    if (node.value !== text && !editing) node.value = text;
    if (!editing) node.dataset.shown = node.value;
  }
  node.disabled = locked;
  if (problem) node.setAttribute('aria-invalid', 'true');
  else node.removeAttribute('aria-invalid');
  field.select('small.hint').text(locked ? d.field.fromRoster : rangeText(p, lang));
  field
    .select('small.field-error')
    .attr('role', problem ? 'alert' : null)
    .property('hidden', !problem)
    .text(problem?.message ?? '');
}
