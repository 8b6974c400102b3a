/**
 * Section 1, taking events in: the bridge, the reference receiver, the bare ceiling and, for
 * scale, Hono with nothing behind it, each in its own process, loaded in turn (A B C D A B C D …)
 * with the same mixed stream of the 15 samples.
 */
import { join } from 'node:path';
import { startBridgeProcess } from '../bridge-process.js';
import { startComparisonServer } from '../comparison-servers.js';
import { DiscordProcess } from '../discord-process.js';
import { runLoad, type LoadResult } from '../load.js';
import { readMemory } from '../memory.js';
import { configureMixed, eventBodies, TOKEN } from '../scenario.js';

/** How section 1 runs. */
export interface IntakeSettings {
  rounds: number;
  durationS: number;
  warmupS: number;
  connections: number;
  workDir: string;
  /** Node flags for the bridge, e.g. to write a CPU profile. */
  bridgeNodeArgs: string[];
}

/** One server's results over all rounds. */
export interface IntakeServerResult {
  name: string;
  rounds: LoadResult[];
  /** High-water mark of the server process's RSS over the whole section, MiB. */
  peakMb: number;
}

/** What section 1 measured. */
export interface IntakeReport {
  settings: IntakeSettings;
  servers: IntakeServerResult[];
  /** Embeds the local Discord received from the bridge during the section (background work). */
  embedsDelivered: number;
  bridgeProblems: number;
}

/** Runs section 1. */
export async function measureIntake(settings: IntakeSettings): Promise<IntakeReport> {
  const discord = await DiscordProcess.start({ rateLimits: true });
  const bridge = await startBridgeProcess({
    discord,
    databasePath: join(settings.workDir, 'intake.sqlite'),
    nodeArgs: settings.bridgeNodeArgs,
  });
  const channels = await configureMixed(discord);
  const reference = await startComparisonServer('reference');
  const ceiling = await startComparisonServer('ceiling');
  const hono = await startComparisonServer('hono');

  const bodies = eventBodies(discord.guild.users.newcomer);
  const targets = [
    { name: 'bridge', url: bridge.url, pid: bridge.pid },
    { name: 'reference (Express)', url: reference.url, pid: reference.pid },
    { name: 'ceiling (node:http)', url: ceiling.url, pid: ceiling.pid },
    { name: 'Hono alone (no goal)', url: hono.url, pid: hono.pid },
  ];
  const load = (url: string, durationS: number): Promise<LoadResult> =>
    runLoad(
      {
        url,
        path: `/tickety/${discord.guild.id}`,
        token: TOKEN,
        bodies,
        connections: settings.connections,
        durationS,
      },
      (durationS + 30) * 1000,
    );

  try {
    for (const target of targets) await load(target.url, settings.warmupS);

    const rounds = new Map<string, LoadResult[]>(targets.map((t) => [t.name, []]));
    for (let round = 1; round <= settings.rounds; round++) {
      for (const target of targets) {
        const result = await load(target.url, settings.durationS);
        rounds.get(target.name)!.push(result);
        console.log(
          `  round ${round} ${target.name.padEnd(20)} ${Math.round(result.requestsPerS)} req/s, ` +
            `p99 ${result.p99Ms} ms, non-2xx ${result.non2xx}, errors ${result.errors}`,
        );
      }
    }

    const tally = await discord.call('tally', channels);
    return {
      settings,
      servers: targets.map((target) => ({
        name: target.name,
        rounds: rounds.get(target.name)!,
        peakMb: readMemory(target.pid)?.peakMb ?? NaN,
      })),
      embedsDelivered: tally.embeds,
      bridgeProblems: bridge.problems().length,
    };
  } finally {
    await Promise.all([bridge.stop(), reference.stop(), ceiling.stop(), hono.stop()]);
    await discord.close();
  }
}
