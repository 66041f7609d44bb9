import { cpus, totalmem } from "node:os";
import { terraformVersion } from "./terraform.js";

/** The machine a campaign or a benchmark ran on, for docs/reliability.md and docs/benchmarks.md. */
export function machineSummaryLine(): string {
  const cpu = cpus()[0]?.model ?? "unknown cpu";
  let terraform: string;
  try {
    terraform = `terraform ${terraformVersion()}`;
  } catch {
    terraform = "no terraform"; // the emulator-only campaigns and benchmarks run without it
  }
  return `machine: ${cpus().length} × ${cpu}, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}, ${process.platform}/${process.arch}, ${terraform}`;
}
