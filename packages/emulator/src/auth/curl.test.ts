import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { describe, it } from "node:test";
import { promisify } from "node:util";
import { startEmulator, type RunningEmulator } from "../index.js";

/**
 * curl as an independent Digest client (RFC 7616): MD5, SHA-256, wrong password, and a replayed
 * Authorization header (same nonce and nc) refused.
 */
const run = promisify(execFile);

async function curl(args: string[]): Promise<{ status: number; body: string; stderr: string }> {
  const { stdout, stderr } = await run("curl", ["-sS", "--max-time", "10", "-w", "\n%{http_code}", ...args]);
  const i = stdout.lastIndexOf("\n");
  return { status: Number(stdout.slice(i + 1)), body: stdout.slice(0, i), stderr };
}

async function withEmulator(options: Parameters<typeof startEmulator>[0], fn: (e: RunningEmulator, path: string) => Promise<void>): Promise<void> {
  const emu = await startEmulator({ logger: false, ...options });
  try {
    await fn(emu, `/api/atlas/v2/groups/${emu.bootstrap.projectId}/privateEndpoint/AWS/endpointService`);
  } finally {
    await emu.close();
  }
}

const accept = ["-H", "Accept: application/vnd.atlas.2023-01-01+json"];

describe("curl --digest", () => {
  it("MD5 (what Atlas offers): reads and writes", async () => {
    await withEmulator({}, async (emu, path) => {
      const user = `${emu.bootstrap.publicKey}:${emu.bootstrap.privateKey}`;
      const list = await curl(["--digest", "-u", user, ...accept, `${emu.url}${path}`]);
      assert.equal(list.status, 200, list.stderr);
      assert.equal(list.body, "[]");
      const create = await curl([
        "--digest", "-u", user, ...accept,
        "-H", "Content-Type: application/vnd.atlas.2023-01-01+json",
        "-d", JSON.stringify({ providerName: "AWS", region: "us-east-1" }),
        `${emu.url}/api/atlas/v2/groups/${emu.bootstrap.projectId}/privateEndpoint/endpointService?pretty=true`,
      ]);
      assert.equal(create.status, 201, create.body);
      assert.match(create.body, /"regionName": "US_EAST_1"/);
      const wrong = await curl(["--digest", "-u", `${emu.bootstrap.publicKey}:wrong`, ...accept, `${emu.url}${path}`]);
      assert.equal(wrong.status, 401);
    });
  });

  it("SHA-256 (RFC 7616), when the emulator offers only SHA-256", async () => {
    await withEmulator({ digestAlgorithms: ["SHA-256"] }, async (emu, path) => {
      const res = await curl(["-v", "--digest", "-u", `${emu.bootstrap.publicKey}:${emu.bootstrap.privateKey}`, ...accept, `${emu.url}${path}`]);
      assert.equal(res.status, 200, res.stderr);
      assert.match(res.stderr, /Authorization: Digest .*algorithm=SHA-256/);
    });
  });

  it("a replayed Authorization header is refused (stale=true)", async () => {
    await withEmulator({}, async (emu, path) => {
      const first = await curl(["-v", "--digest", "-u", `${emu.bootstrap.publicKey}:${emu.bootstrap.privateKey}`, ...accept, `${emu.url}${path}`]);
      assert.equal(first.status, 200);
      const header = /> (Authorization: Digest [^\r\n]+)/.exec(first.stderr)?.[1];
      assert.ok(header, "curl printed the header it sent");
      const replay = await curl(["-i", "-H", header, ...accept, `${emu.url}${path}`]);
      assert.equal(replay.status, 401);
      assert.match(replay.body, /WWW-Authenticate: Digest .*stale=true/i);
    });
  });
});
