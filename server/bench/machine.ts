import os from "node:os";

/** One line naming the machine, printed above every benchmark's figures. */
export function machineLine(): string {
  const cpu = os.cpus()[0]?.model ?? "unknown cpu";
  const gib = (os.totalmem() / 2 ** 30).toFixed(1);
  return `machine: ${os.cpus().length} × ${cpu}, ${gib} GiB, node ${process.version}, ${os.platform()} ${os.release()}`;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, i)] as number;
}
