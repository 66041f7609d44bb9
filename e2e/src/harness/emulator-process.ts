/**
 * The emulator as a user runs it: the `atlas-emulator` CLI in its own process, on a data directory
 * and a fixed port with fixed credentials, so it can be killed (SIGKILL) and started again on the
 * same directory and address while Terraform keeps talking to it.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { dirname, join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

export const EMULATOR_BIN = join(dirname(fileURLToPath(import.meta.resolve("@atlas-privatelink/emulator"))), "..", "bin", "atlas-emulator.js");

export interface CliEmulatorOptions {
  readonly dataDir?: string;
  readonly port: number;
  readonly publicKey: string;
  readonly privateKey: string;
  readonly projectId: string;
  readonly profile?: string;
  readonly args?: readonly string[];
  readonly env?: Record<string, string>;
}

export interface CliReady {
  readonly url: string;
  readonly orgId: string;
  readonly projectId: string;
  readonly publicKey: string;
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
  private constructor(
    readonly child: ChildProcess,
    readonly ready: CliReady,
    /** spawn → ready line. */
    readonly startedMs: number,
    private readonly sink: { text: string },
  ) {}

  get url(): string {
    return this.ready.url;
  }

  /** Everything the process wrote to stderr (its logs). */
  get stderr(): string {
    return this.sink.text;
  }

  static async start(o: CliEmulatorOptions): Promise<CliEmulator> {
    const args = [
      EMULATOR_BIN,
      "--port", String(o.port),
      "--json",
      "--public-key", o.publicKey,
      "--private-key", o.privateKey,
      "--project-id", o.projectId,
      ...(o.dataDir ? ["--data-dir", o.dataDir] : ["--in-memory"]),
      ...(o.profile ? ["--profile", o.profile] : []),
      ...(o.args ?? []),
    ];
    const t0 = performance.now();
    const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, ...o.env } });
    const sink = { text: "" };
    child.stderr!.setEncoding("utf8").on("data", (c: string) => (sink.text += c));
    const ready = await new Promise<CliReady>((resolve, reject) => {
      const lines = createInterface({ input: child.stdout! });
      lines.once("line", (line) => resolve(JSON.parse(line) as CliReady));
      child.once("exit", (code, signal) => reject(new Error(`atlas-emulator exited (${code ?? signal}) before it was ready: ${sink.text.slice(-2000)}`)));
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

  async control<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.url}/_emulator${path}`, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`control ${method} ${path} → ${res.status}: ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }
}
