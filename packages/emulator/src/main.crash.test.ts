import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { AtlasTestClient, fetchTransport, obj } from "./testing/client.js";

/**
 * The CLI, killed with SIGKILL in the middle of its work, loses nothing it acknowledged: every
 * object answered with 2xx is there after a restart on the same data directory, in the same
 * state, and pending lifecycle steps carry on.
 */
const BIN = fileURLToPath(new URL("../bin/atlas-emulator.js", import.meta.url));

interface Ready {
  url: string;
  orgId: string;
  projectId: string;
  publicKey: string;
  privateKey: string | null;
  created: boolean;
}

function start(args: string[]): Promise<{ child: ChildProcess; ready: Ready }> {
  const child = spawn(process.execPath, [BIN, "--port", "0", "--json", "--log-level", "warn", ...args], { stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr!.on("data", (d) => (stderr += String(d)));
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once("line", (line) => resolve({ child, ready: JSON.parse(line) as Ready }));
    child.once("exit", (code) => reject(new Error(`atlas-emulator exited (${code}): ${stderr}`)));
  });
}

function killed(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGKILL");
  });
}

describe("crash safety (kill -9)", () => {
  it("keeps every acknowledged object and resumes pending steps", async () => {
    const dir = mkdtempSync(join(tmpdir(), "emulator-crash-"));
    try {
      const first = await start(["--data-dir", dir, "--profile", "realistic"]);
      assert.equal(first.ready.created, true);
      const creds = { publicKey: first.ready.publicKey, privateKey: first.ready.privateKey! };
      const c1 = new AtlasTestClient(fetchTransport(first.ready.url), creds);
      const pe = `/api/atlas/v2/groups/${first.ready.projectId}/privateEndpoint`;
      const acknowledged: string[] = [];
      for (const [provider, region] of [["AWS", "us-east-1"], ["AZURE", "eastus2"], ["GCP", "us-east4"], ["AWS", "eu-west-1"]] as const) {
        const res = await c1.post(`${pe}/endpointService`, { providerName: provider, region });
        assert.equal(res.status, 201);
        acknowledged.push(`${provider}/${obj(res)["id"]}`);
      }
      await c1.patch(`${pe}/regionalMode`, { enabled: true });
      const control = new AtlasTestClient(fetchTransport(first.ready.url), null);
      const project = obj(await control.post("/_emulator/projects", { name: "made before the crash" }));
      await killed(first.child);

      const second = await start(["--data-dir", dir]);
      assert.equal(second.ready.created, false);
      assert.equal(second.ready.privateKey, null, "the private key is not printed again");
      assert.equal(second.ready.projectId, first.ready.projectId);
      const c2 = new AtlasTestClient(fetchTransport(second.ready.url), creds);
      for (const ref of acknowledged) {
        const [provider, id] = ref.split("/") as [string, string];
        const res = await c2.get(`${pe}/${provider}/endpointService/${id}`);
        assert.equal(res.status, 200, ref);
        assert.equal(obj(res)["status"], "INITIATING", "the realistic profile survived: still initiating");
      }
      assert.equal(obj(await c2.get(`${pe}/regionalMode`))["enabled"], true);
      const control2 = new AtlasTestClient(fetchTransport(second.ready.url), null);
      const projects = (obj(await control2.get("/_emulator/objects"))["projects"] as { id: string }[]).map((p) => p.id);
      assert.ok(projects.includes(String(project["id"])));
      // Pending steps carry on: re-timed to instant, everything becomes AVAILABLE.
      await control2.call("PUT", "/_emulator/profile", { body: "instant" });
      for (const ref of acknowledged) {
        const [provider, id] = ref.split("/") as [string, string];
        assert.equal(obj(await c2.get(`${pe}/${provider}/endpointService/${id}`))["status"], "AVAILABLE");
      }
      await killed(second.child);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("killed while requests are in flight: every acknowledged write is there after restart", async () => {
    const dir = mkdtempSync(join(tmpdir(), "emulator-crash-"));
    try {
      const first = await start(["--data-dir", dir]);
      const control = new AtlasTestClient(fetchTransport(first.ready.url), null);
      const acknowledged: string[] = [];
      let stop = false;
      const writer = async () => {
        while (!stop) {
          try {
            const res = await control.post("/_emulator/projects", {});
            if (res.status === 201) acknowledged.push(String(obj(res)["id"]));
          } catch {
            return; // the connection died with the process
          }
        }
      };
      const writers = [writer(), writer(), writer(), writer()];
      while (acknowledged.length < 60) await new Promise((r) => setTimeout(r, 2));
      await killed(first.child);
      stop = true;
      await Promise.all(writers);
      const second = await start(["--data-dir", dir]);
      const control2 = new AtlasTestClient(fetchTransport(second.ready.url), null);
      const projects = new Set((obj(await control2.get("/_emulator/objects"))["projects"] as { id: string }[]).map((p) => p.id));
      const lost = acknowledged.filter((id) => !projects.has(id));
      assert.deepEqual(lost, [], `${lost.length} of ${acknowledged.length} acknowledged projects lost`);
      await killed(second.child);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses a second emulator on a data directory in use", async () => {
    const dir = mkdtempSync(join(tmpdir(), "emulator-crash-"));
    try {
      const first = await start(["--data-dir", dir]);
      await assert.rejects(start(["--data-dir", dir]), /in use by another emulator/);
      await killed(first.child);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
