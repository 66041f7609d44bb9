import { cpus, totalmem } from "node:os";
import { terraformVersion } from "../harness/terraform.js";

/** The machine a campaign ran on, for docs/reliability.md. */
export function machineSummaryLine(): string {
  const cpu = cpus()[0]?.model ?? "unknown cpu";
  return `machine: ${cpus().length} × ${cpu}, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}, ${process.platform}/${process.arch}, terraform ${terraformVersion()}`;
}
