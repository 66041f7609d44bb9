import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ApiError } from "./api-error.js";
import { isJsonContentType, negotiate } from "./versioning.js";

const PE = ["2023-01-01"];
const CLUSTERS = ["2023-01-01", "2023-02-01", "2024-08-05"];

function served(accept: string | undefined, versions = PE): string {
  try {
    return negotiate(false, accept, versions).contentType;
  } catch (error) {
    assert.ok(error instanceof ApiError);
    return `${error.status} ${error.errorCode}`;
  }
}

describe("version negotiation", () => {
  const cases: [string | undefined, string[], string][] = [
    ["application/vnd.atlas.2023-01-01+json", PE, "application/vnd.atlas.2023-01-01+json;charset=utf-8"],
    ["application/vnd.atlas.2025-03-12+json", PE, "application/vnd.atlas.2023-01-01+json;charset=utf-8"],
    ["application/vnd.atlas.2024-08-05+json", CLUSTERS, "application/vnd.atlas.2024-08-05+json;charset=utf-8"],
    ["application/vnd.atlas.2024-01-01+json", CLUSTERS, "application/vnd.atlas.2023-02-01+json;charset=utf-8"],
    ["application/json, application/vnd.atlas.2023-01-01+json;q=0.9", PE, "application/vnd.atlas.2023-01-01+json;charset=utf-8"],
    ["APPLICATION/VND.ATLAS.2023-01-01+JSON", PE, "application/vnd.atlas.2023-01-01+json;charset=utf-8"],
    [undefined, PE, "406 INVALID_VERSION_DATE"],
    ["*/*", PE, "406 INVALID_VERSION_DATE"],
    ["application/json", PE, "406 INVALID_VERSION_DATE"],
    ["application/vnd.atlas.2022-12-31+json", PE, "406 INVALID_VERSION_DATE"],
    ["application/vnd.atlas.2023-02-30+json", PE, "406 INVALID_VERSION_DATE"],
    ["application/vnd.atlas.preview+json", PE, "406 INVALID_VERSION_DATE"],
    ["application/vnd.atlas.latest+json", PE, "406 INVALID_VERSION_DATE"],
    ["application/vnd.atlas.2023-01-01+json;q=0", PE, "406 INVALID_VERSION_DATE"],
  ];
  for (const [accept, versions, expected] of cases) it(`${accept} → ${expected}`, () => assert.equal(served(accept, versions), expected));

  it("v1.0 is unversioned JSON", () => assert.deepEqual(negotiate(true, undefined, PE), { version: null, contentType: "application/json" }));

  it("request bodies: JSON, plain or versioned", () => {
    assert.equal(isJsonContentType("application/json"), true);
    assert.equal(isJsonContentType("application/json; charset=utf-8"), true);
    assert.equal(isJsonContentType("application/vnd.atlas.2023-01-01+json"), true);
    assert.equal(isJsonContentType("text/plain"), false);
    assert.equal(isJsonContentType("application/x-www-form-urlencoded"), false);
    assert.equal(isJsonContentType(undefined), false);
  });
});
