/**
 * Starts the servers the bridge is compared with (`bench/servers/*.ts`). They run as plain
 * JavaScript, like the built bridge: each is transpiled once with TypeScript into
 * `node_modules/.cache/tickety-bridge-bench/`, so no loader thread inflates their memory.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { nextMessage, pidOf, ROOT, spawnNode, stopProcess } from './processes.js';
import { TOKEN } from './scenario.js';

const OUT_DIR = join(ROOT, 'node_modules/.cache/tickety-bridge-bench');

/** A comparison server in its own process. */
export interface ServerProcess {
  child: ChildProcess;
  pid: number;
  url: string;
  stop(): Promise<void>;
}

interface Listening {
  kind: 'listening';
  port: number;
}

const isListening = (message: unknown): message is Listening =>
  (message as Listening | undefined)?.kind === 'listening';

/** Transpiles and starts `bench/servers/<name>.ts`; its stdout goes to /dev/null. */
export async function startComparisonServer(
  name: 'reference' | 'ceiling' | 'hono',
): Promise<ServerProcess> {
  const source = readFileSync(join(ROOT, 'bench/servers', `${name}.ts`), 'utf8');
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  });
  mkdirSync(OUT_DIR, { recursive: true });
  const script = join(OUT_DIR, `${name}.mjs`);
  writeFileSync(script, outputText);

  const child = spawnNode(script, { env: { TICKETY_TOKEN: TOKEN } });
  const { port } = await nextMessage(child, isListening, 15_000, `the ${name} server`);
  return {
    child,
    pid: pidOf(child),
    url: `http://127.0.0.1:${port}`,
    stop: () => stopProcess(child),
  };
}
