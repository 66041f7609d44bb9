import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { isValidVersionDate, negotiateVersion, parseVersionedMediaType, versionedContentType } from "./media-types.js";

describe("media types", () => {
  it("parses versioned media types, ignoring parameters and case", () => {
    assert.equal(parseVersionedMediaType("application/vnd.atlas.2023-01-01+json"), "2023-01-01");
    assert.equal(parseVersionedMediaType("application/vnd.atlas.2023-01-01+json;charset=utf-8"), "2023-01-01");
    assert.equal(parseVersionedMediaType("Application/VND.atlas.2024-08-05+JSON"), "2024-08-05");
    assert.equal(parseVersionedMediaType("application/vnd.atlas.preview+json"), "preview");
    assert.equal(parseVersionedMediaType("application/json"), undefined);
    assert.equal(parseVersionedMediaType("application/vnd.atlas.2023-1-1+json"), undefined);
  });
  it("validates calendar dates", () => {
    assert.equal(isValidVersionDate("2023-01-01"), true);
    assert.equal(isValidVersionDate("2023-02-30"), false);
    assert.equal(isValidVersionDate("2023-13-01"), false);
  });
  it("serves the newest version not after the requested date", () => {
    assert.equal(negotiateVersion("2025-03-12", ["2023-01-01"]), "2023-01-01");
    assert.equal(negotiateVersion("2023-01-01", ["2023-01-01", "2024-08-05"]), "2023-01-01");
    assert.equal(negotiateVersion("2024-09-01", ["2023-01-01", "2024-08-05"]), "2024-08-05");
    assert.equal(negotiateVersion("2022-12-31", ["2023-01-01"]), undefined);
  });
  it("content type carries the charset as recorded", () => {
    assert.equal(versionedContentType("2023-01-01"), "application/vnd.atlas.2023-01-01+json;charset=utf-8");
  });
});
