import assert from "node:assert/strict";
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { KEY_FILE, persistentDataDir, recallKey, resolvePrivateKey } from "./emulator-key.js";

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
function dataDir(): string {
  const d = mkdtempSync(join(tmpdir(), "cli-key-"));
  dirs.push(d);
  return d;
}

describe("the emulator's private key across restarts", () => {
  it("first start (key printed) → saved 0600 in the data dir; restart (null printed) → the same key", () => {
    const dir = dataDir();
    assert.equal(resolvePrivateKey({ publicKey: "pub", privateKey: "first-secret" }, dir), "first-secret");
    assert.equal(statSync(join(dir, KEY_FILE)).mode & 0o777, 0o600);
    // The connection file is gone by now (the emulator stopped): nothing else to fall back on.
    assert.equal(resolvePrivateKey({ publicKey: "pub", privateKey: null }, dir, undefined), "first-secret");
  });

  it("a key given again with --private-key replaces the saved one", () => {
    const dir = dataDir();
    resolvePrivateKey({ publicKey: "pub", privateKey: "old" }, dir);
    assert.equal(resolvePrivateKey({ publicKey: "pub", privateKey: "new" }, dir), "new");
    assert.equal(recallKey(dir, "pub"), "new");
  });

  it("a saved key of another public key is not used", () => {
    const dir = dataDir();
    resolvePrivateKey({ publicKey: "pub", privateKey: "secret" }, dir);
    assert.equal(resolvePrivateKey({ publicKey: "other", privateKey: null }, dir), "");
  });

  it("a file mode looser than 0600 is tightened when the key is saved", () => {
    const dir = dataDir();
    writeFileSync(join(dir, KEY_FILE), "{}", { mode: 0o644 });
    resolvePrivateKey({ publicKey: "pub", privateKey: "secret" }, dir);
    assert.equal(statSync(join(dir, KEY_FILE)).mode & 0o777, 0o600);
  });

  it("a connection file left by an emulator that did not stop cleanly still helps, and is saved", () => {
    const dir = dataDir();
    assert.equal(resolvePrivateKey({ publicKey: "pub", privateKey: null }, dir, { publicKey: "pub", privateKey: "from-connection" }), "from-connection");
    assert.equal(recallKey(dir, "pub"), "from-connection");
  });

  it("in memory: nothing is saved; the printed key is used", () => {
    assert.equal(persistentDataDir("(in memory)"), undefined);
    assert.equal(resolvePrivateKey({ publicKey: "pub", privateKey: "k" }, undefined), "k");
    assert.equal(resolvePrivateKey({ publicKey: "pub", privateKey: null }, undefined), "");
  });

  it("a relative data dir label resolves against the working directory", () => {
    const dir = dataDir();
    assert.equal(persistentDataDir(".", dir), dir);
    assert.equal(persistentDataDir("missing", dir), undefined);
  });
});
