/**
 * Short English names of the outcomes for text a person reads (the command line's tables); CSV
 * columns and JSON keys keep the stable keys, and the web app words them in both languages in
 * web/app/lang-*.ts. An outcome not named here is named by its RunField text (outcomes.ts), so a
 * new outcome never shows up in a table as a bare key.
 */
import { ELEMENT_KEYS, INDICATORS } from '../model/index.ts';
import { RUN_FIELDS } from './outcomes.ts';

const NAMES: Readonly<Record<string, string>> = {
  survived: 'still active at the end',
  activeMembersFinal: 'active members at the end',
  membersAtEnd: 'members left when it ended',
  capitalFinal: 'capital at the end',
  iksFundFinal: 'IKS fund at the end',
  memberIncomeMonthly: 'income per member per month',
  memberIncomeTotal: 'income paid to all members',
  businessProfitMonthly: 'business profit per member per month',
  exitsPerMember: 'members who left, per member',
  misuseCommitted: 'misuse committed (found or not)',
  misuseDetected: 'misuse found',
  leaderChanges: 'changes of chair',
  mentorVisits: 'facilitator visits',
  grantReceived: 'grant received',
  interventionCost: 'package cost',
  costPerSurvivingGroup: 'cost per surviving group',
  incomePerRupiah: 'member income per Rp spent',
  // The nine elements of group dynamics, averaged over the weeks the group existed.
  ...Object.fromEntries(ELEMENT_KEYS.map((k) => {
    const text = INDICATORS.find((d) => d.key === k)!.text.en;
    return [`${k}Mean`, `${text[0]!.toLowerCase()}${text.slice(1)}, weekly mean`];
  })),
};

/** The English name of an outcome key (`activeMembersFinal` → "active members at the end"). */
export function outcomeName(key: string): string {
  const named = NAMES[key];
  if (named) return named;
  const field = RUN_FIELDS.find((f) => f.key === key);
  return field ? field.text : key;
}
