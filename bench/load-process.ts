/**
 * The load generator, in a process of its own so that it never shares an event loop with the
 * server it measures. Takes one {@link LoadOptions} over IPC, runs autocannon, answers with a
 * {@link LoadResult} and exits. Started by `bench/load.ts`.
 */
import autocannon from 'autocannon';
import type { LoadOptions, LoadResult } from './load.js';

process.once('message', (options: LoadOptions) => {
  const headers = { 'content-type': 'application/json', authorization: options.token };
  const instance = autocannon(
    {
      url: options.url,
      connections: options.connections,
      ...(options.amount === undefined
        ? { duration: options.durationS }
        : { amount: options.amount }),
      requests: options.bodies.map((body) => ({
        method: 'POST',
        path: options.path,
        headers,
        body,
      })),
    },
    (error, result) => {
      if (error) {
        process.send?.({ kind: 'failed', error: String(error) });
        return;
      }
      const answer: LoadResult = {
        requests: result.requests.total,
        ok: result['2xx'],
        requestsPerS: result.requests.total / result.duration,
        p50Ms: result.latency.p50,
        p99Ms: result.latency.p99,
        maxMs: result.latency.max,
        non2xx: result.non2xx,
        statuses: Object.fromEntries(
          Object.entries(result.statusCodeStats ?? {}).map(([code, stat]) => [
            code,
            stat.count ?? 0,
          ]),
        ),
        errors: result.errors,
        timeouts: result.timeouts,
        durationS: result.duration,
      };
      process.send?.({ kind: 'result', result: answer }, () => process.exit(0));
    },
  );
  process.once('disconnect', () => instance.stop());
});
