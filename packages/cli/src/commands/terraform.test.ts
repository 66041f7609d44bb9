import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { captureIo } from "../io-capture.js";
import { writeConnection, type EmulatorConnection } from "../terraform-env.js";
import { terraform } from "./terraform.js";


const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** An environment whose cache dir holds `connection`; terraform is never found, so reaching it fails differently. */
function envWith(connection: EmulatorConnection): NodeJS.ProcessEnv {
  const cache = mkdtempSync(join(tmpdir(), "cli-terraform-"));
  dirs.push(cache);
  const env: NodeJS.ProcessEnv = { XDG_CACHE_HOME: cache, PATH: "", TERRAFORM_BINARY: join(cache, "no-terraform-here") };
  writeConnection(connection, env);
  return env;
}

/** A loopback port nothing listens on (bound, then released). */
function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const address = s.address();
      s.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

const connection: EmulatorConnection = {
  url: "http://127.0.0.1:1",
  projectId: "6650f0aa0000000000000001",
  orgId: "6650f0aa0000000000000000",
  publicKey: "emupubkey",
  privateKey: "emu-private",
  pid: 1,
  startedAt: "2026-01-01T00:00:00.000Z",
};

describe("terraform: before terraform runs", () => {
  it("no running emulator: exit 1, says how to start one", async () => {
    const cache = mkdtempSync(join(tmpdir(), "cli-terraform-"));
    dirs.push(cache);
    const io = captureIo();
    assert.equal(await terraform(["plan"], io, { XDG_CACHE_HOME: cache }), 1);
    assert.match(io.stderr(), /^atlas-privatelink terraform: no running emulator found\. Start one with /);
  });

  it("the emulator's private key is unknown: exit 1, names the key and says to restart with --private-key", async () => {
    const io = captureIo();
    assert.equal(await terraform(["plan"], io, envWith({ ...connection, privateKey: "" })), 1);
    assert.equal(
      io.stderr(),
      "atlas-privatelink terraform: the private key of the emulator's API key emupubkey is unknown (the emulator prints it only when it creates its data dir). " +
        "Restart the emulator with --private-key <key> to set one.\n",
    );
    assert.equal(io.stdout(), "");
  });

  it("the emulator does not answer: exit 1, names its URL", async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const io = captureIo();
    assert.equal(await terraform(["plan"], io, envWith({ ...connection, url })), 1);
    assert.match(io.stderr(), new RegExp(`^atlas-privatelink terraform: the emulator at ${url.replace(/\./g, "\\.")} does not answer \\(.+\\)\\. Is it still running\\?\\n$`));
    assert.equal(io.stdout(), "");
  });
});
