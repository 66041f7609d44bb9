import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { CloudProvider } from "@atlas-privatelink/atlas-api";
import { cloudNotFoundMessage } from "./cloud.js";
import {
  DEFAULT_LIFECYCLE_OPTIONS,
  GONE,
  TIMED_RULES,
  gcpForwardingRuleStatus,
  initialEndpointStatus,
  onEndpointAvailable,
  onServiceUpdated,
  serviceAcceptsEndpoints,
  timedStep,
  type StepFacts,
} from "./transitions.js";

const facts = (over: Partial<StepFacts> = {}): StepFacts => ({ options: DEFAULT_LIFECYCLE_OPTIONS, forced: null, cloudRejection: null, notFoundMessage: null, ...over });

/** Walks the timed steps from `start` until a stable status or GONE. */
function walk(kind: "endpointService" | "privateEndpoint", provider: CloudProvider, start: string, f: StepFacts): string[] {
  const path = [start];
  let status = start;
  for (let i = 0; i < 10; i++) {
    const step = timedStep(kind, provider, status, f);
    if (!step) return path;
    path.push(step.to);
    if (step.to === GONE) return path;
    status = step.to;
  }
  throw new Error("cycle");
}

// The Terraform provider's wait sets (official-provider.md §3): every status we emit on the way
// must be pending, and the end must be a target — or the real provider would fail its wait.
const TF = {
  serviceCreatePending: ["INITIATING", "DELETING"],
  serviceCreateTarget: ["WAITING_FOR_USER", "FAILED", "DELETED", "AVAILABLE"],
  serviceDeletePending: ["DELETING"],
  serviceDeleteTarget: ["DELETED", "FAILED"],
  endpointCreatePending: ["NONE", "INITIATING", "PENDING_ACCEPTANCE", "PENDING", "DELETING", "VERIFIED"],
  endpointCreateTarget: ["AVAILABLE", "REJECTED", "DELETED", "FAILED"],
  endpointDeletePending: ["NONE", "PENDING_ACCEPTANCE", "PENDING", "DELETING", "INITIATING"],
  endpointDeleteTarget: ["REJECTED", "DELETED", "FAILED"],
};

function assertFlows(path: string[], pending: string[], target: string[]): void {
  const shown = path.map((s) => (s === GONE ? "DELETED" : s));
  for (const s of shown.slice(0, -1)) assert.ok(pending.includes(s), `${s} is not pending in ${JSON.stringify(pending)} (path ${shown.join(" → ")})`);
  assert.ok(target.includes(shown[shown.length - 1]!), `path ${shown.join(" → ")} does not end in ${JSON.stringify(target)}`);
}

