/**
 * `kube-sim workshop`: run a workshop on the local network. Participants join on their phones
 * (QR code or join code), the projector shows the group, the trainer opens and closes the weeks.
 * Players' answers are their members' decisions in the model (src/server/drive.ts); at the end the
 * projector shows a debrief.
 */
import { existsSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import QRCode from 'qrcode';
import { z } from 'zod';
import { readSession } from '../server/session-file.ts';
import { Session } from '../server/session.ts';
import { startWorkshopServer } from '../server/server.ts';
import { common, parseFlags, UsageError, wholeNumber } from './args.ts';
import { interruption, load, VERSION } from './common.ts';

export const WORKSHOP_HELP = `kube-sim workshop [scenario] [--port N] [--host ADDR] [--session FILE] [--seed N]
                   [--set PATH=VALUE]... [--roster FILE.csv] [--pages DIR]
    A workshop on the local network (no internet needed): prints the join address as a QR
    code and a join code for the phones, and the projector page's address for the trainer.
    The session log (--session, default workshop-session.json) is rewritten after every
    event; run the same command again to resume it after a restart (a new projector key is
    printed). Players' answers are their members' decisions (members without an answer are
    played by the model); the trainer may inject trainer mode's events and end the workshop
    early for the debrief. --set horizonWeeks=12 makes a short workshop.
    --port N (default 8080; 0: any free port), --host ADDR to listen on (default 0.0.0.0),
    --pages DIR the built pages (default: the package's dist/, made by npm run build).`;

const PACKAGE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export async function workshopCommand(args: string[]): Promise<number> {
  const { flags, positionals } = parseFlags(
    'workshop',
    args,
    { port: { type: 'string' }, host: { type: 'string' }, session: { type: 'string' }, seed: { type: 'string' }, set: { type: 'string', multiple: true }, roster: { type: 'string' }, pages: { type: 'string' } },
    {
      port: wholeNumber('--port', 0, 65535).optional(),
      host: z.string().optional(),
      session: z.string().refine((p) => p.toLowerCase().endsWith('.json'), { error: (i) => `--session: got "${String(i.input)}"; allowed: a path ending in .json` }).optional(),
      seed: common.seed,
      set: common.set,
      roster: common.roster,
      pages: z.string().optional(),
    },
  );
  if (positionals.length > 1) throw new UsageError(`workshop: expected at most one scenario, got ${positionals.length}`);
  const pagesDir = resolve(flags.pages ?? join(PACKAGE_ROOT, 'dist'));
  if (!existsSync(join(pagesDir, 'workshop-phone.html')) || !existsSync(join(pagesDir, 'workshop-projector.html'))) {
    throw new UsageError(`workshop: no built workshop pages in ${pagesDir}; in a clone of the repository run npm run build first (npm run workshop builds and starts), or give --pages DIR (the npm package does not ship the pages yet)`);
  }
  const sessionPath = resolve(flags.session ?? 'workshop-session.json');
  let session: Session;
  let trainerKey: string;
  if (existsSync(sessionPath)) {
    const { doc, scenario } = readSession(sessionPath);
    if (positionals[0] !== undefined && positionals[0] !== doc.scenarioName) {
      throw new UsageError(`workshop: ${sessionPath} is a session of "${doc.scenarioName}", not "${positionals[0]}"; give another --session FILE for a new workshop`);
    }
    if (flags.seed !== undefined || flags.set.length || flags.roster) throw new UsageError('workshop: --seed, --set and --roster apply to a new session only; this one resumes from its log');
    session = Session.resume(doc, scenario);
    trainerKey = session.rekey();
    process.stdout.write(`Resuming ${sessionPath}: ${doc.scenarioName}, seed ${doc.seed}, week ${doc.week + 1} (${doc.phase})\n`);
  } else {
    const name = positionals[0] ?? 'default';
    const { scenario } = load(name, flags.set, flags.roster);
    ({ session, trainerKey } = Session.create(scenario, { scenarioName: name, seed: flags.seed, kubeSim: VERSION }));
  }
  const host = flags.host ?? '0.0.0.0';
  const server = await startWorkshopServer({
    session, sessionPath, pagesDir, host, port: flags.port ?? 8080,
    publicHost: host === '0.0.0.0' || host === '::' ? lanAddress() : host,
    log: (line) => process.stderr.write(`kube-sim workshop: ${line}\n`),
  });
  const qr = await QRCode.toString(server.joinUrl, { type: 'terminal', small: true });
  process.stdout.write(
    `${qr}\nJoin: ${server.joinUrl}\nJoin code: ${session.doc.joinCode}\n` +
      `Projector (trainer only, keep this address private): http://127.0.0.1:${server.port}/workshop-projector.html#key=${trainerKey}\n` +
      `Session log: ${sessionPath}\nPlayers' answers decide for their members; members without a player are played by the model.\nCtrl-C stops the server; the log keeps every week.\n`,
  );
  await new Promise<void>((done) => {
    if (interruption.controller.signal.aborted) return done();
    interruption.controller.signal.addEventListener('abort', () => done(), { once: true });
  });
  await server.close();
  process.stdout.write(`\nStopped. Session saved in ${sessionPath} (week ${session.doc.week + 1}, ${session.doc.phase}); run the same command to resume.\n`);
  return 0;
}

/** This machine's address on the local network (the first IPv4 one that is not loopback). */
export function lanAddress(): string {
  for (const addrs of Object.values(networkInterfaces())) {
    for (const a of addrs ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  }
  return '127.0.0.1';
}
