/**
 * What the console's server sends its browser code: shared by both sides (the browser bundle
 * imports these types only, so this file must stay free of Node imports).
 *
 * Objects are sent flat and keyed (`key`), so a live event can replace one object without the
 * page re-fetching everything; the browser assembles the tree (organization → project →
 * endpoint services by provider and region → endpoints).
 */
export type Provider = "AWS" | "AZURE" | "GCP";

/** One entry of an object's timeline: a status it entered, when (emulator time), and why. */
export interface TimelineEntry {
  /** ISO time, emulator clock. */
  readonly at: string;
  /** null for the first entry (creation, or the status found when the console started). */
  readonly from: string | null;
  readonly to: string;
  /** timer | reads | request | cascade | control | created | observed */
  readonly cause: string;
  readonly errorMessage: string | null;
}

/** A labelled value the API computes (cloud-side names, addresses). */
export interface NamedValue {
  readonly label: string;
  /** The wire field it comes from, e.g. `endpointServiceName` or `serviceAttachmentNames[0]`. */
  readonly field: string;
  readonly value: string | null;
}

export interface Pending {
  /** ISO time of the next timed step, or null. */
  readonly nextAt: string | null;
  /** Reads left before a read-based step, or null. */
  readonly readsLeft: number | null;
}

export interface ImportId {
  /** The Terraform resource type this id imports. */
  readonly resource: string;
  readonly format: string;
  readonly value: string;
}

export interface ServiceView {
  /** `es:<id>` */
  readonly key: string;
  readonly id: string;
  readonly projectId: string;
  readonly provider: Provider;
  /** Atlas form, as the API answers (`US_EAST_1`). */
  readonly regionName: string;
  /** The cloud's own form (`us-east-1`, `eastus2`, `us-central1`), when known. */
  readonly cloudRegion: string | null;
  readonly status: string;
  readonly errorMessage: string | null;
  readonly names: readonly NamedValue[];
  readonly importId: ImportId;
  readonly pending: Pending;
  /** ISO time the current status was entered (emulator clock). */
  readonly since: string;
  readonly statuses: readonly string[];
  readonly timeline: readonly TimelineEntry[];
}

export interface EndpointView {
  /** `pe:<serviceId>/<endpointId>` */
  readonly key: string;
  readonly serviceId: string;
  /** `vpce-…`, the Azure resource id, or the GCP endpoint group name. */
  readonly endpointId: string;
  readonly projectId: string;
  readonly provider: Provider;
  readonly status: string;
  readonly errorMessage: string | null;
  readonly deleteRequested: boolean;
  readonly names: readonly NamedValue[];
  readonly importId: ImportId;
  readonly pending: Pending;
  readonly since: string;
  readonly statuses: readonly string[];
  /** The status a cloud-side refusal ends in: REJECTED (AWS) or FAILED (Azure, GCP). */
  readonly failureStatus: string;
  readonly timeline: readonly TimelineEntry[];
}

export interface ProjectView {
  readonly id: string;
  readonly orgId: string;
  readonly name: string;
  readonly regionalMode: boolean;
}

export interface OrgView {
  readonly id: string;
  readonly name: string;
}

export interface CloudRegistration {
  readonly provider: Provider;
  readonly id: string;
}

export interface EmulatorSummary {
  readonly version: string;
  /** ISO, emulator clock. */
  readonly now: string;
  readonly epochMs: number;
  readonly clockMode: string;
  readonly nextDeadline: string | null;
  readonly profile: string;
  readonly strictCloud: boolean;
  readonly counts: Readonly<Record<string, number>>;
}

export interface ConsoleState {
  readonly summary: EmulatorSummary;
  readonly orgs: readonly OrgView[];
  readonly projects: readonly ProjectView[];
  readonly services: readonly ServiceView[];
  readonly endpoints: readonly EndpointView[];
  readonly cloud: readonly CloudRegistration[];
  /** Operation ids a fault rule may name. */
  readonly operations: readonly string[];
  /** True when there were more services or endpoints than a snapshot carries. */
  readonly truncated: boolean;
}

/** A live change, as sent on `GET /console/api/events` (event name `change`). */
export type ConsoleChange =
  | { readonly kind: "service"; readonly service: ServiceView; readonly transition: TransitionNote | null }
  | { readonly kind: "endpoint"; readonly endpoint: EndpointView; readonly transition: TransitionNote | null }
  | { readonly kind: "removed"; readonly key: string; readonly label: string }
  /** Something the view does not patch in place (projects, organizations, reset): re-read. */
  | { readonly kind: "refresh"; readonly reason: string };

export interface TransitionNote {
  readonly from: string | null;
  readonly to: string;
  readonly cause: string;
}

export interface SessionInfo {
  /** Who logged in: the API key's public key, or "start-up token". Never a secret. */
  readonly principal: string;
  readonly csrf: string;
}

/** The header every state-changing console request carries (the session's CSRF token). */
export const CSRF_HEADER = "x-console-csrf";
