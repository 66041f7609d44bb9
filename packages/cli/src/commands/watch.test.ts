import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { startEmulator, type RunningEmulator } from "@atlas-privatelink/emulator";
import type { Io } from "../io.js";
import { watch, type Row } from "./watch.js";

function capture(): Io & { text: () => string } {
  let text = "";
  return { out: (t) => void (text += t), err: (t) => void (text += t), isTty: false, text: () => text };
}

describe("watch --interval", () => {
  // No emulator, no credentials, no network: a bad value is refused before anything is read.
  const env: NodeJS.ProcessEnv = { XDG_CACHE_HOME: "/nonexistent-cache-dir" };
  for (const bad of ["abc", "2x", "-1s", "0", "100ms"]) {
    it(`refuses ${JSON.stringify(bad)} with a message naming --interval and what it takes`, async () => {
      const io = capture();
      assert.equal(await watch(["p", "--interval", bad], io, env), 2);
      assert.match(io.text(), /--interval takes a number of seconds or a duration such as 500ms, 2s, 1\.5s, 2m, 1m30s, 1h, at least 200ms; got /);
      assert.ok(io.text().includes(JSON.stringify(bad)));
    });
  }
  it("refuses a missing value", async () => {
    const io = capture();
    assert.equal(await watch(["p", "--interval"], io, env), 2);
    assert.match(io.text(), /--interval takes .*; got nothing/);
  });
  it("accepts 2m and goes on to find a target", async () => {
    const io = capture();
    assert.equal(await watch(["p", "--interval", "2m"], io, env), 1);
    assert.match(io.text(), /no emulator is running and no Atlas credentials are set/);
  });
});

describe("watch --provider", () => {
  const env: NodeJS.ProcessEnv = { XDG_CACHE_HOME: "/nonexistent-cache-dir" };
  const cases: [string[], RegExp][] = [
    [["p", "--provider"], /^atlas-privatelink watch: --provider takes AWS, AZURE or GCP; got nothing\n$/],
    [["p", "--provider", "--once"], /^atlas-privatelink watch: --provider takes AWS, AZURE or GCP; got the flag --once\n$/],
    [["p", "--provider", "OCI"], /^atlas-privatelink watch: --provider takes AWS, AZURE or GCP; got "OCI"\n$/],
  ];
  for (const [args, message] of cases) {
    it(`refuses ${args.slice(1).join(" ")} (exit 2, naming --provider and what it takes)`, async () => {
      const io = capture();
      assert.equal(await watch(args, io, env), 2);
      assert.match(io.text(), message);
    });
  }
  it("refuses --interval followed by another flag", async () => {
    const io = capture();
    assert.equal(await watch(["p", "--interval", "--once"], io, env), 2);
    assert.match(io.text(), /--interval takes .*; got the flag --once\n$/);
  });
});

describe("watch --json", () => {
  let emu: RunningEmulator;
  let env: NodeJS.ProcessEnv;
  before(async () => {
    emu = await startEmulator({ profile: "instant", logger: false });
    const seeded = await fetch(`${emu.url}/_emulator/seed`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ providers: ["AWS"], servicesPerProvider: 1, endpointsPerService: 1 }),
    });
    assert.equal(seeded.status, 201, await seeded.text());
    env = { XDG_CACHE_HOME: "/nonexistent-cache-dir", MONGODB_ATLAS_BASE_URL: emu.url, MONGODB_ATLAS_PUBLIC_KEY: emu.bootstrap.publicKey, MONGODB_ATLAS_PRIVATE_KEY: emu.bootstrap.privateKey };
  });
  after(() => emu.close());

  function parse(line: string): { at: string; projectId: string; rows: Row[] } {
    const snapshot = JSON.parse(line) as { at: string; projectId: string; rows: Row[] };
    assert.deepEqual(Object.keys(snapshot), ["at", "projectId", "rows"]);
    assert.ok(!Number.isNaN(Date.parse(snapshot.at)) && snapshot.at === new Date(snapshot.at).toISOString(), snapshot.at);
    assert.equal(snapshot.projectId, emu.bootstrap.projectId);
    assert.equal(snapshot.rows.length, 1, line);
    const [row] = snapshot.rows;
    assert.deepEqual(Object.keys(row!), ["provider", "region", "service", "serviceStatus", "endpoint", "endpointStatus", "error"]);
    assert.equal(row!.provider, "AWS");
    assert.match(row!.service, /^[0-9a-f]{24}$/);
    assert.equal(row!.serviceStatus, "AVAILABLE");
    assert.match(row!.endpoint, /^vpce-/);
    assert.equal(row!.endpointStatus, "AVAILABLE");
    return snapshot;
  }

  it("--once: one JSON line of the rows, no table", async () => {
    const io = capture();
    assert.equal(await watch([emu.bootstrap.projectId, "--json", "--once"], io, env), 0);
    assert.ok(io.text().endsWith("\n") && io.text().indexOf("\n") === io.text().length - 1, io.text());
    parse(io.text().trimEnd());
  });

  it("without --once, on a terminal: a JSON line per refresh, never the screen-clearing table", async () => {
    const lines: string[] = [];
    const stop = new AbortController();
    const io: Io = {
      out: (t) => {
        lines.push(t);
        if (lines.length === 2) stop.abort();
      },
      err: (t) => assert.fail(t),
      isTty: true,
    };
    assert.equal(await watch([emu.bootstrap.projectId, "--json", "--interval", "200ms"], io, env, stop.signal), 0);
    assert.equal(lines.length, 2);
    for (const l of lines) {
      assert.ok(l.endsWith("\n") && !l.includes("\x1b"), JSON.stringify(l));
      parse(l.trimEnd());
    }
  });
});
