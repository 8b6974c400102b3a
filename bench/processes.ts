/** Starting and stopping the benchmark's child processes, each with a bounded wait. */
import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

/** The repository root, the working directory of every child. */
export const ROOT = fileURLToPath(new URL('../', import.meta.url));

/** Options of {@link spawnNode}. */
export interface SpawnOptions {
  /** Node flags before the script, e.g. `--import tsx` or `--cpu-prof`. */
  nodeArgs?: string[];
  args?: string[];
  env?: Record<string, string>;
  stdio?: StdioOptions;
}

const running = new Set<ChildProcess>();
// Whatever happens to the benchmark, no server it started outlives it.
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** Runs a script with this Node binary from the repository root; killed when the benchmark exits. */
export function spawnNode(script: string, options: SpawnOptions = {}): ChildProcess {
  const child = spawn(
    process.execPath,
    [...(options.nodeArgs ?? []), script, ...(options.args ?? [])],
    {
      cwd: ROOT,
      env: { ...process.env, ...options.env },
      stdio: options.stdio ?? ['ignore', 'ignore', 'inherit', 'ipc'],
    },
  );
  running.add(child);
  child.once('exit', () => running.delete(child));
  return child;
}

/** The child's process id; throws when it could not be started. */
export function pidOf(child: ChildProcess): number {
  if (child.pid === undefined) throw new Error('child process did not start');
  return child.pid;
}

/** Resolves with the first IPC message that `accept` recognises; rejects on exit or timeout. */
export function nextMessage<T>(
  child: ChildProcess,
  accept: (message: unknown) => message is T,
  timeoutMs: number,
  what: string,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => finish(new Error(`no ${what} within ${timeoutMs} ms`)),
      timeoutMs,
    );
    const onMessage = (message: unknown): void => {
      if (accept(message)) finish(undefined, message);
    };
    const onExit = (code: number | null): void =>
      finish(new Error(`process exited (${code}) before ${what}`));
    const finish = (error?: Error, value?: T): void => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      if (error) reject(error);
      else resolve(value as T);
    };
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

/** Sends SIGTERM, then SIGKILL after `graceMs`, and waits until the process is gone. */
export async function stopProcess(child: ChildProcess, graceMs = 5000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

/** Polls `probe` every `intervalMs` until it returns a value; throws after `timeoutMs`. */
export async function pollUntil<T>(
  probe: () => Promise<T | undefined> | T | undefined,
  timeoutMs: number,
  intervalMs: number,
  what: string,
): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    const value = await probe();
    if (value !== undefined) return value;
    await sleep(intervalMs);
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

/** Resolves after `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
