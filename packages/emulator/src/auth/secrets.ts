import { createHash, randomBytes, randomUUID, timingSafeEqual } from "node:crypto";

/**
 * Credentials and how they are kept. An API key's private key is stored only as its Digest HA1
 * values (H(publicKey:realm:privateKey) for MD5 and SHA-256): enough to verify Digest responses,
 * not enough to recover the key. A service account's secret is stored as sha256(salt + secret)
 * (secrets are 256-bit random strings, so a fast hash is adequate). Bearer tokens are stored as
 * their sha256. No secret is ever logged (see the request log and pino redaction in app.ts).
 */
export const DIGEST_REALM = "MMS Public API";

export type DigestAlgorithm = "MD5" | "SHA-256";

export function hashHex(algorithm: DigestAlgorithm | "sha256", data: string): string {
  return createHash(algorithm === "MD5" ? "md5" : "sha256").update(data, "utf8").digest("hex");
}

export function ha1(algorithm: DigestAlgorithm, publicKey: string, privateKey: string): string {
  return hashHex(algorithm, `${publicKey}:${DIGEST_REALM}:${privateKey}`);
}

export function sha256Hex(data: string): string {
  return createHash("sha256").update(data, "utf8").digest("hex");
}

/** Constant-time comparison of two hex strings (false when lengths differ). */
export function sameHex(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  return timingSafeEqual(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));
}

const LOWER = "abcdefghijklmnopqrstuvwxyz";

/** An Atlas-looking programmatic API key: public key of 8 lower-case letters, private key a UUID. */
export function generateApiKey(): { publicKey: string; privateKey: string } {
  const bytes = randomBytes(8);
  let publicKey = "";
  for (const b of bytes) publicKey += LOWER[b % LOWER.length];
  return { publicKey, privateKey: randomUUID() };
}

/** An Atlas-looking service account: `mdb_sa_id_<24 hex>` / `mdb_sa_sk_<40 chars>`. */
export function generateServiceAccount(): { clientId: string; clientSecret: string } {
  return {
    clientId: `mdb_sa_id_${randomBytes(12).toString("hex")}`,
    clientSecret: `mdb_sa_sk_${randomBytes(30).toString("base64url").slice(0, 40)}`,
  };
}

export function newSalt(): string {
  return randomBytes(16).toString("hex");
}

export function hashSecret(salt: string, secret: string): string {
  return sha256Hex(`${salt}${secret}`);
}

/** Public keys are what users type as the Digest username: keep them simple. */
export const PUBLIC_KEY_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;
export const PRIVATE_KEY_PATTERN = /^[\x21-\x7e]{1,256}$/;
