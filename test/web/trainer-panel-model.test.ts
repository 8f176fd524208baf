/**
 * What a group's panel draws (web/trainer/views/panel-model.ts), as a snapshot with rounded
 * numbers. The run is a real trace with its numbers replaced by chosen ones, so the snapshot
 * says what the panel shows for given numbers and does not change when the model does; a test
 * against a real run checks the panel shows that run's numbers.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ELEMENT_KEYS, INDICATOR_KEYS, parseScenario, trace, type Trace } from '../../src/index.ts';
import { uiEn } from '../../web/trainer/ui-en.ts';
import { uiId } from '../../web/trainer/ui-id.ts';
import { panelModel, shownFrame } from '../../web/trainer/views/panel-model.ts';

const K = INDICATOR_KEYS.length;
const col = (k: string) => INDICATOR_KEYS.indexOf(k);
const DEFAULT = parseScenario(JSON.parse(readFileSync(new URL('../../scenarios/default.json', import.meta.url), 'utf8')), 'default.json');
const real = trace(DEFAULT, { seed: 3 });

/** Four weeks of chosen numbers: capital 25 M then growing, trust falling, elements 0.1·e + 0.05·f; dissolved at frame 3 if asked. */
function chosen(dissolveAt: number | null): Trace {
  const frames = 4;
  const indicators = new Float64Array(frames * K);
  for (let f = 0; f < frames; f++) {
    ELEMENT_KEYS.forEach((_, e) => (indicators[f * K + e] = 0.1 * e + 0.05 * f));
    indicators[f * K + col('capital')] = 25_000_000 + 1_234_567 * f;
    indicators[f * K + col('iksFund')] = 150_000 * f;
    indicators[f * K + col('meanTrust')] = 0.6 - 0.1 * f;
    indicators[f * K + col('activeMembers')] = 10 - f;
    indicators[f * K + col('status')] = dissolveAt !== null && f >= dissolveAt ? 2 : f === 2 ? 1 : 0;
  }
  const events = [{ ...real.events[0], type: 'marketShock', week: 1 }] as Trace['events'];
  return { ...real, n: 10, frames, indicators, events };
}

describe('what a panel draws', () => {
  it('week 2 in English, on a laptop', () => {
    const m = panelModel(chosen(null), 2, uiEn, 'en', false);
    expect(m).toMatchInlineSnapshot(`
      {
        "capital": "Rp 27,469,134",
        "elements": [
          {
            "key": "goals",
            "name": "Group goals",
            "value": "10%",
            "width": "10.0%",
          },
          {
            "key": "structure",
            "name": "Structure",
            "value": "20%",
            "width": "20.0%",
          },
          {
            "key": "taskFunctions",
            "name": "Task functions",
            "value": "30%",
            "width": "30.0%",
          },
          {
            "key": "maintenance",
            "name": "Maintenance and development",
            "value": "40%",
            "width": "40.0%",
          },
          {
            "key": "cohesion",
            "name": "Cohesion",
            "value": "50%",
            "width": "50.0%",
          },
          {
            "key": "atmosphere",
            "name": "Atmosphere",
            "value": "60%",
            "width": "60.0%",
          },
          {
            "key": "pressure",
            "name": "Group pressure (norms)",
            "value": "70%",
            "width": "70.0%",
          },
          {
            "key": "effectiveness",
            "name": "Effectiveness",
            "value": "80%",
            "width": "80.0%",
          },
          {
            "key": "hiddenAgenda",
            "name": "Open aims (no hidden agenda)",
            "value": "90%",
            "width": "90.0%",
          },
        ],
        "frame": 2,
        "iks": "Rp 300,000",
        "meanTrust": 0.39999999999999997,
        "members": "8 of 10 members still in",
        "shocks": [
          2,
        ],
        "spark": "M0,3.3L40,2.2L80,1",
        "status": "stagnant",
        "statusText": "Stagnant",
        "trust": "40%",
        "week": "Week 2 of 3",
      }
    `);
  });

  it('week 2 in Indonesian, on a projector (money rounded to millions)', () => {
    const m = panelModel(chosen(null), 2, uiId, 'id', true);
    expect({ capital: m.capital, iks: m.iks, week: m.week, members: m.members, status: m.statusText, names: m.elements.map((e) => e.name) }).toMatchInlineSnapshot(`
      {
        "capital": "Rp 27,5 jt",
        "iks": "Rp 300 rb",
        "members": "8 dari 10 anggota masih bertahan",
        "names": [
          "Tujuan kelompok",
          "Struktur kelompok",
          "Fungsi tugas",
          "Pembinaan dan pengembangan",
          "Kekompakan",
          "Suasana kelompok",
          "Tekanan kelompok",
          "Keefektifan kelompok",
          "Tanpa maksud terselubung",
        ],
        "status": "Macet",
        "week": "Minggu ke-2 dari 3",
      }
    `);
  });

  it('a dissolved group stays at the week it broke up', () => {
    const t = chosen(2);
    expect(shownFrame(t, 3)).toBe(2);
    const m = panelModel(t, 3, uiEn, 'en', false);
    expect(m.frame).toBe(2);
    expect(m.members).toBe(uiEn.dissolvedIn(2, 8));
    expect(m.status).toBe('dissolved');
  });

  it('for a real run, the numbers shown are the run’s', () => {
    for (const f of [0, 10, 40]) {
      const m = panelModel(real, f, uiEn, 'en', false);
      expect(m.meanTrust).toBe(real.indicators[f * K + col('meanTrust')]);
      m.elements.forEach((e, k) => expect(e.width).toBe(`${(100 * real.indicators[f * K + k]).toFixed(1)}%`));
      expect(m.week).toBe(uiEn.week(f, real.frames - 1));
      expect(m.shocks).toEqual(real.events.filter((ev) => ev.type === 'marketShock' && ev.week < f).map((ev) => ev.week + 1));
    }
  });
});
