import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import type { Io } from "../io.js";
import { connectionFile, readConnection, type EmulatorConnection } from "../terraform-env.js";
import { emulator } from "./emulator.js";

/** The development entry of this CLI (this file is dist/commands/emulator.test.js). */
const self = join(dirname(fileURLToPath(import.meta.url)), "../../bin/atlas-privatelink.js");

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe("emulator --json", () => {
  it("passes the emulator's JSON ready line through as is, and still writes the connection file", async () => {
    const cache = mkdtempSync(join(tmpdir(), "cli-emulator-"));
    dirs.push(cache);
    const env: NodeJS.ProcessEnv = { ...process.env, XDG_CACHE_HOME: cache };
    let stdout = "";
    let firstLine!: (line: string) => void;
    const ready = new Promise<string>((resolve) => (firstLine = resolve));
    const io: Io = {
      out: (t) => {
        stdout += t;
        if (stdout.includes("\n")) firstLine(stdout.slice(0, stdout.indexOf("\n")));
      },
      err: (t) => void (stdout += t),
      isTty: false,
    };
    const exited = emulator(["--json", "--port", "0", "--in-memory", "--profile", "instant", "--log-level", "error"], io, self, env);
    try {
      const line = await Promise.race([
        ready,
        exited.then((code) => Promise.reject(new Error(`emulator exited ${code}: ${stdout}`))),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no output within 20 s: ${stdout}`)), 20_000).unref()),
      ]);
      const info = JSON.parse(line) as { ready: boolean; url: string; projectId: string; orgId: string; publicKey: string; privateKey: string; dataDir: string };
      assert.equal(info.ready, true);
      assert.match(info.url, /^http:\/\/127\.0\.0\.1:\d+$/);
      assert.equal(info.dataDir, "(in memory)");
      assert.doesNotMatch(stdout, /atlas-privatelink emulator ready|organization|Use it:/, "no human-readable summary with --json");

      const connection = JSON.parse(readFileSync(connectionFile(env), "utf8")) as EmulatorConnection;
      assert.deepEqual(
        { url: connection.url, projectId: connection.projectId, orgId: connection.orgId, publicKey: connection.publicKey, privateKey: connection.privateKey },
        { url: info.url, projectId: info.projectId, orgId: info.orgId, publicKey: info.publicKey, privateKey: info.privateKey },
      );
      process.kill(connection.pid, "SIGTERM");
      assert.equal(await exited, 0);
      assert.ok(!existsSync(connectionFile(env)), "stopping removes the connection file");
    } finally {
      // After a failed assertion: stop the emulator (its pid is in the connection file) so the test ends.
      const left = readConnection(env);
      if (left) {
        process.kill(left.pid, "SIGKILL");
        await exited;
      }
    }
  });
});
