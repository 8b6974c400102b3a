/** What the benchmark ran on, for the report. */
import { readFileSync } from 'node:fs';
import os from 'node:os';

/** The machine, as the report describes it. */
export interface Machine {
  cpu: string;
  cores: number;
  ramGb: number;
  node: string;
  os: string;
  /** Filesystem type and device of the temp dir, where the SQLite files live. */
  tempFs: string;
  /** 1-minute load average when the benchmark started: anything near the core count means noise. */
  loadAtStart: number;
}

/** Describes this machine. */
export function describeMachine(tempDir: string): Machine {
  return {
    cpu: os.cpus()[0]?.model.trim() ?? 'unknown',
    cores: os.cpus().length,
    ramGb: os.totalmem() / 1024 ** 3,
    node: process.version,
    os: `${os.type()} ${os.release()}`,
    tempFs: filesystemOf(tempDir),
    loadAtStart: os.loadavg()[0] ?? NaN,
  };
}

/** The 1-minute load average now. */
export function loadNow(): number {
  return os.loadavg()[0] ?? NaN;
}

function filesystemOf(path: string): string {
  try {
    const mounts = readFileSync('/proc/mounts', 'utf8')
      .split('\n')
      .map((line) => line.split(' '))
      .filter((fields) => fields.length > 2 && path.startsWith(fields[1]!));
    const best = mounts.sort((a, b) => b[1]!.length - a[1]!.length)[0];
    return best ? `${best[2]} (${best[0]} on ${best[1]})` : 'unknown';
  } catch {
    return 'unknown';
  }
}
