/** The goals the benchmark checks, each with what was measured and whether it was met. */
import type { DeliveryReport } from './sections/delivery.js';
import type { FootprintReport } from './sections/footprint.js';
import type { IntakeReport, IntakeServerResult } from './sections/intake.js';
import { mean, num, percentile, ratio } from './table.js';

/** One goal's verdict. */
export interface Verdict {
  goal: string;
  measured: string;
  met: boolean;
}

/**
 * RSS may end less than this above its settled reading after the first part of the load to count
 * as flat. The first part is the baseline because V8 and SQLite size their heaps and caches then;
 * the end, after the whole load and the delivery that follows, is where a leak would show most.
 */
export const FLAT_MB = 5;

/** Mean requests/s over the rounds of one server. */
export const meanRate = (server: IntakeServerResult): number =>
  mean(server.rounds.map((round) => round.requestsPerS));

/** The worst p99 over the rounds of one server. */
export const worstP99 = (server: IntakeServerResult): number =>
  Math.max(...server.rounds.map((round) => round.p99Ms));

/** RSS at the end of the section minus the settled RSS after the first part of the load, MiB. */
export function growthAfterFirstPartMb(report: FootprintReport): number {
  const first = report.settled[0]?.rssMb ?? NaN;
  const end = report.samples.at(-1)?.rssMb ?? NaN;
  return end - first;
}

/** Section 1's goals. */
export function intakeVerdicts(report: IntakeReport): Verdict[] {
  const [bridge, reference, ceiling] = report.servers;
  if (!bridge || !reference || !ceiling) return [];
  const toReference = meanRate(bridge) / meanRate(reference);
  const toCeiling = meanRate(bridge) / meanRate(ceiling);
  const failures = bridge.rounds.reduce((sum, round) => sum + round.non2xx + round.errors, 0);
  return [
    {
      goal: 'bridge ≥ 1.5× reference (req/s)',
      measured: ratio(toReference),
      met: toReference >= 1.5,
    },
    { goal: 'bridge ≥ 0.5× ceiling (req/s)', measured: ratio(toCeiling), met: toCeiling >= 0.5 },
    {
      goal: 'bridge p99 < 20 ms (worst round)',
      measured: `${num(worstP99(bridge))} ms`,
      met: worstP99(bridge) < 20,
    },
    { goal: 'no non-2xx, no errors', measured: num(failures), met: failures === 0 },
  ];
}

/** Section 2's goals. */
export function deliveryVerdicts(report: DeliveryReport): Verdict[] {
  const p50 = percentile(report.idleLatenciesMs, 50);
  return [
    {
      goal: `${report.oneChannel.events} events, 1 channel: ≥ 8 events/s`,
      measured: `${num(report.oneChannel.eventsPerS, 1)} events/s`,
      met: report.oneChannel.eventsPerS >= 8,
    },
    {
      goal: `${report.tenChannels.events} events, 10 channels: ≥ 80 events/s`,
      measured: `${num(report.tenChannels.eventsPerS, 1)} events/s`,
      met: report.tenChannels.eventsPerS >= 80,
    },
    { goal: 'idle latency p50 < 25 ms', measured: `${num(p50)} ms`, met: p50 < 25 },
  ];
}

/** Section 3's goals. */
export function footprintVerdicts(report: FootprintReport): Verdict[] {
  const growth = growthAfterFirstPartMb(report);
  return [
    {
      goal: 'peak RSS < 150 MB',
      measured: `${num(report.peakMb)} MB`,
      met: report.peakMb < 150,
    },
    {
      goal: `RSS flat (end of run − settled after part 1 of the load < ${FLAT_MB} MB)`,
      measured: `${growth >= 0 ? '+' : ''}${num(growth, 1)} MB`,
      met: growth < FLAT_MB,
    },
  ];
}
