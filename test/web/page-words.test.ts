/**
 * The page's sentences: a preset's description names parameters by the schema's labels, what
 * differs between A and B is listed with both values, and the sweep says what it did.
 */
import { describe, expect, it } from 'vitest';
import { parameterTable, settableParameters } from '../../src/index.ts';
import { DICTS, LANGS } from '../../web/app/i18n.ts';
import { presetDescription, settingsDiff } from '../../web/app/page-words.ts';
import { sweepDone, sweepPlan } from '../../web/app/runs.ts';
import { defaultSettings, preset, PRESETS } from '../../web/app/settings.ts';

/** Parameter names as the code writes them (camelCase leaves of the schema's paths). */
const CODE_NAMES = [...new Set(parameterTable().map((p) => p.path.split('.').pop()!).filter((leaf) => /[A-Z]/.test(leaf)))];

describe('presetDescription', () => {
  it('names Tulip’s parameters by the schema’s labels, in both languages', () => {
    for (const lang of LANGS) {
      const text = presetDescription(preset('tulip').scenario.description![lang], lang);
      expect(text).not.toMatch(/goalClarity|roleClarity|priorAcquaintance/);
      const goal = settableParameters().get('group.goalClarity')!.text[lang];
      expect(text.toLowerCase()).toContain(goal.toLowerCase());
    }
  });

  it('leaves no code name followed by a value in any preset’s description', () => {
    for (const p of PRESETS) {
      for (const lang of LANGS) {
        const text = presetDescription(p.scenario.description?.[lang] ?? '', lang);
        const left = CODE_NAMES.filter((n) => new RegExp(`\\b${n}\\s+[-−]?\\d`).test(text));
        expect([p.id, lang, left]).toEqual([p.id, lang, []]);
      }
    }
  });

  it('leaves text without parameter names as it is', () => {
    expect(presetDescription('Ten families, Rp 25 million, 12 months of mentoring.', 'en')).toBe('Ten families, Rp 25 million, 12 months of mentoring.');
  });
});

describe('settingsDiff', () => {
  const a = { ...defaultSettings('en'), preset: 'tulip', set: { 'intervention.mentoring.visitsPerMonth': 2 } };
  const visits = settableParameters().get('intervention.mentoring.visitsPerMonth')!;

  it('is empty for the same settings (the language aside)', () => {
    expect(settingsDiff(a, { ...a, lang: 'id' }, 'en')).toEqual([]);
  });

  it('lists each parameter that differs with its label and both values, a preset value counting as set', () => {
    const b = { ...a, set: { 'intervention.mentoring.visitsPerMonth': 4, 'group.goalClarity': 0.5 } };
    const goal = settableParameters().get('group.goalClarity')!;
    const tulipGoal = preset('tulip').scenario.group.goalClarity;
    expect(settingsDiff(a, b, 'en')).toEqual([
      { key: visits.path, label: visits.text.en, a: '2 visits/month', b: '4 visits/month' },
      { key: goal.path, label: goal.text.en, a: String(tulipGoal), b: '0.5' },
    ]);
    expect(settingsDiff(a, b, 'id')[1]).toEqual({ key: goal.path, label: goal.text.id, a: String(tulipGoal).replace('.', ','), b: '0,5' });
  });

  it('names a different preset, seed and number of runs in the page’s words', () => {
    const b = { ...a, preset: 'cempaka', seed: 7, reps: 1000 };
    const D = DICTS.en;
    const rows = settingsDiff(a, b, 'en');
    expect(rows[0]).toEqual({ key: 'preset', label: D.compare.startFrom, a: D.preset.names.tulip, b: D.preset.names.cempaka });
    expect(rows.slice(-2)).toEqual([
      { key: 'seed', label: D.run.seed, a: String(a.seed), b: '7' },
      { key: 'reps', label: D.run.reps, a: '500', b: '1,000' },
    ]);
  });
});

describe('the sweep’s plan and its last word', () => {
  const form = { path: 'intervention.mentoring.visitsPerMonth', from: '0', to: '8', steps: '9', reps: '50', outcome: 'survivalRate' as const };

  it('sweeps the values asked for, whole numbers for a whole-number parameter', () => {
    expect(sweepPlan(form, 'en')).toEqual({ values: [0, 1, 2, 3, 4, 5, 6, 7, 8], reps: 50 });
    expect(sweepPlan({ ...form, steps: '3', to: '3' }, 'en')).toEqual({ values: [0, 1.5, 3], reps: 50 });
    expect(settableParameters().get('group.size')!.int).toBe(true);
    expect(sweepPlan({ ...form, path: 'group.size', from: '5', to: '10', steps: '3' }, 'en')).toEqual({ values: [5, 8, 10], reps: 50 });
  });

  it('says what is wrong with the form, in the page’s language when drawn', () => {
    const bad = sweepPlan({ ...form, from: '8', to: '0' }, 'en');
    expect('problem' in bad && bad.problem('en')).toBe(DICTS.en.sweep.badRange);
    expect('problem' in bad && bad.problem('id')).toBe(DICTS.id.sweep.badRange);
  });

  it('says that it finished, which parameter over which values, with how many runs', () => {
    const name = settableParameters().get(form.path)!;
    for (const lang of LANGS) {
      const text = sweepDone('complete', form.path, [0, 1, 2, 3, 4, 5, 6, 7, 8], 50, lang);
      expect(text).toBe(DICTS[lang].sweep.finished(name.text[lang], '0–8', '9', '50'));
      expect(text).toContain(name.text[lang]);
    }
    expect(sweepDone('cancelled', form.path, [0, 4, 8], 50, 'en')).toBe(DICTS.en.sweep.cancelledAt(name.text.en, '0–8', '3', '50'));
  });
});
