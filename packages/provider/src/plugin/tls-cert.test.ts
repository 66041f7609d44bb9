import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { X509Certificate, createPrivateKey } from "node:crypto";
import { generateServerCertificate } from "./tls-cert.js";

describe("server certificate", () => {
  const cert = generateServerCertificate(new Date("2026-01-01T00:00:00Z"));
  const x509 = new X509Certificate(cert.der);

  it("names localhost in the SAN (Go rejects CN-only certificates)", () => {
    assert.equal(x509.subjectAltName, "DNS:localhost");
    assert.equal(x509.checkHost("localhost"), "localhost");
  });
  it("has a positive serial number", () => {
    assert.ok(Number.parseInt(x509.serialNumber.slice(0, 2), 16) < 0x80, x509.serialNumber);
  });
  it("is self-signed, a CA, for server and client auth", () => {
    assert.ok(x509.verify(x509.publicKey));
    assert.ok(x509.checkIssued(x509));
    assert.equal(x509.ca, true);
    assert.deepEqual([...(x509.keyUsage ?? [])].sort(), ["1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2"]);
  });
  it("has validity times in whole seconds (OpenSSL and Go reject fractions)", () => {
    const odd = new X509Certificate(generateServerCertificate(new Date("2026-01-01T00:00:00.789Z")).der);
    assert.match(odd.validTo, /^\w{3} +\d+ \d\d:\d\d:\d\d \d{4} GMT$/);
    assert.match(odd.validFrom, /^\w{3} +\d+ \d\d:\d\d:\d\d \d{4} GMT$/);
  });
  it("is valid now and for years", () => {
    assert.ok(new Date(x509.validFrom) <= new Date("2026-01-01T00:00:00Z"));
    assert.ok(new Date(x509.validTo) >= new Date("2050-01-01T00:00:00Z"));
  });
  it("handshake field is base64 DER without padding", () => {
    assert.doesNotMatch(cert.handshakeField, /[=\n-]/);
    assert.ok(Buffer.from(cert.handshakeField, "base64").equals(cert.der));
  });
  it("key matches the certificate", () => {
    const key = createPrivateKey(cert.keyPem);
    assert.ok(x509.checkPrivateKey(key));
  });
  it("a fresh certificate and key every time", () => {
    const other = generateServerCertificate();
    assert.notEqual(other.handshakeField, cert.handshakeField);
  });
});
