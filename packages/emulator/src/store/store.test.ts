import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { DataDirInUseError, Store, type ServiceRow } from "./store.js";
import { objectId } from "./ids.js";

function service(id: string, projectId: string, region: string, nextAt: number | null): ServiceRow {
  return {
    id,
    projectId,
    provider: "AWS",
    region,
    status: "INITIATING",
    errorMessage: null,
    stateSince: 0,
    nextAt,
    readsLeft: null,
    forced: { outcome: "FAILED", errorMessage: "x" },
    data: { endpointServiceName: "n", supportedRemoteRegions: ["US_EAST_1"] },
    createdAt: 0,
  };
}

describe("Store", () => {
  it("keeps everything across a reopen of the same data directory", () => {
    const dir = mkdtempSync(join(tmpdir(), "emulator-store-"));
    try {
      const a = new Store({ dataDir: dir });
      a.insertOrg({ id: "o1", name: "org", createdAt: 1 });
      a.insertProject({ id: "p1", orgId: "o1", name: "p", createdAt: 1, regionalMode: true });
      a.insertService(service("s1", "p1", "US_EAST_1", 500));
      a.setMeta("k", { v: [1, 2] });
      a.close();
      const b = new Store({ dataDir: dir });
      assert.deepEqual(b.getService("s1"), service("s1", "p1", "US_EAST_1", 500));
      assert.equal(b.getProject("p1")?.regionalMode, true);
      assert.deepEqual(b.getMeta("k"), { v: [1, 2] });
      assert.equal(b.earliestDeadline(), 500);
      b.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses a second emulator on the same data directory", () => {
    const dir = mkdtempSync(join(tmpdir(), "emulator-store-"));
    try {
      const a = new Store({ dataDir: dir });
      assert.throws(() => new Store({ dataDir: dir }), DataDirInUseError);
      a.close();
      new Store({ dataDir: dir }).close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("enforces one service per project, provider and region", () => {
    const s = new Store();
    s.insertOrg({ id: "o1", name: "org", createdAt: 1 });
    s.insertProject({ id: "p1", orgId: "o1", name: "p", createdAt: 1, regionalMode: false });
    s.insertService(service("s1", "p1", "US_EAST_1", null));
    assert.throws(() => s.insertService(service("s2", "p1", "US_EAST_1", null)), /UNIQUE/);
    s.close();
  });

  it("lists endpoints in creation order and deletes them with their service", () => {
    const s = new Store();
    s.insertOrg({ id: "o1", name: "org", createdAt: 1 });
    s.insertProject({ id: "p1", orgId: "o1", name: "p", createdAt: 1, regionalMode: false });
    s.insertService(service("s1", "p1", "US_EAST_1", null));
    for (const id of ["vpce-c", "vpce-a", "vpce-b"]) {
      s.insertEndpoint({
        serviceId: "s1", endpointId: id, projectId: "p1", provider: "AWS", status: "AVAILABLE", errorMessage: null,
        deleteRequested: false, stateSince: 0, nextAt: null, readsLeft: null, forced: null, data: {}, createdAt: 0,
      });
    }
    assert.deepEqual(s.endpointIdsOf("s1"), ["vpce-c", "vpce-a", "vpce-b"]);
    s.deleteService("s1");
    assert.equal(s.counts().privateEndpoints, 0);
    s.close();
  });

  it("objectIds are 24 hex, time-ordered, unique", () => {
    const a = objectId(1_000_000);
    const b = objectId(1_000_000);
    assert.match(a, /^[0-9a-f]{24}$/);
    assert.notEqual(a, b);
    assert.ok(objectId(2_000_000) > a);
  });
});
