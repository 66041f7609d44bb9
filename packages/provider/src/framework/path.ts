/**
 * Attribute paths: where in a resource's object a value or a diagnostic sits. Terraform points
 * at the configuration expression of the path. Set elements have no step (a path stops at the
 * set), as in the protocol.
 */
export type PathStep =
  | { readonly kind: "attribute"; readonly name: string }
  | { readonly kind: "key"; readonly key: string }
  | { readonly kind: "index"; readonly index: number };

export type AttributePath = readonly PathStep[];

/** `path("endpoints", 0, "ip_address")`: strings are attribute names, numbers list indexes. */
export function path(...parts: (string | number | PathStep)[]): AttributePath {
  return parts.map((p) =>
    typeof p === "string" ? { kind: "attribute", name: p } : typeof p === "number" ? { kind: "index", index: p } : p,
  );
}

export function mapKey(key: string): PathStep {
  return { kind: "key", key };
}

/** Terraform's address style: `endpoints[0].ip_address`, `tags["a"]`. */
export function formatPath(p: AttributePath): string {
  let out = "";
  for (const step of p) {
    if (step.kind === "attribute") out += out ? `.${step.name}` : step.name;
    else if (step.kind === "index") out += `[${step.index}]`;
    else out += `[${JSON.stringify(step.key)}]`;
  }
  return out;
}
