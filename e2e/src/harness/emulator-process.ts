/**
 * The emulator as a user runs it: the `atlas-emulator` CLI in its own process (ready line as
 * JSON). The campaigns run it on a data directory and a fixed port with fixed credentials, so it
 * can be killed (SIGKILL) and started again on the same directory and address while Terraform
 * keeps talking to it; the benchmarks on port 0 with the keys it generates.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { dirname, join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { emulatorControl, type EmulatorControl } from "./emulator-control.js";

export const EMULATOR_BIN = join(dirname(fileURLToPath(import.meta.resolve("@atlas-privatelink/emulator"))), "..", "bin", "atlas-emulator.js");

export interface CliEmulatorOptions {
  /** Default: in memory. */
  readonly dataDir?: string;
  /** Default 0: a free port the emulator picks. */
  readonly port?: number;
  /** The bootstrap API key and project; default: the emulator's (a generated key). */
  readonly publicKey?: string;
  readonly privateKey?: string;
  readonly projectId?: string;
  readonly profile?: string;
  readonly args?: readonly string[];
  readonly env?: Record<string, string>;
  /** What becomes of the process's stderr (its logs): kept for `stderr` (default), or dropped
   * (a benchmark at a log line per request would spend its own time reading them). */
  readonly stderr?: "collect" | "ignore";
}

export interface CliReady {
  readonly url: string;
  readonly orgId: string;
  readonly projectId: string;
  readonly publicKey: string;
  /** The bootstrap key's secret when the emulator has it to print (not on a reopened data dir). */
  readonly privateKey: string | null;
  readonly created: boolean;
}

/** A free loopback port (bound and released; the emulator binds it right after). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const address = s.address();
      const port = typeof address === "object" && address ? address.port : 0;
      s.close(() => resolve(port));
    });
  });
}

export class CliEmulator {
  /** Calls on its control API (`/_emulator/...`). */
  readonly control: EmulatorControl;

  private constructor(
    readonly child: ChildProcess,
    readonly ready: CliReady,
    /** spawn → ready line. */
    readonly startedMs: number,
    private readonly sink: { text: string },
  ) {
    this.control = emulatorControl(ready.url);
  }

  get url(): string {
    return this.ready.url;
  }

  /** Everything the process wrote to stderr (its logs); empty with `stderr: "ignore"`. */
  get stderr(): string {
    return this.sink.text;
  }

  static async start(o: CliEmulatorOptions): Promise<CliEmulator> {
    const args = [
      EMULATOR_BIN,
      "--port", String(o.port ?? 0),
      "--json",
      ...(o.publicKey !== undefined ? ["--public-key", o.publicKey] : []),
      ...(o.privateKey !== undefined ? ["--private-key", o.privateKey] : []),
      ...(o.projectId !== undefined ? ["--project-id", o.projectId] : []),
      ...(o.dataDir ? ["--data-dir", o.dataDir] : ["--in-memory"]),
      ...(o.profile ? ["--profile", o.profile] : []),
      ...(o.args ?? []),
    ];
    const t0 = performance.now();
    const collect = o.stderr !== "ignore";
    const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", collect ? "pipe" : "ignore"], env: { ...process.env, ...o.env } });
    const sink = { text: "" };
    if (collect) child.stderr!.setEncoding("utf8").on("data", (c: string) => (sink.text += c));
    const ready = await new Promise<CliReady>((resolve, reject) => {
      const lines = createInterface({ input: child.stdout! });
      lines.once("line", (line) => resolve(JSON.parse(line) as CliReady));
      child.once("exit", (code, signal) => reject(new Error(`atlas-emulator exited (${code ?? signal}) before it was ready: ${collect ? sink.text.slice(-2000) : "(its stderr was not kept)"}`)));
    });
    return new CliEmulator(child, ready, performance.now() - t0, sink);
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** kill -9: no clean-up, no last write. */
  kill9(): Promise<void> {
    return this.#end("SIGKILL");
  }

  stop(): Promise<void> {
    return this.#end("SIGTERM");
  }

  #end(signal: NodeJS.Signals): Promise<void> {
    return new Promise((resolve) => {
      if (!this.alive) return resolve();
      this.child.once("exit", () => resolve());
      this.child.kill(signal);
    });
  }
}
