/** Posting events to the bridge from the benchmark's own process, for the delivery timings. */

/** One event to post: which server it belongs to, and its body. */
export interface Outgoing {
  guildId: string;
  body: string;
}

/** POSTs one event the way Tickety does; resolves with the status once the answer arrived. */
export async function postEvent(url: string, token: string, event: Outgoing): Promise<number> {
  const response = await fetch(`${url}/tickety/${event.guildId}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: token },
    body: event.body,
  });
  await response.arrayBuffer();
  return response.status;
}

/** When the first and the last `200` arrived (ms since the epoch), and how many were not 200. */
export interface PostSummary {
  firstOkAt: number;
  lastOkAt: number;
  failed: number;
}

/** Posts every event as fast as `concurrency` connections allow. */
export async function postAll(
  url: string,
  token: string,
  events: readonly Outgoing[],
  concurrency: number,
): Promise<PostSummary> {
  let next = 0;
  let firstOkAt = Infinity;
  let lastOkAt = 0;
  let failed = 0;

  const worker = async (): Promise<void> => {
    while (next < events.length) {
      const event = events[next++]!;
      const status = await postEvent(url, token, event);
      const now = Date.now();
      if (status !== 200) {
        failed += 1;
        continue;
      }
      firstOkAt = Math.min(firstOkAt, now);
      lastOkAt = Math.max(lastOkAt, now);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { firstOkAt, lastOkAt, failed };
}
