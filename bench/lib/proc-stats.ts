import { readdirSync, readFileSync } from 'node:fs';

/** Linux reports CPU time in clock ticks; 100 per second on every kernel this runs on. */
const TICKS_PER_SECOND = 100;

/** utime + stime of a process, in seconds (fields 14 and 15 of /proc/<pid>/stat). */
export function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces and parentheses: count fields after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/** Resident memory in MB (VmRSS of /proc/<pid>/status). */
export function rssMb(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** Pids of the Postgres backends serving one database (their title names it). */
export function postgresBackends(database: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (cmdline.startsWith('postgres: ') && cmdline.includes(` ${database} `)) pids.push(Number(entry));
    } catch {
      // gone already
    }
  }
  return pids;
}

/** Busy and total CPU time of the whole machine, in ticks (first line of /proc/stat). */
export function machineTicks(): { busy: number; total: number } {
  const first = readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
  const ticks = first.trim().split(/\s+/).slice(1).map(Number);
  const total = ticks.reduce((a, b) => a + b, 0);
  const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0);
  return { busy: total - idle, total };
}

/**
 * CPU use over an interval, as % of one core (200% = both cores of this machine busy):
 * call start(), then read() at the end.
 */
export class CpuMeter {
  private startedAt = 0;
  private server = 0;
  private self = 0;
  private pg = new Map<number, number>();
  private machine = { busy: 0, total: 0 };

  /** `serverPid`: one server process, or several (a cluster), whose CPU is added up. */
  constructor(
    private readonly serverPid: number | readonly number[],
    private readonly postgresName: string | null,
  ) {}

  private serverCpuSeconds(): number {
    return (typeof this.serverPid === 'number' ? [this.serverPid] : this.serverPid).reduce((sum, pid) => sum + cpuSeconds(pid), 0);
  }

  start(): void {
    this.startedAt = performance.now();
    this.server = this.serverCpuSeconds();
    this.self = cpuSeconds(process.pid);
    this.pg = new Map(this.postgresPids().map((pid) => [pid, cpuSeconds(pid)]));
    this.machine = machineTicks();
  }

  read(): { serverCpuPct: number; postgresCpuPct: number | null; benchCpuPct: number; machineBusyPct: number } {
    const seconds = (performance.now() - this.startedAt) / 1000;
    const pct = (cpu: number) => Math.round((cpu / seconds) * 1000) / 10;
    let pgCpu = 0;
    // A backend that started during the interval counts from zero.
    for (const pid of this.postgresPids()) pgCpu += cpuSeconds(pid) - (this.pg.get(pid) ?? 0);
    const machine = machineTicks();
    return {
      serverCpuPct: pct(this.serverCpuSeconds() - this.server),
      postgresCpuPct: this.postgresName ? pct(pgCpu) : null,
      benchCpuPct: pct(cpuSeconds(process.pid) - this.self),
      machineBusyPct: Math.round(((machine.busy - this.machine.busy) / Math.max(1, machine.total - this.machine.total)) * 1000) / 10,
    };
  }

  private postgresPids(): number[] {
    return this.postgresName ? postgresBackends(this.postgresName) : [];
  }
}

/**
 * The lowest RSS seen while sampling every 250 ms for `ms`: V8 frees garbage only when it
 * collects, so the minimum is closer to what the process really holds than any one reading.
 */
export async function minRssMbOver(pid: number, ms: number): Promise<number> {
  let min = rssMb(pid);
  const until = performance.now() + ms;
  while (performance.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    min = Math.min(min, rssMb(pid));
  }
  return min;
}
