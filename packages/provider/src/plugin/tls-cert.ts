/**
 * The plugin's side of go-plugin AutoMTLS: a fresh self-signed server certificate per launch.
 * Terraform (Go 1.23 crypto/x509) insists on: a SAN of `localhost` (CN alone → "certificate
 * relies on legacy Common Name field"), a positive serial ("negative serial number"), DER sent as
 * base64 *without padding*. We mirror go-plugin's own template: CA:TRUE, key usage
 * digitalSignature|keyEncipherment|keyAgreement|keyCertSign, EKU serverAuth+clientAuth. ECDSA
 * P-256/SHA-256 is cheaper to generate than go-plugin's P-521 and accepted by Terraform.
 *
 * The certificate (RFC 5280 §4.1) is assembled from ASN.1 values with asn1js, which does the DER
 * encoding; keys and the signature come from node:crypto. (asn1js directly rather than the
 * schema-decorated @peculiar/asn1-x509 classes: this runs before every handshake, and the
 * decorator layer cost ~4 ms of start-up per launch.)
 */
import { generateKeyPairSync, randomBytes, sign } from "node:crypto";
import * as asn1 from "asn1js";

const OID = {
  ecdsaWithSha256: "1.2.840.10045.4.3.2",
  commonName: "2.5.4.3",
  organization: "2.5.4.10",
  keyUsage: "2.5.29.15",
  extKeyUsage: "2.5.29.37",
  basicConstraints: "2.5.29.19",
  subjectAltName: "2.5.29.17",
  serverAuth: "1.3.6.1.5.5.7.3.1",
  clientAuth: "1.3.6.1.5.5.7.3.2",
} as const;

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
  const oid = (value: string) => new asn1.ObjectIdentifier({ value });
  const rdn = (type: string, value: string) => new asn1.Set({ value: [new asn1.Sequence({ value: [oid(type), new asn1.Utf8String({ value })] })] });
  const name = () => new asn1.Sequence({ value: [rdn(OID.organization, "HashiCorp"), rdn(OID.commonName, "localhost")] });
  const algorithm = () => new asn1.Sequence({ value: [oid(OID.ecdsaWithSha256)] });
  const extension = (id: string, critical: boolean, value: asn1.BaseBlock) =>
    new asn1.Sequence({
      value: [oid(id), ...(critical ? [new asn1.Boolean({ value: true })] : []), new asn1.OctetString({ valueHex: value.toBER(false) })],
    });
  const time = (d: Date) => (d.getUTCFullYear() < 2050 ? new asn1.UTCTime({ valueDate: d }) : new asn1.GeneralizedTime({ valueDate: d }));

  const serial = randomBytes(16);
  serial[0] = (serial[0]! & 0x7f) | 0x01; // positive, and no leading zero byte to trim
  // KeyUsage bits (RFC 5280 §4.2.1.3): digitalSignature(0) keyEncipherment(2) keyAgreement(4)
  // keyCertSign(5) → 1010 1100, the last two bits unused.
  const keyUsage = new asn1.BitString({ valueHex: Uint8Array.of(0b1010_1100).buffer, unusedBits: 2 });
  const subjectPublicKeyInfo = asn1.fromBER(new Uint8Array(publicKey.export({ format: "der", type: "spki" }))).result;
  // Whole seconds: RFC 5280 forbids fractional seconds, and OpenSSL rejects them.
  const seconds = Math.floor(now.getTime() / 1000) * 1000;
  const notBefore = new Date(seconds - 30_000); // ms; tolerate small clock skew
  const notAfter = new Date(seconds + 30 * 365 * 24 * 3600_000); // go-plugin: 30 years

  const tbs = new asn1.Sequence({
    value: [
      new asn1.Constructed({ idBlock: { tagClass: 3, tagNumber: 0 }, value: [new asn1.Integer({ value: 2 })] }), // v3
      new asn1.Integer({ valueHex: new Uint8Array(serial).buffer }),
      algorithm(),
      name(), // issuer
      new asn1.Sequence({ value: [time(notBefore), time(notAfter)] }),
      name(), // subject
      subjectPublicKeyInfo,
      new asn1.Constructed({
        idBlock: { tagClass: 3, tagNumber: 3 },
        value: [
          new asn1.Sequence({
            value: [
              extension(OID.keyUsage, true, keyUsage),
              extension(OID.extKeyUsage, false, new asn1.Sequence({ value: [oid(OID.clientAuth), oid(OID.serverAuth)] })),
              extension(OID.basicConstraints, true, new asn1.Sequence({ value: [new asn1.Boolean({ value: true })] })),
              // GeneralName dNSName is [2] IMPLICIT IA5String
              extension(OID.subjectAltName, false, new asn1.Sequence({ value: [new asn1.Primitive({ idBlock: { tagClass: 3, tagNumber: 2 }, valueHex: new TextEncoder().encode("localhost").buffer })] })),
            ],
          }),
        ],
      }),
    ],
  });
  const tbsDer = Buffer.from(tbs.toBER(false));
  const signature = sign("sha256", tbsDer, { key: privateKey, dsaEncoding: "der" });
  const certificate = new asn1.Sequence({ value: [tbs, algorithm(), new asn1.BitString({ valueHex: new Uint8Array(signature).buffer })] });
  const der = Buffer.from(certificate.toBER(false));
  return {
    certPem: toPem(der, "CERTIFICATE"),
    keyPem: privateKey.export({ format: "pem", type: "pkcs8" }).toString(),
    der,
    handshakeField: der.toString("base64").replace(/=+$/, ""),
  };
}

function toPem(der: Buffer, label: string): string {
  const lines = der.toString("base64").match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join("\n")}\n-----END ${label}-----\n`;
}
