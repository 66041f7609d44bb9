import type { AtlasClient } from "@atlas-privatelink/client";
import type { PollPolicy, Timer } from "./wait.js";

/** What every resource and data source call receives from the configured provider. */
export interface ProviderData {
  readonly client: AtlasClient;
  readonly timer: Timer;
  readonly poll: PollPolicy;
  /** A log line for Terraform's provider log (TF_LOG=info|debug). */
  readonly log: (level: "debug" | "info" | "warn" | "error", message: string) => void;
}

/** hclog-JSON on stderr: Terraform keeps the level of such lines in its log. */
export function stderrLog(level: "debug" | "info" | "warn" | "error", message: string): void {
  process.stderr.write(`${JSON.stringify({ "@level": level, "@message": message, "@module": "provider.mongodbatlas" })}\n`);
}
