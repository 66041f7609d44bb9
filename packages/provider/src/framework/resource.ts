/**
 * The resource, data source and provider contracts a provider implements. Values are objects
 * of the schema's implied type (`ValueRecord`, attribute name → value); the framework decodes and
 * encodes them, plans, validates and checks results. Methods report problems through
 * `diagnostics` and never need to throw (an exception is caught and reported as a provider bug).
 *
 * Declare conformance with `satisfies ResourceType<MyProviderData>` so the compiler checks it.
 */
import type { ValueRecord } from "../cty/values.js";
import type { Diagnostics } from "./diagnostics.js";
import type { AttributePath } from "./path.js";
import type { PrivateState } from "./private-state.js";
import type { Schema } from "./schema.js";

interface Common<P> {
  readonly providerData: P;
  /** Aborted when Terraform asks the provider to stop (Ctrl-C); long waits must honour it. */
  readonly signal: AbortSignal;
  readonly diagnostics: Diagnostics;
}

export interface ValidateConfigRequest {
  /** May hold unknown values (references to things not yet created). */
  readonly config: ValueRecord;
  readonly diagnostics: Diagnostics;
}

export interface ModifyPlanRequest<P> extends Common<P> {
  readonly config: ValueRecord;
  /** Null on create. */
  readonly prior: ValueRecord | null;
  /** The plan so far; change it in place. */
  readonly plan: ValueRecord;
  /** Add a path to turn this update into a replacement. */
  readonly requiresReplace: AttributePath[];
  readonly private: PrivateState;
}

export interface CreateRequest<P> extends Common<P> {
  readonly config: ValueRecord;
  /** The planned object; computed attributes may be unknown and must be filled in. */
  readonly plan: ValueRecord;
  readonly private: PrivateState;
}

export interface ReadRequest<P> extends Common<P> {
  readonly state: ValueRecord;
  readonly private: PrivateState;
}

export interface UpdateRequest<P> extends Common<P> {
  readonly config: ValueRecord;
  readonly plan: ValueRecord;
  readonly prior: ValueRecord;
  readonly private: PrivateState;
}

export interface DeleteRequest<P> extends Common<P> {
  readonly prior: ValueRecord;
  readonly private: PrivateState;
}

export interface ImportRequest<P> extends Common<P> {
  readonly id: string;
  readonly private: PrivateState;
}

export interface UpgradeStateRequest {
  /** The schema version the stored state was written with (lower than the current one). */
  readonly version: number;
  /** The stored JSON, parsed. */
  readonly rawState: unknown;
  readonly diagnostics: Diagnostics;
}

export interface ResourceType<P = unknown> {
  readonly typeName: string;
  readonly schema: Schema;
  validateConfig?(req: ValidateConfigRequest): void | Promise<void>;
  modifyPlan?(req: ModifyPlanRequest<P>): void | Promise<void>;
  /**
   * Returns the new state. Returning a state together with error diagnostics records the object
   * as created but tainted — use that whenever the remote object exists, so nothing is ever left
   * untracked. Return null only when nothing was created.
   */
  create(req: CreateRequest<P>): Promise<ValueRecord | null>;
  /** Returns the refreshed state, or null when the object no longer exists. */
  read(req: ReadRequest<P>): Promise<ValueRecord | null>;
  /** Returns the new state. Without `update`, every planned change must be a replacement. */
  update?(req: UpdateRequest<P>): Promise<ValueRecord | null>;
  delete(req: DeleteRequest<P>): Promise<void>;
  /** Returns a (partial) state from an import id; `read` fills in the rest. */
  importState?(req: ImportRequest<P>): Promise<ValueRecord | null>;
  /** Converts state stored with an older schema version into the current shape. */
  upgradeState?(req: UpgradeStateRequest): ValueRecord | null;
}

export interface ReadDataSourceRequest<P> extends Common<P> {
  readonly config: ValueRecord;
}

export interface DataSourceType<P = unknown> {
  readonly typeName: string;
  readonly schema: Schema;
  validateConfig?(req: ValidateConfigRequest): void | Promise<void>;
  /** Returns the full object (configuration plus every computed attribute). */
  read(req: ReadDataSourceRequest<P>): Promise<ValueRecord | null>;
}

export interface ConfigureRequest {
  readonly config: ValueRecord;
  readonly terraformVersion: string;
  readonly diagnostics: Diagnostics;
  readonly signal: AbortSignal;
}

export interface ProviderType<P = unknown> {
  /** The provider's local name, e.g. `mongodbatlas` (resource names start with it). */
  readonly typeName: string;
  readonly version: string;
  readonly schema: Schema;
  /** Schema of `provider_meta "<name>"` blocks in modules' `terraform` blocks, if any. */
  readonly metaSchema?: Schema;
  validateConfig?(req: ValidateConfigRequest): void | Promise<void>;
  /** Returns the data every resource call receives (an API client, …). */
  configure(req: ConfigureRequest): Promise<P>;
  readonly resources: readonly ResourceType<P>[];
  readonly dataSources: readonly DataSourceType<P>[];
}
