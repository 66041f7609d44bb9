import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { describe, it } from "node:test";
import { digestChallenge, expectedResponse, parseAuthParams, parseDigestAuthorization, parseNonceCount, uriMatches, verifyDigestResponse } from "./digest.js";

const md5 = (s: string) => createHash("md5").update(s).digest("hex");
const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

// RFC 7616 §3.9.1: the worked example, for MD5 and SHA-256.
const RFC = {
  username: "Mufasa",
  password: "Circle of Life",
  realm: "http-auth@example.org",
  nonce: "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v",
  uri: "/dir/index.html",
  cnonce: "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ",
};

function header(algorithm: string, response: string): string {
  return `Digest username="${RFC.username}", realm="${RFC.realm}", uri="${RFC.uri}", algorithm=${algorithm}, nonce="${RFC.nonce}", nc=00000001, cnonce="${RFC.cnonce}", qop=auth, response="${response}", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"`;
}

describe("digest", () => {
  it("reproduces RFC 7616's MD5 example", () => {
    const c = parseDigestAuthorization(header("MD5", "8ca523f5e9506fed4657c9700eebdbec"))!;
    assert.equal(c.algorithm, "MD5");
    const ha1 = md5(`${RFC.username}:${RFC.realm}:${RFC.password}`);
    assert.equal(expectedResponse(c, "GET", ha1), "8ca523f5e9506fed4657c9700eebdbec");
    assert.equal(verifyDigestResponse(c, "GET", ha1), true);
    assert.equal(verifyDigestResponse(c, "POST", ha1), false);
  });

  it("reproduces RFC 7616's SHA-256 example", () => {
    const c = parseDigestAuthorization(header("SHA-256", "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1"))!;
    assert.equal(c.algorithm, "SHA-256");
    const ha1 = sha256(`${RFC.username}:${RFC.realm}:${RFC.password}`);
    assert.equal(verifyDigestResponse(c, "GET", ha1), true);
    assert.equal(verifyDigestResponse(c, "GET", sha256("wrong")), false);
  });

  it("requires qop=auth and a cnonce", () => {
    const c = parseDigestAuthorization(header("MD5", "8ca523f5e9506fed4657c9700eebdbec").replace("qop=auth, ", ""))!;
    assert.equal(verifyDigestResponse(c, "GET", md5(`${RFC.username}:${RFC.realm}:${RFC.password}`)), false);
  });

  const malformed = [
    "Basic dXNlcjpwYXNz",
    "Digest",
    "Digest username=",
    'Digest username="a", realm="b"',
    'Digest username="a, realm="b", nonce="c", uri="/", response="d"',
    'Digest username="a", username="b", realm="r", nonce="n", uri="/", response="x"',
    'Digest username="a", realm="r", nonce="n", uri="/", response="x", algorithm=MD5-sess',
    "Digest " + "x".repeat(9000),
  ];
  for (const h of malformed) it(`refuses ${JSON.stringify(h.slice(0, 60))}`, () => assert.equal(parseDigestAuthorization(h), undefined));

  it("parses quoted escapes and unquoted tokens", () => {
    const p = parseAuthParams('a="x\\"y", b=token, c=""')!;
    assert.deepEqual([...p.entries()], [["a", 'x"y'], ["b", "token"], ["c", ""]]);
  });

  it("nonce counts are exactly 8 hex digits and positive", () => {
    assert.equal(parseNonceCount("00000001"), 1);
    assert.equal(parseNonceCount("0000000a"), 10);
    assert.equal(parseNonceCount("00000000"), undefined);
    assert.equal(parseNonceCount("1"), undefined);
    assert.equal(parseNonceCount("0000000g"), undefined);
    assert.equal(parseNonceCount(undefined), undefined);
  });

  it("the uri must name the request (origin or absolute form)", () => {
    assert.equal(uriMatches("/a?b=1", "/a?b=1"), true);
    assert.equal(uriMatches("http://h:1/a?b=1", "/a?b=1"), true);
    assert.equal(uriMatches("/a", "/a?b=1"), false);
    assert.equal(uriMatches("/other", "/a"), false);
  });

  it("challenges as Atlas documents", () => {
    assert.equal(
      digestChallenge("abc", "MD5", false),
      'Digest realm="MMS Public API", domain="", nonce="abc", algorithm=MD5, qop="auth", stale=false',
    );
    assert.match(digestChallenge("abc", "SHA-256", true), /algorithm=SHA-256, qop="auth", stale=true$/);
  });
});
