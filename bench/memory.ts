/** Resident memory of another process, read from `/proc/<pid>/status` (Linux only). */
import { readFileSync } from 'node:fs';

const MB = 1024 * 1024;

/** Resident set size now and its high-water mark, in MiB. */
export interface MemoryReading {
  rssMb: number;
  peakMb: number;
}

/** Reads VmRSS and VmHWM of a process; undefined once the process is gone. */
export function readMemory(pid: number): MemoryReading | undefined {
  let status: string;
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return undefined;
  }
  const kib = (field: string): number =>
    Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMb: (kib('VmRSS') * 1024) / MB, peakMb: (kib('VmHWM') * 1024) / MB };
}

/** One sample of {@link MemorySampler}: seconds since sampling began, and the RSS then. */
export interface MemorySample {
  atS: number;
  rssMb: number;
}

/** Samples a process's RSS at a fixed interval until stopped. */
export class MemorySampler {
  readonly samples: MemorySample[] = [];
  readonly #pid: number;
  readonly #started = performance.now();
  readonly #timer: NodeJS.Timeout;

  constructor(pid: number, intervalMs = 1000) {
    this.#pid = pid;
    this.#sample();
    this.#timer = setInterval(() => this.#sample(), intervalMs);
  }

  /** Takes a last sample and stops. */
  stop(): MemorySample[] {
    clearInterval(this.#timer);
    this.#sample();
    return this.samples;
  }

  #sample(): void {
    const reading = readMemory(this.#pid);
    if (!reading) return;
    this.samples.push({ atS: (performance.now() - this.#started) / 1000, rssMb: reading.rssMb });
  }
}
