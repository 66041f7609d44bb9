/**
 * Raw requests to the emulator CLI as a benchmark sends them: plain node:http over a keep-alive
 * agent, signed by the e2e harness's DigestSigner (which reuses its nonce). The emulator process
 * itself is the harness's CliEmulator. Shared by emulator.bench.ts (P4) and scale.bench.ts (P5).
 */
import { Agent, request } from "node:http";
import type { DigestSigner } from "@atlas-privatelink/e2e/harness/digest.js";

export const ACCEPT = "application/vnd.atlas.2023-01-01+json";

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

/** One Atlas API request signed by `signer`; a 401 challenge (a first request, a stale nonce) is
 * absorbed and the request sent again. */
export async function digestCall(signer: DigestSigner, agent: Agent, url: string, method: string, path: string, body?: unknown): Promise<Res> {
  for (let attempt = 0; ; attempt++) {
    const headers: Record<string, string> = { Accept: ACCEPT };
    if (signer.ready) headers["Authorization"] = signer.header(method, path);
    if (body !== undefined) headers["Content-Type"] = ACCEPT;
    const res = await send(agent, url, method, path, headers, body === undefined ? undefined : JSON.stringify(body));
    if (res.status === 401 && attempt < 2 && signer.absorb(res.headers["www-authenticate"])) continue;
    return res;
  }
}

export interface Health {
  counts: { privateEndpoints: number; endpointServices: number; pendingTransitions: number };
  memory: { rssBytes: number };
}

export async function health(agent: Agent, url: string): Promise<Health> {
  return JSON.parse((await send(agent, url, "GET", "/_emulator/health", {})).body) as Health;
}
