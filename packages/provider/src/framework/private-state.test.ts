import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { PrivateState } from "./private-state.js";

describe("PrivateState", () => {
  it("is empty for no bytes", () => assert.equal(PrivateState.decode(undefined).encode(), undefined));
  it("keeps JSON it did not write and adds keys", () => {
    const p = PrivateState.decode(Buffer.from('{"schema_version":"0"}'));
    p.set("ours", 1);
    assert.deepEqual(JSON.parse(Buffer.from(p.encode()!).toString()), { schema_version: "0", ours: 1 });
  });
  it("passes non-JSON bytes through untouched", () => {
    const raw = Buffer.from([0, 1, 2, 255]);
    assert.deepEqual(Buffer.from(PrivateState.decode(raw).encode()!), raw);
  });
});
