import type { Principal } from "../auth/principal.js";
import type { EmulatorCore } from "../core.js";
import type { FaultDecision } from "../faults/rules.js";
import type { ProjectRow } from "../store/store.js";

/**
 * One Atlas API operation: where it lives, which versions it serves, what role it needs, and a
 * handler that turns a validated request into a result (or throws an ApiError).
 */
export type ApiRoot = "v2" | "v1";
export type Access = "read" | "owner" | "orgOwner" | "authenticated";
export type RateSet = "privateEndpoint" | "default";

export interface HandlerContext {
  readonly core: EmulatorCore;
  readonly principal: Principal;
  /** The project of `{groupId}` routes, visible to the caller. */
  readonly project: ProjectRow | undefined;
  /** Path parameters, percent-decoded; `groupId`, `endpointServiceId` and `cloudProvider`
   * already validated. */
  readonly params: Readonly<Record<string, string>>;
  /** Parsed JSON body (routes with `body: true`), else undefined. */
  readonly body: unknown;
  readonly query: URLSearchParams;
  readonly root: ApiRoot;
  /** `http://host` as the client addressed us, for `links`. */
  readonly origin: string;
  /** Raw path without the query. */
  readonly rawPath: string;
  readonly fault: FaultDecision | null;
}

export interface ApiResult {
  readonly status: number;
  /** undefined: no body (204). */
  readonly body?: unknown;
}

export interface ApiRouteDef {
  readonly operationId: string;
  readonly method: "GET" | "POST" | "PATCH" | "DELETE";
  /** Below the API root, e.g. `/groups/{groupId}/privateEndpoint/regionalMode`. */
  readonly template: string;
  readonly roots: readonly ApiRoot[];
  /** Resource versions served on v2 (newest not after the requested date wins). */
  readonly versions: readonly string[];
  readonly access: Access;
  readonly rateSet: RateSet;
  readonly body: boolean;
  handle(ctx: HandlerContext): ApiResult;
}

export const ROOT_PREFIX: Readonly<Record<ApiRoot, string>> = { v2: "/api/atlas/v2", v1: "/api/atlas/v1.0" };