describe("lifecycle table", () => {
  const providers: CloudProvider[] = ["AWS", "AZURE", "GCP"];
  const cases: { name: string; kind: "endpointService" | "privateEndpoint"; provider: CloudProvider; start: string; f: StepFacts; expected: string[] }[] = [
    { name: "AWS service becomes AVAILABLE (v2 recordings)", kind: "endpointService", provider: "AWS", start: "INITIATING", f: facts(), expected: ["INITIATING", "AVAILABLE"] },
    {
      name: "AWS service waits for the user with awsWaitingForUser",
      kind: "endpointService",
      provider: "AWS",
      start: "INITIATING",
      f: facts({ options: { ...DEFAULT_LIFECYCLE_OPTIONS, awsWaitingForUser: true } }),
      expected: ["INITIATING", "WAITING_FOR_USER"],
    },
    {
      name: "awsWaitingForUser does not apply to Azure",
      kind: "endpointService",
      provider: "AZURE",
      start: "INITIATING",
      f: facts({ options: { ...DEFAULT_LIFECYCLE_OPTIONS, awsWaitingForUser: true } }),
      expected: ["INITIATING", "AVAILABLE"],
    },
    { name: "a forced service failure", kind: "endpointService", provider: "GCP", start: "INITIATING", f: facts({ forced: { outcome: "FAILED", errorMessage: "boom" } }), expected: ["INITIATING", "FAILED"] },
    { name: "service delete", kind: "endpointService", provider: "AZURE", start: "DELETING", f: facts(), expected: ["DELETING", GONE] },
    { name: "AWS endpoint", kind: "privateEndpoint", provider: "AWS", start: "PENDING_ACCEPTANCE", f: facts(), expected: ["PENDING_ACCEPTANCE", "PENDING", "AVAILABLE"] },
    {
      name: "AWS endpoint unknown to the strict cloud",
      kind: "privateEndpoint",
      provider: "AWS",
      start: "PENDING_ACCEPTANCE",
      f: facts({ cloudRejection: "Interface endpoint vpce-1 was not found." }),
      expected: ["PENDING_ACCEPTANCE", "REJECTED"],
    },
    { name: "Azure endpoint", kind: "privateEndpoint", provider: "AZURE", start: "INITIATING", f: facts(), expected: ["INITIATING", "AVAILABLE"] },
    { name: "Azure endpoint forced to fail", kind: "privateEndpoint", provider: "AZURE", start: "INITIATING", f: facts({ forced: { outcome: "REJECTED", errorMessage: null } }), expected: ["INITIATING", "FAILED"] },
    { name: "GCP endpoint group", kind: "privateEndpoint", provider: "GCP", start: "INITIATING", f: facts(), expected: ["INITIATING", "VERIFIED", "AVAILABLE"] },
    { name: "GCP endpoint group rejected by the cloud", kind: "privateEndpoint", provider: "GCP", start: "INITIATING", f: facts({ cloudRejection: "x" }), expected: ["INITIATING", "FAILED"] },
    { name: "endpoint delete", kind: "privateEndpoint", provider: "GCP", start: "DELETING", f: facts(), expected: ["DELETING", GONE] },
  ];
  for (const c of cases) it(c.name, () => assert.deepEqual(walk(c.kind, c.provider, c.start, c.f), c.expected));

  it("the errorMessage of a rejected endpoint is Atlas' text", () => {
    const step = timedStep("privateEndpoint", "AWS", "PENDING_ACCEPTANCE", facts({ cloudRejection: cloudNotFoundMessage("AWS", "vpce-11111111111111111") }));
    assert.deepEqual(step, { to: "REJECTED", errorMessage: "Interface endpoint vpce-11111111111111111 was not found." });
  });

  it("a forced outcome without a message still carries one (Terraform keys failure on errorMessage)", () => {
    const s = timedStep("endpointService", "AWS", "INITIATING", facts({ forced: { outcome: "FAILED", errorMessage: null } }));
    assert.equal(s?.to, "FAILED");
    assert.ok(s?.errorMessage);
    const notFoundMessage = cloudNotFoundMessage("AWS", "vpce-0123456789abcdef0"); // the scheduler passes one for every endpoint step
    const e = timedStep("privateEndpoint", "AWS", "PENDING_ACCEPTANCE", facts({ forced: { outcome: "REJECTED", errorMessage: null }, notFoundMessage }));
    assert.ok(e?.errorMessage);
  });

  it("a forced endpoint rejection without a message says the cloud's not-found message (Atlas' for AWS), as strict mode does", () => {
    const forced = { outcome: "REJECTED" as const, errorMessage: null };
    const aws = timedStep("privateEndpoint", "AWS", "PENDING_ACCEPTANCE", facts({ forced, notFoundMessage: cloudNotFoundMessage("AWS", "vpce-0123456789abcdef0") }));
    assert.deepEqual(aws, { to: "REJECTED", errorMessage: "Interface endpoint vpce-0123456789abcdef0 was not found." });
    for (const [provider, id] of [["AZURE", "/subscriptions/s/resourceGroups/g/providers/Microsoft.Network/privateEndpoints/pe"], ["GCP", "rule-0"]] as const) {
      const notFoundMessage = cloudNotFoundMessage(provider, id);
      const step = timedStep("privateEndpoint", provider, "INITIATING", facts({ forced, notFoundMessage }));
      assert.deepEqual(step, { to: "FAILED", errorMessage: notFoundMessage }, provider);
      assert.deepEqual(timedStep("privateEndpoint", provider, "INITIATING", facts({ cloudRejection: notFoundMessage, notFoundMessage })), step, `${provider}: the strict cloud's wording`);
    }
    // A message of the rule comes first.
    const given = timedStep("privateEndpoint", "AWS", "PENDING_ACCEPTANCE", facts({ forced: { outcome: "REJECTED", errorMessage: "Denied." }, notFoundMessage: "x" }));
    assert.equal(given?.errorMessage, "Denied.");
  });

  for (const provider of providers) {
    it(`${provider}: every path flows through Terraform's wait state machines`, () => {
      for (const opts of [DEFAULT_LIFECYCLE_OPTIONS, { ...DEFAULT_LIFECYCLE_OPTIONS, awsWaitingForUser: true }]) {
        for (const forced of [null, { outcome: "FAILED" as const, errorMessage: "x" }]) {
          assertFlows(walk("endpointService", provider, "INITIATING", facts({ options: opts, forced })), TF.serviceCreatePending, TF.serviceCreateTarget);
        }
      }
      assertFlows(walk("endpointService", provider, "DELETING", facts()), TF.serviceDeletePending, TF.serviceDeleteTarget);
      for (const rejection of [null, "nope"]) {
        assertFlows(walk("privateEndpoint", provider, initialEndpointStatus(provider), facts({ cloudRejection: rejection })), TF.endpointCreatePending, TF.endpointCreateTarget);
      }
      assertFlows(walk("privateEndpoint", provider, "DELETING", facts()), TF.endpointDeletePending, TF.endpointDeleteTarget);
    });
  }

  it("every timed rule is reachable from a provider's states and leads only to declared statuses", () => {
    for (const rule of TIMED_RULES) {
      const step = rule.decide(facts());
      assert.ok(rule.to.includes(step.to), `${rule.kind}.${rule.provider}.${rule.from} → ${step.to} not in ${rule.to.join(",")}`);
    }
  });

  it("event-driven steps", () => {
    assert.deepEqual(onEndpointAvailable("WAITING_FOR_USER"), { to: "AVAILABLE", errorMessage: null });
    assert.equal(onEndpointAvailable("AVAILABLE"), undefined);
    assert.deepEqual(onServiceUpdated("AVAILABLE", DEFAULT_LIFECYCLE_OPTIONS), { to: "INITIATING", errorMessage: null });
    assert.equal(onServiceUpdated("AVAILABLE", { ...DEFAULT_LIFECYCLE_OPTIONS, updateReinitiates: false }), undefined);
    assert.equal(onServiceUpdated("DELETING", DEFAULT_LIFECYCLE_OPTIONS), undefined);
    assert.equal(serviceAcceptsEndpoints("AVAILABLE"), true);
    assert.equal(serviceAcceptsEndpoints("WAITING_FOR_USER"), true);
    for (const s of ["INITIATING", "FAILED", "DELETING"]) assert.equal(serviceAcceptsEndpoints(s), false);
  });

  it("GCP forwarding rules follow their group", () => {
    const cases: [string, string][] = [
      ["INITIATING", "INITIATING"],
      ["VERIFIED", "INITIATING"],
      ["AVAILABLE", "AVAILABLE"],
      ["FAILED", "FAILED"],
      ["DELETING", "DELETING"],
    ];
    for (const [group, rule] of cases) assert.equal(gcpForwardingRuleStatus(group), rule);
  });
});
