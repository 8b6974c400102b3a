/** Turns the sections' measurements into Markdown: printed as it comes, and into BENCHMARKS.md. */
import {
  deliveryVerdicts,
  footprintVerdicts,
  intakeVerdicts,
  meanRate,
  growthAfterFirstPartMb,
  worstP99,
  type Verdict,
} from './goals.js';
import type { LoadResult } from './load.js';
import type { Machine } from './machine.js';
import { MIXED_SETUP } from './scenario.js';
import type { DeliveryReport } from './sections/delivery.js';
import type { FootprintReport } from './sections/footprint.js';
import type { IntakeReport } from './sections/intake.js';
import { mean, num, percentile, ratio, table } from './table.js';

const median = (values: number[]): number => percentile(values, 50);

/** Non-2xx answers over some runs, with their status codes, e.g. `1,200 (429)`. */
function non2xx(runs: readonly LoadResult[]): string {
  const codes = new Map<string, number>();
  for (const run of runs) {
    for (const [code, count] of Object.entries(run.statuses)) {
      if (!code.startsWith('2')) codes.set(code, (codes.get(code) ?? 0) + count);
    }
  }
  const total = [...codes.values()].reduce((sum, count) => sum + count, 0);
  return total === 0 ? '0' : `${num(total)} (${[...codes.keys()].join(', ')})`;
}

/** Section 1 in Markdown. */
export function intakeMarkdown(report: IntakeReport): string {
  const { rounds, durationS, connections } = report.settings;
  const [bridge, reference, ceiling, hono] = report.servers;
  const rows = report.servers.map((server) => [
    server.name,
    num(meanRate(server)),
    server.rounds.map((round) => num(round.requestsPerS)).join(' / '),
    num(median(server.rounds.map((round) => round.p50Ms))),
    num(worstP99(server)),
    non2xx(server.rounds),
    num(server.rounds.reduce((sum, round) => sum + round.errors + round.timeouts, 0)),
    num(server.peakMb),
  ]);
  const ratios =
    bridge && reference && ceiling
      ? `bridge / reference: **${ratio(meanRate(bridge) / meanRate(reference))}**, ` +
        `bridge / ceiling: **${ratio(meanRate(bridge) / meanRate(ceiling))}**` +
        (hono
          ? `; Hono alone / ceiling: ${ratio(meanRate(hono) / meanRate(ceiling))}, ` +
            `bridge / Hono alone: ${ratio(meanRate(bridge) / meanRate(hono))}.`
          : '.')
      : '';
  return [
    '## 1. Taking events in',
    '',
    `autocannon in its own process, ${connections} connections, ${rounds} rounds × ${durationS} s per server, ` +
      'servers in turn (bridge, reference, ceiling, Hono alone, bridge, …) after a short warm-up of each. ' +
      'Hono alone is the framework the bridge is built on, parsing the body and answering, with no goal of its own: ' +
      'it shows how much of the ceiling any Hono app can reach on this machine. Every connection ' +
      "cycles through Tickety's 15 sample events with the token in `Authorization`. The bridge runs " +
      '`node dist/main.js` with its SQLite file in a temp dir, configured with ' +
      `${MIXED_SETUP.join(', ')}; its deliveries go to the local Discord (another process, with Discord's rate limits, as in production) ` +
      'while the load runs.',
    '',
    table(
      [
        'server',
        'req/s (mean)',
        'req/s per round',
        'p50 ms',
        'p99 ms (worst)',
        'non-2xx',
        'errors',
        'peak RSS MB',
      ],
      rows,
    ),
    '',
    ratios,
    `The bridge delivered ${num(report.embedsDelivered)} embeds in the background during the section; ` +
      `it logged ${num(report.bridgeProblems)} warnings or errors.`,
  ].join('\n');
}

/** Section 2 in Markdown. */
export function deliveryMarkdown(report: DeliveryReport): string {
  const row = (name: string, drain: DeliveryReport['oneChannel']): string[] => [
    name,
    num(drain.events),
    num(drain.messages),
    num(drain.embeds / drain.messages, 1),
    num(drain.seconds, 1),
    num(drain.eventsPerS, 1),
    num(drain.rateLimited),
  ];
  const latencies = report.idleLatenciesMs;
  return [
    "## 2. Delivering under Discord's rate limits",
    '',
    'Local Discord with its rate limits on (5 messages / 5 s per channel, 50 requests/s). All events ' +
      'are posted over HTTP as fast as 10 connections allow; the time runs from the first `200` to the ' +
      'arrival of the last embed at the local Discord. One rule `*` per channel; for ten channels, ten ' +
      'servers (guilds) with one channel each, events dealt round-robin.',
    '',
    table(
      ['backlog', 'events', 'messages', 'embeds/message', 'seconds', 'events/s', '429s seen'],
      [row('one channel', report.oneChannel), row('ten channels', report.tenChannels)],
    ),
    '',
    `Idle latency, ${latencies.length} single events ${report.settings.idleSpacingMs} ms apart (the ten ` +
      'channels in turn, so none reaches its limit), from the `200` to the message reaching the local ' +
      "Discord (both clocks are this machine's):",
    '',
    table(
      ['p50 ms', 'p90 ms', 'max ms', 'mean ms'],
      [[50, 90, 100].map((p) => num(percentile(latencies, p))).concat(num(mean(latencies), 1))],
    ),
  ].join('\n');
}

