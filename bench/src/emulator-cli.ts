/**
 * The emulator CLI as a benchmark drives it: a child process (ready line as JSON), plain
 * node:http requests over a keep-alive agent, and a Digest client that reuses its nonce.
 * Shared by emulator.bench.ts (P4) and scale.bench.ts (P5).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { Agent, request } from "node:http";
import { dirname, join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

export const BIN = join(dirname(fileURLToPath(import.meta.resolve("@atlas-privatelink/emulator"))), "..", "bin", "atlas-emulator.js");
export const ACCEPT = "application/vnd.atlas.2023-01-01+json";

export interface Ready {
  url: string;
  projectId: string;
  publicKey: string;
  privateKey: string | null;
}

export function startEmulator(args: string[]): Promise<{ child: ChildProcess; ready: Ready; startedMs: number }> {
  const t0 = performance.now();
  const child = spawn(process.execPath, [BIN, "--port", "0", "--json", ...args], { stdio: ["ignore", "pipe", "ignore"] });
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).once("line", (line) => resolve({ child, ready: JSON.parse(line) as Ready, startedMs: performance.now() - t0 }));
    child.once("exit", (code) => reject(new Error(`emulator exited with ${code}`)));
  });
}

export function stop(child: ChildProcess, signal: NodeJS.Signals = "SIGTERM"): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill(signal);
  });
}

export interface Res {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export function send(agent: Agent, url: string, method: string, path: string, headers: Record<string, string>, body?: string): Promise<Res> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ agent, host: u.hostname, port: u.port, method, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    });
    req.on("error", reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

/** A Digest client (MD5, qop=auth) that reuses its nonce with an increasing nc, as real clients do. */
export class Digest {
  #nonce = "";
  #nc = 0;
  readonly #ha1: string;
  constructor(
    private readonly publicKey: string,
    privateKey: string,
  ) {
    this.#ha1 = md5(`${publicKey}:MMS Public API:${privateKey}`);
  }
  /** The next `n` Authorization headers for one request, computed ahead of a timed round so the
   * load generator's own hashing does not count against the server (each is used once). */
  prepare(method: string, path: string, n: number): string[] {
    const out: string[] = [];
    for (let i = 0; i < n; i++) out.push(this.header(method, path)!);
    return out;
  }
  header(method: string, path: string): string | undefined {
    if (this.#nonce === "") return undefined;
    const nc = (++this.#nc).toString(16).padStart(8, "0");
    const cnonce = randomBytes(8).toString("hex");
    const response = md5(`${this.#ha1}:${this.#nonce}:${nc}:${cnonce}:auth:${md5(`${method}:${path}`)}`);
    return `Digest username="${this.publicKey}", realm="MMS Public API", nonce="${this.#nonce}", uri="${path}", algorithm=MD5, qop=auth, nc=${nc}, cnonce="${cnonce}", response="${response}"`;
  }
  absorb(res: Res): boolean {
    const challenge = [res.headers["www-authenticate"]].flat().find((c) => c?.includes("algorithm=MD5"));
    const nonce = challenge ? /nonce="([^"]+)"/.exec(challenge)?.[1] : undefined;
    if (!nonce) return false;
    this.#nonce = nonce;
    this.#nc = 0;
    return true;
  }
  async call(agent: Agent, url: string, method: string, path: string, body?: unknown): Promise<Res> {
    for (let attempt = 0; ; attempt++) {
      const headers: Record<string, string> = { Accept: ACCEPT };
      const auth = this.header(method, path);
      if (auth) headers["Authorization"] = auth;
      if (body !== undefined) headers["Content-Type"] = ACCEPT;
      const res = await send(agent, url, method, path, headers, body === undefined ? undefined : JSON.stringify(body));
      if (res.status === 401 && attempt < 2 && this.absorb(res)) continue;
      return res;
    }
  }
}

export function md5(s: string): string {
  return createHash("md5").update(s).digest("hex");
}

export interface Health {
  counts: { privateEndpoints: number; endpointServices: number; pendingTransitions: number };
  memory: { rssBytes: number };
}

export async function health(agent: Agent, url: string): Promise<Health> {
  return JSON.parse((await send(agent, url, "GET", "/_emulator/health", {})).body) as Health;
}

/** Paths of `n` endpoints spread over every service of every project, found through the Atlas
 * API (project list, then each provider's bare-array service list). */
export async function someEndpointPaths(agent: Agent, url: string, digest: Digest, n: number): Promise<string[]> {
  const groups = JSON.parse((await digest.call(agent, url, "GET", "/api/atlas/v2/groups?itemsPerPage=500")).body) as { results: { id: string }[] };
  const all: string[] = [];
  for (const { id: groupId } of groups.results) {
    for (const provider of ["AWS", "AZURE", "GCP"]) {
      const list = JSON.parse((await digest.call(agent, url, "GET", `/api/atlas/v2/groups/${groupId}/privateEndpoint/${provider}/endpointService`)).body) as {
        id: string;
        interfaceEndpoints?: string[];
        privateEndpoints?: string[];
        endpointGroupNames?: string[];
      }[];
      for (const s of list) {
        for (const e of s.interfaceEndpoints ?? s.privateEndpoints ?? s.endpointGroupNames ?? []) {
          all.push(`/api/atlas/v2/groups/${groupId}/privateEndpoint/${provider}/endpointService/${s.id}/endpoint/${encodeURIComponent(e)}`);
        }
      }
    }
  }
  const step = Math.max(1, Math.floor(all.length / n));
  return all.filter((_, i) => i % step === 0).slice(0, n);
}

