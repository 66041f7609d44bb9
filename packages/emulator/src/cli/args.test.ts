import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { CliError, parseCli } from "./args.js";
import { defaultDataDir } from "./data-dir.js";

describe("atlas-emulator arguments", () => {
  it("defaults: loopback, port 8080, the user's data dir, info logs", () => {
    const c = parseCli([], { HOME: "/home/u" });
    assert.equal(c.emulator.host, "127.0.0.1");
    assert.equal(c.emulator.port, 8080);
    assert.equal(c.emulator.dataDir, defaultDataDir({ HOME: "/home/u" }));
    assert.equal(c.logLevel, "info");
    assert.equal(c.clockMode, "real");
  });

  it("flags", () => {
    const c = parseCli([
      "--host", "0.0.0.0", "--port", "0", "--in-memory", "--profile", "instant", "--strict-cloud",
      "--rate-limit", "10/5/30s", "--public-key", "pub", "--private-key", "priv", "--project-id", "0123456789abcdef01234567",
      "--digest", "sha-256,md5", "--nonce-ttl", "2m", "--log-level", "warn", "--json", "--clock", "frozen",
    ], {});
    assert.equal(c.emulator.port, 0);
    assert.equal(c.emulator.inMemory, true);
    assert.equal(c.emulator.dataDir, undefined);
    assert.equal(c.emulator.profile, "instant");
    assert.equal(c.emulator.strictCloud, true);
    assert.deepEqual(c.emulator.rateLimit, { enabled: true, capacity: 10, refill: 5, periodMs: 30_000 });
    assert.equal(c.emulator.publicKey, "pub");
    assert.equal(c.emulator.privateKey, "priv");
    assert.equal(c.emulator.projectId, "0123456789abcdef01234567");
    assert.deepEqual(c.emulator.digestAlgorithms, ["SHA-256", "MD5"]);
    assert.equal(c.emulator.nonceTtlMs, 120_000);
    assert.equal(c.json, true);
    assert.equal(c.clockMode, "frozen");
  });

  it("environment variables, flags winning", () => {
    const env = { ATLAS_EMULATOR_PORT: "9000", ATLAS_EMULATOR_PROFILE: "realistic", ATLAS_EMULATOR_DATA_DIR: "/tmp/x" };
    assert.equal(parseCli([], env).emulator.port, 9000);
    assert.equal(parseCli([], env).emulator.profile, "realistic");
    assert.equal(parseCli([], env).emulator.dataDir, "/tmp/x");
    assert.equal(parseCli(["--port", "1"], env).emulator.port, 1);
  });

  it("a JSON profile and rate limit off", () => {
    const c = parseCli(["--profile", '{"base":"fast","options":{"awsWaitingForUser":true}}', "--rate-limit", "off"], {});
    assert.deepEqual(c.emulator.profile, { base: "fast", options: { awsWaitingForUser: true } });
    assert.equal(c.emulator.rateLimit, false);
  });

  const bad: string[][] = [["--port", "x"], ["--port", "70000"], ["--nope"], ["--log-level", "loud"], ["--profile", "{"], ["--rate-limit", "a/b"], ["--digest", "sha1"], ["--clock", "slow"], ["extra"]];
  for (const argv of bad) it(`refuses ${argv.join(" ")}`, () => assert.throws(() => parseCli(argv, {}), CliError));
});

describe("default data dir", () => {
  it("XDG_DATA_HOME, else ~/.local/share", () => {
    assert.equal(defaultDataDir({ XDG_DATA_HOME: "/xdg" }, "linux", "/home/u"), "/xdg/atlas-privatelink-emulator");
    assert.equal(defaultDataDir({}, "linux", "/home/u"), "/home/u/.local/share/atlas-privatelink-emulator");
    assert.equal(defaultDataDir({}, "darwin", "/Users/u"), "/Users/u/.local/share/atlas-privatelink-emulator");
  });
});
