/**
 * Scenario controls generated from the schema: one labelled field per parameter, grouped (the
 * group, its members, the business, the intervention package, costs), with the unit, the allowed
 * range and the meaning in the page's language. A field holds what was typed until it is valid;
 * a problem is shown under the field it belongs to.
 */
import { select, type Selection } from 'd3';
import { parameterTable, type ParameterInfo, type Scenario } from '../../src/index.ts';
import { DICTS, formats, pick, type Lang } from '../app/i18n.ts';
import type { FieldProblem } from '../app/settings.ts';

export type SectionKey = 'intervention' | 'group' | 'members' | 'business' | 'costs';

/** Which section a parameter belongs to (null: not a control here). */
export function sectionOf(path: string): SectionKey | null {
  if (path.startsWith('intervention.costs.')) return 'costs';
  if (path.startsWith('intervention.')) return 'intervention';
  if (path.startsWith('group.')) return 'group';
  if (path === 'members.roster') return null;
  if (path.startsWith('members.')) return 'members';
  if (path.startsWith('business.') || path.startsWith('finance.')) return 'business';
  return null;
}

export const SECTION_ORDER: SectionKey[] = ['intervention', 'group', 'members', 'business', 'costs'];

/** The value at a dotted path of a scenario. */
export function valueAt(sc: Scenario, path: string): unknown {
  return path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], sc);
}

/** Parameters a roster decides (their controls are disabled while one is loaded). */
export function setByRoster(path: string): boolean {
  return path === 'group.size' || (path.startsWith('members.') && path !== 'members.incomeAspiration');
}

/** A value as the field shows it: "25.000.000" or "0,5" in Indonesian. */
export function fieldText(info: ParameterInfo, v: unknown, lang: Lang): string {
  if (typeof v !== 'number') return String(v ?? '');
  if (info.unit === 'Rp' || info.unit === 'Rp/month') return formats(lang).int(v);
  return lang === 'id' ? String(v).replace('.', ',') : String(v);
}

export function rangeText(info: ParameterInfo, lang: Lang): string {
  const d = DICTS[lang];
  const unit = d.units[info.unit] ?? info.unit;
  if (info.options) return info.options.map((o) => d.options[o] ?? o).join(' · ');
  if (info.min === undefined || info.max === undefined) return unit;
  const lo = fieldText(info, info.min, lang);
  const hi = fieldText(info, info.max, lang);
  // A share's unit is its scale, "0–1": after the range 0–1 it would only repeat it.
  const bare = d.field.range(lo, hi, '');
  return bare === unit ? bare : d.field.range(lo, hi, unit);
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

/** Draw every section into `root` (a container of <details> sections), replacing what was there. */
export function drawControls(root: HTMLElement, input: ControlsInput, open: ReadonlySet<SectionKey>): void {
  const d = DICTS[input.lang];
  const params = parameterTable().filter((p) => sectionOf(p.path));
  const sections = select(root)
    .selectAll<HTMLDetailsElement, SectionKey>('details.section')
    .data(SECTION_ORDER, (k) => k)
    .join('details')
    .attr('class', 'section')
    .attr('data-section', (k) => k)
    .property('open', (k) => open.has(k));
  sections.selectAll('*').remove();
  sections.append('summary').text((k) => {
    const n = params.filter((p) => sectionOf(p.path) === k && input.changed.has(p.path)).length;
    return n ? `${d.sections[k]} · ${d.preset.changed(n)}` : d.sections[k];
  });
  sections.each(function (k) {
    const box = select(this).append('div').attr('class', 'fields');
    for (const p of params.filter((q) => sectionOf(q.path) === k)) drawField(box, p, input);
  });
}

function drawField(box: Selection<HTMLDivElement, unknown, null, undefined>, p: ParameterInfo, input: ControlsInput): void {
  const { lang } = input;
  const d = DICTS[lang];
  const problem = input.problems.get(p.path);
  const locked = input.rosterLoaded && setByRoster(p.path);
  const field = box
    .append('div')
    .attr('class', 'field')
    .attr('data-path', p.path)
    .classed('changed', input.changed.has(p.path))
    .classed('invalid', !!problem);
  field.append('label').attr('for', id(p.path)).text(pick(p.text, lang));
  const hint = `${id(p.path)}-hint`;
  const err = `${id(p.path)}-error`;
  const value = valueAt(input.scenario, p.path);
  let control: Selection<HTMLInputElement | HTMLSelectElement, unknown, null, undefined>;
  if (p.options) {
    const sel = field.append('select');
    sel
      .selectAll('option')
      .data(p.options)
      .join('option')
      .attr('value', (o) => o)
      .property('selected', (o) => o === value)
      .text((o) => d.options[o] ?? o);
    control = sel as unknown as typeof control;
  } else {
    const inp = field
      .append('input')
      .attr('type', 'text')
      .attr('inputmode', p.int ? 'numeric' : 'decimal')
      .attr('autocomplete', 'off')
      .attr('spellcheck', 'false')
      .property('value', problem ? problem.value : fieldText(p, value, lang));
    control = inp as unknown as typeof control;
  }
  control
    .attr('id', id(p.path))
    .attr('name', p.path)
    .attr('data-testid', `field-${p.path}`)
    .attr('aria-describedby', `${hint} ${err}`)
    .attr('aria-invalid', problem ? 'true' : null)
    .property('disabled', locked)
    .on('change', function () {
      input.onChange(p.path, (this as HTMLInputElement).value);
    });
  field
    .append('small')
    .attr('class', 'hint')
    .attr('id', hint)
    .text(locked ? d.field.fromRoster : rangeText(p, lang));
  field
    .append('small')
    .attr('class', 'field-error')
    .attr('id', err)
    .attr('role', problem ? 'alert' : null)
    .attr('data-testid', `error-${p.path}`)
    .property('hidden', !problem)
    .text(problem?.message ?? '');
}
