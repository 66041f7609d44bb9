/**
 * The plugin's side of go-plugin AutoMTLS: a fresh self-signed server certificate per launch.
 * Terraform (Go 1.23 crypto/x509) insists on: a SAN of `localhost` (CN alone → "certificate
 * relies on legacy Common Name field"), a positive serial ("negative serial number"), DER sent as
 * base64 *without padding*. We mirror go-plugin's own template: CA:TRUE, key usage
 * digitalSignature|keyEncipherment|keyAgreement|keyCertSign, EKU serverAuth+clientAuth. ECDSA
 * P-256/SHA-256 is cheaper to generate than go-plugin's P-521 and accepted by Terraform.
 * X.509 structures are built with @peculiar/asn1-x509; keys and the signature with node:crypto.
 */
import { generateKeyPairSync, randomBytes, sign, type KeyObject } from "node:crypto";
import { AsnConvert, OctetString } from "@peculiar/asn1-schema";
import {
  AlgorithmIdentifier,
  AttributeTypeAndValue,
  AttributeValue,
  BasicConstraints,
  Certificate,
  ExtendedKeyUsage,
  Extension,
  Extensions,
  GeneralName,
  KeyUsage,
  KeyUsageFlags,
  Name,
  RelativeDistinguishedName,
  SubjectAlternativeName,
  SubjectPublicKeyInfo,
  TBSCertificate,
  Validity,
  Version,
  id_ce_basicConstraints,
  id_ce_extKeyUsage,
  id_ce_keyUsage,
  id_ce_subjectAltName,
  id_kp_clientAuth,
  id_kp_serverAuth,
} from "@peculiar/asn1-x509";

const OID_ECDSA_WITH_SHA256 = "1.2.840.10045.4.3.2";
const OID_COMMON_NAME = "2.5.4.3";
const OID_ORGANIZATION = "2.5.4.10";

export interface ServerCertificate {
  /** PEM certificate and PKCS#8 PEM key, for the TLS server. */
  readonly certPem: string;
  readonly keyPem: string;
  /** DER bytes of the certificate. */
  readonly der: Buffer;
  /** What goes in the handshake line: standard base64 of the DER, `=` padding stripped. */
  readonly handshakeField: string;
}

export function generateServerCertificate(now: Date = new Date()): ServerCertificate {
  const { publicKey, privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const der = buildCertificate(publicKey, privateKey, now);
  return {
    certPem: toPem(der, "CERTIFICATE"),
    keyPem: privateKey.export({ format: "pem", type: "pkcs8" }).toString(),
    der,
    handshakeField: der.toString("base64").replace(/=+$/, ""),
  };
}

function buildCertificate(publicKey: KeyObject, privateKey: KeyObject, now: Date): Buffer {
  const name = new Name([
    new RelativeDistinguishedName([new AttributeTypeAndValue({ type: OID_ORGANIZATION, value: new AttributeValue({ utf8String: "HashiCorp" }) })]),
    new RelativeDistinguishedName([new AttributeTypeAndValue({ type: OID_COMMON_NAME, value: new AttributeValue({ utf8String: "localhost" }) })]),
  ]);
  const signatureAlgorithm = new AlgorithmIdentifier({ algorithm: OID_ECDSA_WITH_SHA256 });
  const notBefore = new Date(now.getTime() - 30_000); // ms; tolerate small clock skew
  const notAfter = new Date(now.getTime() + 30 * 365 * 24 * 3600_000); // go-plugin: 30 years
  const serial = randomBytes(16);
  serial[0] = (serial[0]! & 0x7f) | 0x01; // positive, and no leading zero byte to trim
  const keyUsage = new KeyUsage(
    KeyUsageFlags.digitalSignature | KeyUsageFlags.keyEncipherment | KeyUsageFlags.keyAgreement | KeyUsageFlags.keyCertSign,
  );
  const extension = (extnID: string, critical: boolean, value: unknown) =>
    new Extension({ extnID, critical, extnValue: new OctetString(AsnConvert.serialize(value)) });
  const tbs = new TBSCertificate({
    version: Version.v3,
    serialNumber: toArrayBuffer(serial),
    signature: signatureAlgorithm,
    issuer: name,
    validity: new Validity({ notBefore, notAfter }),
    subject: name,
    subjectPublicKeyInfo: AsnConvert.parse(publicKey.export({ format: "der", type: "spki" }), SubjectPublicKeyInfo),
    extensions: new Extensions([
      extension(id_ce_keyUsage, true, keyUsage),
      extension(id_ce_extKeyUsage, false, new ExtendedKeyUsage([id_kp_clientAuth, id_kp_serverAuth])),
      extension(id_ce_basicConstraints, true, new BasicConstraints({ cA: true })),
      extension(id_ce_subjectAltName, false, new SubjectAlternativeName([new GeneralName({ dNSName: "localhost" })])),
    ]),
  });
  const tbsDer = Buffer.from(AsnConvert.serialize(tbs));
  const signature = sign("sha256", tbsDer, { key: privateKey, dsaEncoding: "der" });
  const certificate = new Certificate({ tbsCertificate: tbs, signatureAlgorithm, signatureValue: toArrayBuffer(signature) });
  return Buffer.from(AsnConvert.serialize(certificate));
}

function toArrayBuffer(b: Buffer): ArrayBuffer {
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
}

function toPem(der: Buffer, label: string): string {
  const lines = der.toString("base64").match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join("\n")}\n-----END ${label}-----\n`;
}
