/** The benchmark's side of the local Discord process: start it, call it, close it. */
import type { ChildProcess } from 'node:child_process';
import type { SeededGuild } from '../test/local-discord/index.js';
import type { DiscordAnswer, DiscordCall, DiscordOps, DiscordReady } from './discord-protocol.js';
import { nextMessage, spawnNode, stopProcess } from './processes.js';

const isReady = (message: unknown): message is DiscordReady =>
  (message as DiscordReady | undefined)?.kind === 'ready';

/** A local Discord running in its own process. */
export class DiscordProcess {
  readonly restUrl: string;
  readonly token: string;
  readonly guild: SeededGuild;
  readonly #child: ChildProcess;
  readonly #pending = new Map<number, (answer: DiscordAnswer) => void>();
  #nextId = 1;

  private constructor(child: ChildProcess, ready: DiscordReady) {
    this.#child = child;
    this.restUrl = ready.restUrl;
    this.token = ready.token;
    this.guild = ready.guild;
    child.on('message', (message: DiscordAnswer) => {
      if (message.kind !== 'answer') return;
      this.#pending.get(message.id)?.(message);
      this.#pending.delete(message.id);
    });
  }

  /** Spawns `bench/local-discord-process.ts` and waits until it listens. */
  static async start(options: { rateLimits: boolean }): Promise<DiscordProcess> {
    const child = spawnNode('bench/local-discord-process.ts', {
      nodeArgs: ['--import', 'tsx'],
      args: options.rateLimits ? ['--rate-limits'] : [],
    });
    const ready = await nextMessage(child, isReady, 20_000, 'the local Discord');
    return new DiscordProcess(child, ready);
  }

  /** Calls one operation of the child; rejects when it fails or takes over `timeoutMs`. */
  call<K extends keyof DiscordOps>(
    op: K,
    ...args: Parameters<DiscordOps[K]>
  ): Promise<ReturnType<DiscordOps[K]>> {
    const id = this.#nextId++;
    const call: DiscordCall = { kind: 'call', id, op, args };
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        reject(new Error(`local Discord: ${op} took over 30 s`));
      }, 30_000);
      this.#pending.set(id, (answer) => {
        clearTimeout(timer);
        if (answer.ok) resolve(answer.value as ReturnType<DiscordOps[K]>);
        else reject(new Error(`local Discord: ${op} failed: ${answer.error}`));
      });
      this.#child.send(call);
    });
  }

  async close(): Promise<void> {
    await stopProcess(this.#child);
  }
}
