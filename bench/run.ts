/**
 * `npm run bench`: builds the bridge, runs the three sections (taking events in, delivering under
 * Discord's rate limits, staying small), prints each as a Markdown table and rewrites
 * BENCHMARKS.md. Not a test: CI does not run it. Everything stays on 127.0.0.1.
 *
 * Options: `--quick` (a short smoke run; BENCHMARKS.md untouched), `--only=intake,delivery,footprint`,
 * `--cpu-prof` (profile the bridge during section 1, into `bench-profiles/`), `--no-build`.
 * `BENCH_BRIDGE_DIR=/path` benchmarks the build in another checkout (for before/after runs).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { bridgeDir } from './bridge-process.js';
import { describeMachine, loadNow } from './machine.js';
import { ROOT } from './processes.js';
import * as report from './report.js';
import { measureDelivery, type DeliveryReport } from './sections/delivery.js';
import { measureFootprint, type FootprintReport } from './sections/footprint.js';
import { measureIntake, type IntakeReport } from './sections/intake.js';

const { values: flags } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string', default: 'intake,delivery,footprint' },
    'cpu-prof': { type: 'boolean', default: false },
    'no-build': { type: 'boolean', default: false },
  },
});
const only = new Set(flags.only.split(','));
const quick = flags.quick;
process.once('SIGINT', () => process.exit(130));
process.once('SIGTERM', () => process.exit(143));

const started = performance.now();
const workDir = mkdtempSync(join(tmpdir(), 'tickety-bench-'));
const machine = describeMachine(workDir);
const elapsed = (): string => `${((performance.now() - started) / 1000).toFixed(0)} s`;
const section = (markdown: string): void => console.log(`\n${markdown}\n\n(${elapsed()} so far)`);

console.log(
  `Tickety bridge benchmark: ${machine.cpu}, ${machine.cores} cores, Node ${machine.node}`,
);
if (machine.loadAtStart > 0.5) {
  console.log(
    `Warning: load average is ${machine.loadAtStart.toFixed(2)}; other work will skew the numbers.`,
  );
}
if (!flags['no-build'] && bridgeDir() === ROOT) {
  console.log('Building (npm run build)…');
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });
}

const reports: { intake?: IntakeReport; delivery?: DeliveryReport; footprint?: FootprintReport } =
  {};
try {
  if (only.has('intake')) {
    console.log('\n1. Taking events in…');
    reports.intake = await measureIntake({
      rounds: quick ? 1 : 3,
      durationS: quick ? 3 : 10,
      warmupS: quick ? 1 : 3,
      connections: 50,
      workDir,
      bridgeNodeArgs: flags['cpu-prof']
        ? ['--cpu-prof', `--cpu-prof-dir=${join(ROOT, 'bench-profiles')}`]
        : [],
    });
    section(report.intakeMarkdown(reports.intake));
  }
  if (only.has('delivery')) {
    console.log('\n2. Delivering under rate limits…');
    reports.delivery = await measureDelivery({
      oneChannelEvents: quick ? 100 : 500,
      tenChannelEvents: quick ? 200 : 1000,
      idleEvents: quick ? 10 : 50,
      idleSpacingMs: 150,
      workDir,
    });
    section(report.deliveryMarkdown(reports.delivery));
  }
  if (only.has('footprint')) {
    console.log('\n3. Staying small…');
    reports.footprint = await measureFootprint({
      events: quick ? 10_000 : 100_000,
      connections: 50,
      drainTimeoutS: quick ? 60 : 150,
      restarts: 3,
      workDir,
    });
    section(report.footprintMarkdown(reports.footprint));
  }
} finally {
  if (!process.env.BENCH_KEEP) rmSync(workDir, { recursive: true, force: true });
}

const verdicts = report.allVerdicts(reports);
console.log(`\nGoals\n\n${report.goalsMarkdown(verdicts)}\n\nTotal time: ${elapsed()}.`);

const complete = !quick && only.size === 3 && bridgeDir() === ROOT;
if (complete) {
  const markdown = [
    '# Benchmarks',
    '',
    `Written by \`npm run bench\` (\`bench/run.ts\`) on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC; ` +
      `the run took ${elapsed()}. Numbers from one run on a shared 2-core machine: compare ratios ` +
      'and orders of magnitude, not the last digit.',
    '',
    '## Machine',
    '',
    report.machineMarkdown(machine, loadNow()),
    '',
    '## Commands',
    '',
    '```sh',
    'npm install',
    'npm run bench            # builds (npm run build), runs all three sections, rewrites this file',
    'npm run bench -- --quick # a short smoke run that leaves this file alone',
    'npm run bench -- --only=delivery --cpu-prof  # one section; --cpu-prof profiles the bridge in section 1',
    '```',
    '',
    '## Goals',
    '',
    report.goalsMarkdown(verdicts),
    '',
    ...[reports.intake && report.intakeMarkdown(reports.intake)]
      .concat(reports.delivery && report.deliveryMarkdown(reports.delivery))
      .concat(reports.footprint && report.footprintMarkdown(reports.footprint))
      .flatMap((text) => (text ? [text, ''] : [])),
    '## Reading the numbers',
    '',
    '- Every server, the local Discord and the load generator are separate processes sharing the same ' +
      'two cores, so the load generator takes one core from whichever server it measures, alike for all three.',
    '- autocannon records latency in whole milliseconds.',
    "- Peak RSS is the kernel's high-water mark (VmHWM) of the server process over its whole section.",
    "- Where a goal is not met, the README's Performance section says why.",
    '',
  ].join('\n');
  writeFileSync(join(ROOT, 'BENCHMARKS.md'), markdown);
  console.log('Wrote BENCHMARKS.md.');
}