/** Section 3 in Markdown. */
export function footprintMarkdown(report: FootprintReport): string {
  const { samples, load } = report;
  const first = samples[0]?.rssMb ?? NaN;
  const last = samples.at(-1)?.rssMb ?? NaN;
  const trend = samples
    .filter((_, i) => i % 10 === 0 || i === samples.length - 1)
    .map((sample) => `${num(sample.atS)} s: ${num(sample.rssMb)}`)
    .join(' · ');
  const bytesPerEvent = (report.databaseBytes + report.walBytes) / Math.max(1, report.events);
  const deliveries = Object.entries(report.deliveries)
    .map(([status, count]) => `${num(count)} ${status}`)
    .join(', ');
  return [
    '## 3. Staying small',
    '',
    `${num(report.settings.events)} events over HTTP (autocannon, ${report.settings.connections} connections, ` +
      `${num(load.requestsPerS)} req/s, p99 ${num(load.p99Ms)} ms, ${non2xx([load])} non-2xx, ${num(load.errors)} errors), ` +
      'same configuration as section 1, delivered to the local Discord with its rate limits **off** ' +
      '(with them on, two channels would take hours to drain). The load comes in ' +
      `${report.settled.length} equal parts; after each the bridge is left 3 s to its deliveries and its ` +
      '"settled" RSS is read. RSS is also sampled every second from the ready bridge through the load, ' +
      'the drain of the delivery backlog and 3 idle seconds. Flat means that the RSS at the end, after ' +
      'every event was taken in and the backlog delivered for as long as the drain lasted, is within ' +
      'a few MB of the settled reading after the first part: a leak grows with the events handled, ' +
      'while the swing between readings is garbage that V8 has not collected yet.',
    '',
    table(
      [
        'RSS start MB',
        'RSS peak MB (VmHWM)',
        'RSS end MB',
        'settled RSS after each part MB',
        'end − after part 1 MB',
        'load s (with pauses)',
        'drain s',
      ],
      [
        [
          num(first),
          num(report.peakMb),
          num(last),
          report.settled.map((reading) => num(reading.rssMb)).join(' / '),
          num(growthAfterFirstPartMb(report), 1),
          num(report.loadEndS, 1),
          report.drainS === null ? `> ${report.settings.drainTimeoutS}` : num(report.drainS, 1),
        ],
      ],
    ),
    '',
    `RSS every 10 s (MB): ${trend}.`,
    '',
    table(
      ['events stored', 'deliveries', 'database MB', 'WAL MB', 'bytes per event (file + WAL)'],
      [
        [
          num(report.events),
          deliveries,
          num(report.databaseBytes / 1e6, 1),
          num(report.walBytes / 1e6, 1),
          num(bytesPerEvent),
        ],
      ],
    ),
    '',
    table(
      [
        'start-up to /healthz 200',
        'empty database ms',
        `${num(report.events)}-event database ms (each restart)`,
      ],
      [
        [
          'spawn → 200',
          num(report.startupEmptyMs),
          report.startupFullMs.map((ms) => num(ms)).join(' / '),
        ],
      ],
    ),
  ].join('\n');
}

/** The goals, all sections together. */
export function goalsMarkdown(verdicts: readonly Verdict[]): string {
  return table(
    ['goal', 'measured', 'met'],
    verdicts.map((v) => [v.goal, v.measured, v.met ? 'met' : '**not met**']),
  );
}

/** Every verdict for the sections that ran. */
export function allVerdicts(reports: {
  intake?: IntakeReport;
  delivery?: DeliveryReport;
  footprint?: FootprintReport;
}): Verdict[] {
  return [
    ...(reports.intake ? intakeVerdicts(reports.intake) : []),
    ...(reports.delivery ? deliveryVerdicts(reports.delivery) : []),
    ...(reports.footprint ? footprintVerdicts(reports.footprint) : []),
  ];
}

/** The machine in Markdown. */
export function machineMarkdown(machine: Machine, loadAtEnd: number): string {
  return table(
    ['CPU', 'cores', 'RAM', 'Node', 'OS', 'temp dir filesystem', 'load avg start / end'],
    [
      [
        machine.cpu,
        String(machine.cores),
        `${num(machine.ramGb, 1)} GB`,
        machine.node,
        machine.os,
        machine.tempFs,
        `${num(machine.loadAtStart, 2)} / ${num(loadAtEnd, 2)}`,
      ],
    ],
  );
}
