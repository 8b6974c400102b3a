/**
 * A change notifier with bounded waits: the state calls {@link Signal.notify} after every
 * change, and tests wait for a predicate to hold without polling.
 */
export class Signal {
  readonly #waiters = new Set<{ check: () => void; cancel: (reason: Error) => void }>();

  /** Wakes every pending {@link Signal.waitFor}. */
  notify(): void {
    for (const waiter of [...this.#waiters]) waiter.check();
  }

  /** Rejects every pending wait, e.g. because the local Discord closed. */
  cancelAll(reason: string): void {
    for (const waiter of [...this.#waiters]) waiter.cancel(new Error(`local Discord: ${reason}`));
  }

  /**
   * Resolves with the first non-undefined value `probe` returns (checked now and after each
   * change); rejects after `timeoutMs` with an error that names what was awaited.
   */
  waitFor<T>(probe: () => T | undefined, timeoutMs: number, describe: () => string): Promise<T> {
    const first = probe();
    if (first !== undefined) return Promise.resolve(first);

    return new Promise<T>((resolve, reject) => {
      const waiter = {
        check: (): void => {
          const value = probe();
          if (value === undefined) return;
          finish();
          resolve(value);
        },
        cancel: (reason: Error): void => {
          finish();
          reject(reason);
        },
      };
      const timer = setTimeout(() => {
        waiter.cancel(
          new Error(`local Discord: timed out after ${timeoutMs} ms waiting for ${describe()}`),
        );
      }, timeoutMs);
      const finish = (): void => {
        clearTimeout(timer);
        this.#waiters.delete(waiter);
      };
      this.#waiters.add(waiter);
    });
  }
}
