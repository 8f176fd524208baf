/** `kube-sim replay`: re-run a workshop's session log and check it week by week, bit for bit. */
import { DISSOLUTION_CAUSE_TEXT, DISSOLUTION_CAUSES, STATUS_NAMES } from '../model/index.ts';
import { replayWeeks } from '../server/replay.ts';
import { readSession } from '../server/session-file.ts';
import { parseFlags, UsageError } from './args.ts';
import { rupiah } from './common.ts';

export const REPLAY_HELP = `kube-sim replay <session.json>
    Re-runs a workshop session's scenario and seed with its players' answers and the trainer's
    injected events, and checks every logged week against the log (the group state's
    fingerprint and every indicator). Exit status 0 if all match, 1 if
    a week differs (the message says which and how).`;

export function replayCommand(args: string[]): number {
  const { positionals } = parseFlags('replay', args, {}, {});
  if (positionals.length !== 1) throw new UsageError(`replay: expected one session file, got ${positionals.length}`);
  const { doc, scenario } = readSession(positionals[0]);
  const r = replayWeeks(doc, scenario);
  const answers = doc.decisions.length;
  if (r.mismatch) {
    const m = r.mismatch;
    process.stderr.write(`kube-sim: replay: ${positionals[0]}: week ${m.week + 1} differs from the log (${m.what}: logged ${m.logged}, replayed ${m.replayed}); ${r.weeks} weeks before it match\n`);
    return 1;
  }
  const st = r.run.state;
  const status = STATUS_NAMES[st.status];
  const fate = status === 'dissolved' ? `dissolved in week ${st.statusWeek + 1}: ${DISSOLUTION_CAUSE_TEXT[DISSOLUTION_CAUSES[st.cause]].en}` : status;
  process.stdout.write(
    `${doc.scenarioName}: seed ${doc.seed}, ${r.weeks} of ${scenario.horizonWeeks} weeks replayed; every week matches the log bit for bit\n` +
      `  group ${fate}; ${st.nActive} members; capital ${rupiah(st.capital)}; IKS fund ${rupiah(st.iksFund)}\n` +
      `  ${answers} answers from ${new Set(doc.seats.map((s) => s.member)).size} seats applied; ${doc.injections.length} injected events\n`,
  );
  return 0;
}
