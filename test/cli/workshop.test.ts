/**
 * `kube-sim workshop` as a trainer runs it: it prints the QR code, the join address and code and
 * the projector's address, serves, stops on Ctrl-C with the log saved, and the same command
 * resumes that log. Bad input exits with status 2 and says why.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { bin, runKubeSim, scratchFolder } from './kube-sim.ts';

const dir = scratchFolder('kube-sim-workshop-cli-');
const pages = join(dir, 'pages');
mkdirSync(pages);
for (const p of ['workshop-phone.html', 'workshop-projector.html']) writeFileSync(join(pages, p), '<!doctype html>');

/** Start the command; resolve with its output once it is serving, and a way to stop it. */
async function serve(args: string[]) {
  const child = spawn(process.execPath, [bin, 'workshop', ...args], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += String(d)));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  await new Promise<void>((ok, fail) => {
    child.stdout.on('data', (d) => {
      stdout += String(d);
      if (stdout.includes('Ctrl-C stops')) ok();
    });
    void exited.then((code) => fail(new Error(`exited ${code}: ${stderr}`)));
  });
  return {
    stdout: () => stdout,
    stop: async () => {
      child.kill('SIGINT');
      const code = await exited;
      return { code, stdout, stderr };
    },
  };
}

describe('kube-sim workshop', () => {
  it('prints the QR code and addresses, serves, stops on Ctrl-C with the log saved, and resumes it', async () => {
    const s = await serve(['tulip', '--seed', '3', '--port', '0', '--host', '127.0.0.1', '--session', 'w.json', '--pages', pages]);
    const out = s.stdout();
    expect(out).toMatch(/[▄▀█]{5}/); // the QR code, drawn with block characters
    const join = /Join: (http:\/\/127\.0\.0\.1:(\d+)\/workshop-phone\.html\?code=([A-Z2-9]{6}))\n/.exec(out)!;
    expect(join).not.toBeNull();
    expect(out).toContain(`Join code: ${join[3]}\n`);
    const key = /workshop-projector\.html#key=([0-9a-f]{32})/.exec(out)![1];
    expect(out).toContain("Players' answers decide for their members");
    // A trainer opens a week through the real channel.
    const ws = new WebSocket(`ws://127.0.0.1:${join[2]}/ws`);
    await new Promise((ok) => ws.once('open', ok));
    const opened = new Promise<void>((ok) => ws.on('message', (d) => String(d).includes('"phase":"open"') && ok()));
    ws.send(JSON.stringify({ v: 1, type: 'watch', key }));
    ws.send(JSON.stringify({ v: 1, type: 'open', key, seconds: 60 }));
    await opened;
    ws.close();
    const stopped = await s.stop();
    expect(stopped.code).toBe(0);
    expect(stopped.stdout).toMatch(/Stopped\. Session saved in .*w\.json \(week 1, open\); run the same command to resume/);

    const again = await serve(['tulip', '--port', '0', '--host', '127.0.0.1', '--session', 'w.json', '--pages', pages]);
    expect(again.stdout()).toMatch(/^Resuming .*w\.json: tulip, seed 3, week 1 \(paused\)\n/);
    expect(again.stdout()).toContain(`Join code: ${join[3]}\n`);
    expect(again.stdout()).not.toContain(key);
    expect((await again.stop()).code).toBe(0);
  });

  it('refuses bad input with status 2 and a reason', () => {
    const cases: [string[], RegExp][] = [
      [['workshop', 'tulip', '--port', '70000', '--pages', pages], /--port: got "70000"; allowed: a whole number from 0 to 65535/],
      [['workshop', 'tulip', '--pages', join(dir, 'nope')], /no built workshop pages in .*nope; in a clone of the repository run npm run build first/],
      [['workshop', 'tulip', '--session', 'x.txt', '--pages', pages], /--session: got "x\.txt"; allowed: a path ending in \.json/],
      [['workshop', 'default', '--session', 'w.json', '--pages', pages], /w\.json is a session of "tulip", not "default"/],
      [['workshop', '--seed', '4', '--session', 'w.json', '--pages', pages], /--seed, --set and --roster apply to a new session only/],
      [['workshop', 'no-such-scenario', '--session', 'new.json', '--pages', pages], /no-such-scenario/],
    ];
    for (const [args, why] of cases) {
      const r = runKubeSim(args, dir);
      expect([args.join(' '), r.code]).toEqual([args.join(' '), 2]);
      expect(r.stderr).toMatch(why);
    }
  });
});
