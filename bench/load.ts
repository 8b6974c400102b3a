/** Runs autocannon against one server from a separate process and reports what it measured. */
import type { ChildProcess } from 'node:child_process';
import { nextMessage, spawnNode, stopProcess } from './processes.js';

/** What to send: the bodies are cycled through, in order, on every connection. */
export interface LoadOptions {
  url: string;
  path: string;
  token: string;
  bodies: string[];
  connections: number;
  /** Run for this long… */
  durationS?: number;
  /** …or until this many requests have been answered. */
  amount?: number;
}

/** The numbers of one run; latencies in ms as autocannon records them (whole milliseconds). */
export interface LoadResult {
  requests: number;
  ok: number;
  requestsPerS: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  non2xx: number;
  /** Answers by status code. */
  statuses: Record<string, number>;
  errors: number;
  timeouts: number;
  durationS: number;
}

type Reply = { kind: 'result'; result: LoadResult } | { kind: 'failed'; error: string };

const isReply = (message: unknown): message is Reply =>
  ['result', 'failed'].includes((message as Reply | undefined)?.kind ?? '');

/** Spawns `bench/load-process.ts`, hands it the options and waits for its result. */
export async function runLoad(options: LoadOptions, timeoutMs: number): Promise<LoadResult> {
  const child: ChildProcess = spawnNode('bench/load-process.ts', { nodeArgs: ['--import', 'tsx'] });
  try {
    const reply = nextMessage(child, isReply, timeoutMs, 'the load result');
    child.send(options);
    const answer = await reply;
    if (answer.kind === 'failed') throw new Error(`autocannon failed: ${answer.error}`);
    return answer.result;
  } finally {
    await stopProcess(child);
  }
}
