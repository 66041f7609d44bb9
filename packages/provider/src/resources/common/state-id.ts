/**
 * The official provider's resource `id` encoding (internal/common/conversion/encode_state.go),
 * reproduced exactly so existing state works unchanged: keys sorted, each entry
 * `base64(key):base64(value)` (standard alphabet, with padding), entries joined by `-`. The
 * alphabet has neither `-` nor `:`, so splitting is unambiguous.
 */
export function encodeStateId(values: Readonly<Record<string, string>>): string {
  return Object.keys(values)
    .sort()
    .map((k) => `${b64(k)}:${b64(values[k]!)}`)
    .join("-");
}

/** Decodes an encoded id. Pieces without `:` are ignored; undecodable values become "" (as
 * the official provider does). */
export function decodeStateId(id: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const piece of id.split("-")) {
    const at = piece.indexOf(":");
    if (at < 0) continue;
    const key = unb64(piece.slice(0, at));
    if (key === undefined) continue;
    out[key] = unb64(piece.slice(at + 1)) ?? "";
  }
  return out;
}

/** True when `value` looks like an encoded id (contains both `-` and `:`), the official test. */
export function isEncodedId(value: string): boolean {
  return value.includes("-") && value.includes(":");
}

/**
 * `GetEncodedID`: users may pass a resource's encoded `id` where a raw id is expected (e.g.
 * `private_link_id = mongodbatlas_privatelink_endpoint.this.id`). Returns the decoded value of
 * `key`, or the input unchanged when it is not an encoded id.
 */
export function getEncodedId(value: string, key: string): string {
  return isEncodedId(value) ? (decodeStateId(value)[key] ?? "") : value;
}

function b64(s: string): string {
  return Buffer.from(s, "utf8").toString("base64");
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function unb64(s: string): string | undefined {
  if (!BASE64.test(s) || s.length % 4 === 1) return undefined;
  return Buffer.from(s, "base64").toString("utf8");
}
