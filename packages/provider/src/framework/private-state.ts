/**
 * Private state: bytes Terraform stores next to a resource's state (base64 in the state file)
 * and hands back on every call. We keep a JSON object in it. Bytes we did not write (the official
 * SDKv2 provider stores timeouts and a schema version there) are kept unless a key is set.
 */
export class PrivateState {
  private data: Record<string, unknown>;
  private readonly opaque: Uint8Array | undefined;
  private changed = false;

  private constructor(data: Record<string, unknown>, opaque: Uint8Array | undefined) {
    this.data = data;
    this.opaque = opaque;
  }

  static decode(bytes: Uint8Array | undefined): PrivateState {
    if (!bytes || bytes.length === 0) return new PrivateState({}, undefined);
    try {
      const parsed: unknown = JSON.parse(Buffer.from(bytes).toString("utf8"));
      if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)) return new PrivateState(parsed as Record<string, unknown>, undefined);
    } catch {
      // not JSON: pass it through untouched
    }
    return new PrivateState({}, bytes);
  }

  get(key: string): unknown {
    return this.data[key];
  }

  set(key: string, value: unknown): void {
    if (value === undefined) delete this.data[key];
    else this.data[key] = value;
    this.changed = true;
  }

  encode(): Uint8Array | undefined {
    if (this.opaque && !this.changed) return this.opaque;
    if (Object.keys(this.data).length === 0) return undefined;
    return Buffer.from(JSON.stringify(this.data), "utf8");
  }
}
