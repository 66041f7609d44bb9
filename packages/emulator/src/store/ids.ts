import { randomBytes } from "node:crypto";

/**
 * Atlas-style 24-hex ObjectIds: 4 bytes of seconds (from the emulator clock), 5 random bytes per
 * process, a 3-byte counter. Sorting ids sorts by creation, as in Atlas.
 */
const processRandom = randomBytes(5).toString("hex");
let counter = randomBytes(3).readUIntBE(0, 3);

export function objectId(nowMs: number): string {
  counter = (counter + 1) & 0xffffff;
  const seconds = Math.floor(nowMs / 1000) >>> 0;
  return seconds.toString(16).padStart(8, "0") + processRandom + counter.toString(16).padStart(6, "0");
}

/** `n` random lower-case hex digits. */
export function randomHex(n: number): string {
  return randomBytes(Math.ceil(n / 2)).toString("hex").slice(0, n);
}

const ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789";

/** `n` random lower-case letters and digits (GCP project ids `p-…`, Azure resource group suffixes). */
export function randomAlnum(n: number): string {
  const bytes = randomBytes(n);
  let out = "";
  for (let i = 0; i < n; i++) out += ALNUM[bytes[i]! % ALNUM.length];
  return out;
}

/** A random RFC 4122 version-4 UUID (Azure subscription ids). */
export function randomUuid(): string {
  return crypto.randomUUID();
}
