import {
  AWS_CONNECTION_STATUSES,
  AZURE_ENDPOINT_STATUSES,
  GCP_ENDPOINT_GROUP_STATUSES,
  type CloudProvider,
} from "@atlas-privatelink/atlas-api";

/**
 * The lifecycle of every emulated object, as a pure table: given an object's kind, provider,
 * current status and a few facts, it says what the object becomes next. No clock, no store, no
 * I/O: the scheduler decides *when* a step happens (from the timing profile) and supplies the
 * facts (strict-cloud verdict, injected faults); this file decides *what* happens.
 *
 * Source of the state machines: ../shared/reference/atlas-api.md §5 and §13.11 (recordings,
 * legacy docs), and the Terraform provider's pending/target sets (official-provider.md §3), which
 * every status emitted here must flow through:
 * - service create wait: pending INITIATING, DELETING; target AVAILABLE, WAITING_FOR_USER, FAILED, 404.
 * - endpoint create wait: pending NONE, INITIATING, PENDING_ACCEPTANCE, PENDING, DELETING, VERIFIED;
 *   target AVAILABLE, REJECTED, FAILED, 404.
 * - endpoint delete wait: pending PENDING_ACCEPTANCE, PENDING, DELETING, INITIATING; target REJECTED, FAILED, 404.
 */
export type ObjectKind = "endpointService" | "privateEndpoint";

/** Pseudo-status: the object is removed (GET answers 404). */
export const GONE = "GONE";

export interface LifecycleOptions {
  /** AWS services wait in WAITING_FOR_USER until their first endpoint is AVAILABLE (older Atlas,
   * legacy v1 docs). Default false: v2 recordings go straight to AVAILABLE. */
  readonly awsWaitingForUser: boolean;
  /** DELETE of a service that still has endpoints deletes them too, instead of answering 409
   * CANNOT_DELETE_PRIVATELINK_WITH_ENDPOINTS. */
  readonly cascadeServiceDelete: boolean;
  /** Deleting the last endpoint of a service also deletes the service (the spec's description of
   * deletePrivateEndpoint; unverified against the real server). */
  readonly deleteServiceWithLastEndpoint: boolean;
  /** PATCH supportedRemoteRegions sends the service back to INITIATING (Terraform waits for it). */
  readonly updateReinitiates: boolean;
  /** Endpoint ids must be registered on the simulated cloud side, or the endpoint is rejected. */
  readonly strictCloud: boolean;
  /** Number of GCP service attachments of a legacy (not port-mapped) service (recorded: 6). */
  readonly gcpServiceAttachments: number;
}

export const DEFAULT_LIFECYCLE_OPTIONS: LifecycleOptions = {
  awsWaitingForUser: false,
  cascadeServiceDelete: false,
  deleteServiceWithLastEndpoint: false,
  updateReinitiates: true,
  strictCloud: false,
  gcpServiceAttachments: 6,
};

/** A lifecycle outcome injected by a fault rule, stored on the object it was created for. */
export interface ForcedOutcome {
  readonly outcome: "FAILED" | "REJECTED";
  readonly errorMessage: string | null;
}

export interface StepFacts {
  readonly options: LifecycleOptions;
  readonly forced: ForcedOutcome | null;
  /** Strict cloud mode: the message Atlas gives when the cloud object does not exist; null when
   * the cloud side accepts the endpoint (or strict mode is off). */
  readonly cloudRejection: string | null;
  /** Atlas' message for this endpoint when its cloud object is not found (lifecycle/cloud.ts
   * `notFoundMessage`): what a fault rule's rejection without a message says. Null for service
   * steps. */
  readonly notFoundMessage: string | null;
}

export interface Step {
  readonly to: string;
  readonly errorMessage: string | null;
}

export interface TimedRule {
  readonly kind: ObjectKind;
  readonly provider: CloudProvider;
  readonly from: string;
  /** What the step can lead to, for documentation and the profile listing. */
  readonly to: readonly string[];
  decide(facts: StepFacts): Step;
}

const PROVIDERS: readonly CloudProvider[] = ["AWS", "AZURE", "GCP"];

/** Default message of a service forced to FAILED without one. DIVERGENCE: service-failure-wording — Atlas' wording for a
 * failed service is not recorded. */
export const DEFAULT_SERVICE_FAILURE = "Atlas failed to create the private endpoint service.";

function endpointFailure(provider: CloudProvider, facts: StepFacts, next: string): Step {
  const failed: string = provider === "AWS" ? "REJECTED" : "FAILED";
  if (facts.forced) return { to: failed, errorMessage: facts.forced.errorMessage ?? facts.notFoundMessage };
  if (facts.cloudRejection !== null) return { to: failed, errorMessage: facts.cloudRejection };
  return { to: next, errorMessage: null };
}

