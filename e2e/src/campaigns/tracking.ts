/**
 * "Nothing untracked, nothing lost": the objects the emulator holds compared with the objects a
 * Terraform state records, by id. A service is `<provider>/<private_link_id>`, an endpoint
 * `<private_link_id>/<endpoint id>` (AWS vpce id, Azure ARM id, GCP endpoint group name).
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { EmulatorEvent, ObjectsListing } from "@atlas-privatelink/emulator";
import type { TerraformStateFile } from "../harness/terraform.js";

export interface Inventory {
  readonly services: readonly string[];
  readonly endpoints: readonly string[];
}

function endpointId(e: Record<string, unknown>): string {
  switch (e["cloudProvider"]) {
    case "AWS":
      return String(e["interfaceEndpointId"]);
    case "AZURE":
      return String(e["privateEndpointResourceId"]);
    default:
      return String(e["endpointGroupName"]);
  }
}

/** What the emulator holds (from `GET /_emulator/objects`). */
export function emulatorInventory(listing: Pick<ObjectsListing, "endpointServices" | "privateEndpoints">): Inventory {
  return {
    services: listing.endpointServices.map((s) => `${String(s["cloudProvider"])}/${String(s["id"])}`).sort(),
    endpoints: listing.privateEndpoints.map((e) => `${e.endpointServiceId}/${endpointId(e)}`).sort(),
  };
}

/** What a state file records (every instance, tainted ones included). */
export function stateInventory(state: TerraformStateFile | undefined): Inventory {
  const services: string[] = [];
  const endpoints: string[] = [];
  for (const r of state?.resources ?? []) {
    if (r.mode !== "managed") continue;
    for (const i of r.instances) {
      const a = i.attributes;
      if (r.type === "mongodbatlas_privatelink_endpoint") services.push(`${String(a["provider_name"])}/${String(a["private_link_id"])}`);
      if (r.type === "mongodbatlas_privatelink_endpoint_service") endpoints.push(`${String(a["private_link_id"])}/${String(a["endpoint_service_id"])}`);
    }
  }
  return { services: services.sort(), endpoints: endpoints.sort() };
}

/**
 * The state file of a working directory, or undefined before the first apply. Terraform rewrites
 * the file in place, so a read racing a write may see it half-written: retried a few times.
 */
export async function readState(dir: string): Promise<TerraformStateFile | undefined> {
  const file = join(dir, "terraform.tfstate");
  for (let attempt = 0; ; attempt++) {
    if (!existsSync(file)) return undefined;
    const text = readFileSync(file, "utf8");
    if (text.trim() === "") return undefined;
    try {
      return JSON.parse(text) as TerraformStateFile;
    } catch (error) {
      if (attempt >= 20) throw error;
      await new Promise((r) => setTimeout(r, 25));
    }
  }
}

export interface Comparison {
  /** Held by the emulator, unknown to the state: an orphan. */
  readonly untracked: string[];
  /** Recorded in state, gone from the emulator. */
  readonly lost: string[];
  /** Recorded more than once in state, or held more than once. */
  readonly duplicates: string[];
}

function dupes(xs: readonly string[]): string[] {
  const seen = new Set<string>();
  const out = new Set<string>();
  for (const x of xs) (seen.has(x) ? out : seen).add(x);
  return [...out];
}

export function compare(held: Inventory, tracked: Inventory): Comparison {
  const heldAll = [...held.services, ...held.endpoints];
  const trackedAll = [...tracked.services, ...tracked.endpoints];
  const t = new Set(trackedAll);
  const h = new Set(heldAll);
  return {
    untracked: heldAll.filter((x) => !t.has(x)),
    lost: trackedAll.filter((x) => !h.has(x)),
    duplicates: [...dupes(heldAll), ...dupes(trackedAll)],
  };
}

export function describeComparison(c: Comparison): string {
  const parts: string[] = [];
  if (c.untracked.length) parts.push(`untracked (held by the emulator, not in state): ${c.untracked.join(", ")}`);
  if (c.lost.length) parts.push(`lost (in state, not held): ${c.lost.join(", ")}`);
  if (c.duplicates.length) parts.push(`duplicated: ${c.duplicates.join(", ")}`);
  return parts.join("; ") || "consistent";
}

/** The key of a service or endpoint event, as in an Inventory (undefined for other objects). */
export function eventKey(e: EmulatorEvent): string | undefined {
  if (e.type === "reset") return undefined;
  const o = e.object;
  if (o.type === "endpointService") return `${o.provider}/${o.id}`;
  if (o.type === "privateEndpoint") return `${o.serviceId}/${o.id}`;
  return undefined;
}

/**
 * Objects created during one Terraform step (from the emulator's event stream) that the state did
 * not record when the step ended: `orphaned` still exist (also caught by `compare`), `transient`
 * were created and deleted again within the step without ever being recorded, and `recreated`
 * were created more than once in the step.
 */
export function createdButUntracked(events: readonly EmulatorEvent[], tracked: Inventory): { orphaned: string[]; transient: string[]; recreated: string[] } {
  const t = new Set([...tracked.services, ...tracked.endpoints]);
  const created = new Map<string, number>();
  const deleted = new Set<string>();
  for (const e of events) {
    const key = eventKey(e);
    if (key === undefined) continue;
    if (e.type === "created") {
      created.set(key, (created.get(key) ?? 0) + 1);
      deleted.delete(key);
    } else if (e.type === "deleted") deleted.add(key);
  }
  const orphaned: string[] = [];
  const transient: string[] = [];
  const recreated: string[] = [];
  for (const [key, n] of created) {
    if (n > 1) recreated.push(`${key} (${n}×)`);
    if (t.has(key)) continue;
    (deleted.has(key) ? transient : orphaned).push(key);
  }
  return { orphaned, transient, recreated };
}