function rules(): TimedRule[] {
  const out: TimedRule[] = [];
  for (const provider of PROVIDERS) {
    out.push({
      kind: "endpointService",
      provider,
      from: "INITIATING",
      to: provider === "AWS" ? ["AVAILABLE", "WAITING_FOR_USER", "FAILED"] : ["AVAILABLE", "FAILED"],
      decide: (facts) => {
        if (facts.forced) return { to: "FAILED", errorMessage: facts.forced.errorMessage ?? DEFAULT_SERVICE_FAILURE };
        if (provider === "AWS" && facts.options.awsWaitingForUser) return { to: "WAITING_FOR_USER", errorMessage: null };
        return { to: "AVAILABLE", errorMessage: null };
      },
    });
    out.push({ kind: "endpointService", provider, from: "DELETING", to: [GONE], decide: () => ({ to: GONE, errorMessage: null }) });
    out.push({ kind: "privateEndpoint", provider, from: "DELETING", to: [GONE], decide: () => ({ to: GONE, errorMessage: null }) });
  }
  // AWS interface endpoint: the connection request is accepted (or rejected) by Atlas, then AWS
  // establishes it.
  out.push({
    kind: "privateEndpoint",
    provider: "AWS",
    from: "PENDING_ACCEPTANCE",
    to: ["PENDING", "REJECTED"],
    decide: (facts) => endpointFailure("AWS", facts, "PENDING"),
  });
  out.push({ kind: "privateEndpoint", provider: "AWS", from: "PENDING", to: ["AVAILABLE"], decide: () => ({ to: "AVAILABLE", errorMessage: null }) });
  out.push({
    kind: "privateEndpoint",
    provider: "AZURE",
    from: "INITIATING",
    to: ["AVAILABLE", "FAILED"],
    decide: (facts) => endpointFailure("AZURE", facts, "AVAILABLE"),
  });
  out.push({
    kind: "privateEndpoint",
    provider: "GCP",
    from: "INITIATING",
    to: ["VERIFIED", "FAILED"],
    decide: (facts) => endpointFailure("GCP", facts, "VERIFIED"),
  });
  out.push({ kind: "privateEndpoint", provider: "GCP", from: "VERIFIED", to: ["AVAILABLE"], decide: () => ({ to: "AVAILABLE", errorMessage: null }) });
  return out;
}

/** Every timed step of every object and provider. */
export const TIMED_RULES: readonly TimedRule[] = rules();

const ruleIndex = new Map<string, TimedRule>(TIMED_RULES.map((r) => [transitionKey(r.kind, r.provider, r.from), r]));

/** `endpointService.AWS.INITIATING`: the name of a timed step in profiles and events. */
export function transitionKey(kind: ObjectKind, provider: CloudProvider, from: string): string {
  return `${kind}.${provider}.${from}`;
}

export function timedRule(kind: ObjectKind, provider: CloudProvider, status: string): TimedRule | undefined {
  return ruleIndex.get(transitionKey(kind, provider, status));
}

/** The next status of an object whose timer (or read count) for `status` ran out; undefined when
 * `status` is stable (AVAILABLE, FAILED, REJECTED, WAITING_FOR_USER). */
export function timedStep(kind: ObjectKind, provider: CloudProvider, status: string, facts: StepFacts): Step | undefined {
  return timedRule(kind, provider, status)?.decide(facts);
}

// ---- steps caused by requests or by other objects ---------------------------------------------

export const INITIAL_SERVICE_STATUS = "INITIATING";

export function initialEndpointStatus(provider: CloudProvider): string {
  return provider === "AWS" ? "PENDING_ACCEPTANCE" : "INITIATING";
}

/** A service accepts new endpoints once its cloud side exists. */
export function serviceAcceptsEndpoints(status: string): boolean {
  return status === "AVAILABLE" || status === "WAITING_FOR_USER";
}

/** DELETE of a service or endpoint: it enters DELETING whatever its status (idempotent). */
export function onDeleteRequested(): Step {
  return { to: "DELETING", errorMessage: null };
}

/** PATCH of a service's supportedRemoteRegions. */
export function onServiceUpdated(status: string, options: LifecycleOptions): Step | undefined {
  if (!options.updateReinitiates) return undefined;
  if (status === "AVAILABLE" || status === "WAITING_FOR_USER") return { to: "INITIATING", errorMessage: null };
  return undefined;
}

/** An endpoint of the service became AVAILABLE: a legacy AWS service leaves WAITING_FOR_USER. */
export function onEndpointAvailable(serviceStatus: string): Step | undefined {
  return serviceStatus === "WAITING_FOR_USER" ? { to: "AVAILABLE", errorMessage: null } : undefined;
}

/** The statuses an endpoint of `provider` shows, so the ones the control API may set and the
 * console offers: the API's enum, less GCP `DELETED` (the divergence endpoint-statuses in
 * docs/emulator.md: an endpoint is gone, 404, after DELETING). */
export function endpointStatuses(provider: CloudProvider): readonly string[] {
  if (provider === "AWS") return AWS_CONNECTION_STATUSES;
  if (provider === "AZURE") return AZURE_ENDPOINT_STATUSES;
  return GCP_ENDPOINT_GROUP_STATUSES.filter((s) => s !== "DELETED");
}

/** The status of each GCP forwarding rule, derived from its endpoint group's status. */
export function gcpForwardingRuleStatus(groupStatus: string): "INITIATING" | "AVAILABLE" | "FAILED" | "DELETING" {
  switch (groupStatus) {
    case "AVAILABLE":
      return "AVAILABLE";
    case "FAILED":
      return "FAILED";
    case "DELETING":
      return "DELETING";
    default:
      return "INITIATING";
  }
}
