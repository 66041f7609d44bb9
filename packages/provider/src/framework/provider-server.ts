/**
 * The provider as Terraform's RPCs see it, in terms of decoded values: the plugin layer decodes
 * DynamicValues with the types this exposes, calls these methods, and encodes the results. Here
 * live the rules that are the same for every resource: validation, planning, the apply/read
 * result checks, private state, interrupts, and turning exceptions into diagnostics.
 */
import type { CtyType } from "../cty/types.js";
import { isRecord, isUnknown, type Value, type ValueRecord } from "../cty/values.js";
import { Diagnostics } from "./diagnostics.js";
import { completeObject } from "./objects.js";
import type { AttributePath } from "./path.js";
import { planObject } from "./planning.js";
import { PrivateState } from "./private-state.js";
import type { DataSourceType, ProviderType, ResourceType } from "./resource.js";
import { blockType, checkSchema, type Schema } from "./schema.js";
import { validateObject } from "./validation.js";

export interface Result {
  readonly diagnostics: Diagnostics;
}
export interface StateResult extends Result {
  readonly state: ValueRecord | null;
  readonly private?: Uint8Array | undefined;
}
export interface PlanResult extends Result {
  readonly planned: ValueRecord | null;
  readonly requiresReplace: AttributePath[];
  readonly plannedPrivate?: Uint8Array | undefined;
}
export interface ImportResult extends Result {
  readonly imported: { readonly typeName: string; readonly state: ValueRecord; readonly private?: Uint8Array | undefined }[];
}

export interface ProviderServerOptions {
  /** Where unexpected exceptions are reported besides the diagnostic (stderr by default). */
  readonly log?: (message: string) => void;
}

export class ProviderServer<P = unknown> {
  private readonly resources = new Map<string, ResourceType<P>>();
  private readonly dataSources = new Map<string, DataSourceType<P>>();
  private providerData: P | undefined;
  private configured = false;
  private stopController = new AbortController();
  private readonly log: (message: string) => void;

  constructor(
    readonly provider: ProviderType<P>,
    options: ProviderServerOptions = {},
  ) {
    for (const r of provider.resources) this.resources.set(r.typeName, r);
    for (const d of provider.dataSources) this.dataSources.set(d.typeName, d);
    this.log = options.log ?? ((m) => process.stderr.write(`${m}\n`));
  }

  // ---- schemas ----------------------------------------------------------------------------

  get providerSchema(): Schema {
    return this.provider.schema;
  }
  resourceSchemas(): ReadonlyMap<string, Schema> {
    return new Map([...this.resources].map(([n, r]) => [n, r.schema]));
  }
  dataSourceSchemas(): ReadonlyMap<string, Schema> {
    return new Map([...this.dataSources].map(([n, d]) => [n, d.schema]));
  }
  providerType(): CtyType {
    return blockType(this.provider.schema.block);
  }
  resourceType(typeName: string): CtyType | undefined {
    const r = this.resources.get(typeName);
    return r && blockType(r.schema.block);
  }
  dataSourceType(typeName: string): CtyType | undefined {
    const d = this.dataSources.get(typeName);
    return d && blockType(d.schema.block);
  }
  resourceSchemaVersion(typeName: string): number | undefined {
    return this.resources.get(typeName)?.schema.version;
  }

  /** Problems Terraform would reject the schema for; empty when valid. */
  checkSchemas(): string[] {
    return [
      ...checkSchema(this.provider.schema, "provider"),
      ...[...this.resources].flatMap(([n, r]) => checkSchema(r.schema, n)),
      ...[...this.dataSources].flatMap(([n, d]) => checkSchema(d.schema, `data.${n}`)),
    ];
  }

  // ---- interrupts ---------------------------------------------------------------------------

  /** StopProvider: abort in-flight work. Later calls get a fresh signal. */
  stop(): void {
    const controller = this.stopController;
    this.stopController = new AbortController();
    controller.abort(new Error("Terraform asked the provider to stop (interrupt)"));
  }

  private get signal(): AbortSignal {
    return this.stopController.signal;
  }

  // ---- provider -----------------------------------------------------------------------------

  async validateProviderConfig(config: Value): Promise<Result> {
    const diagnostics = new Diagnostics();
    if (!isRecord(config)) return { diagnostics };
    validateObject(this.provider.schema.block, config, diagnostics);
    await this.guard(diagnostics, "provider", "validate", () => this.provider.validateConfig?.({ config, diagnostics }));
    return { diagnostics };
  }

  async configure(config: Value, terraformVersion: string): Promise<Result> {
    const diagnostics = new Diagnostics();
    const cfg = isRecord(config) ? config : completeObject(this.provider.schema.block, null);
    await this.guard(diagnostics, "provider", "configure", async () => {
      this.providerData = await this.provider.configure({ config: cfg, terraformVersion, diagnostics, signal: this.signal });
      this.configured = !diagnostics.hasErrors();
    });
    return { diagnostics };
  }

  // ---- resources ----------------------------------------------------------------------------

  async validateResourceConfig(typeName: string, config: Value): Promise<Result> {
    const diagnostics = new Diagnostics();
    const r = this.resource(typeName, diagnostics);
    if (!r || !isRecord(config)) return { diagnostics };
    validateObject(r.schema.block, config, diagnostics);
    await this.guard(diagnostics, typeName, "validate", () => r.validateConfig?.({ config, diagnostics }));
    return { diagnostics };
  }

  /** `decoded` is the stored state read with the current schema (used when the version matches);
   * `raw` is the parsed JSON (for upgrades from older versions). */
  upgradeResourceState(typeName: string, version: number, decoded: () => Value, raw: () => unknown): StateResult {
    const diagnostics = new Diagnostics();
    const r = this.resource(typeName, diagnostics);
    if (!r) return { diagnostics, state: null };
    try {
      if (version > r.schema.version) {
        diagnostics.addError(
          "Resource state is from a newer provider",
          `The stored state of ${typeName} has schema version ${version}, but this provider knows version ${r.schema.version}. Use the provider version that wrote the state, or a newer one.`,
        );
        return { diagnostics, state: null };
      }
      // an older version goes through upgradeState; without one, the current schema reads it
      const v = version < r.schema.version && r.upgradeState ? r.upgradeState({ version, rawState: raw(), diagnostics }) : decoded();
      const state = isRecord(v) ? v : null;
      return { diagnostics, state: state && completeObject(r.schema.block, state) };
    } catch (error) {
      this.reportBug(diagnostics, typeName, "upgrade state", error);
      return { diagnostics, state: null };
    }
  }

  async readResource(typeName: string, state: Value, priv: Uint8Array | undefined): Promise<StateResult> {
    const diagnostics = new Diagnostics();
    const r = this.resource(typeName, diagnostics);
    if (!r || !isRecord(state) || !this.requireConfigured(diagnostics)) return { diagnostics, state: isRecord(state) ? state : null, private: priv };
    const privateState = PrivateState.decode(priv);
    let next: ValueRecord | null | undefined;
    await this.guard(diagnostics, typeName, "read", async () => {
      next = await r.read({ state, private: privateState, providerData: this.providerData as P, signal: this.signal, diagnostics });
    });
    if (next === undefined || (next === null && diagnostics.hasErrors())) {
      // an error (or a crash) is not proof the object is gone: keep what we had
      return { diagnostics, state, private: priv };
    }
    const out = next && this.finishState(r, next, diagnostics, "read");
    return { diagnostics, state: out, private: out ? privateState.encode() : undefined };
  }

  async planResourceChange(
    typeName: string,
    prior: Value,
    proposed: Value,
    config: Value,
    priorPrivate: Uint8Array | undefined,
  ): Promise<PlanResult> {
    const diagnostics = new Diagnostics();
    const r = this.resource(typeName, diagnostics);
    if (!r) return { diagnostics, planned: null, requiresReplace: [] };
    if (!isRecord(proposed) || !isRecord(config)) {
      return { diagnostics, planned: null, requiresReplace: [], plannedPrivate: priorPrivate }; // destroy
    }
    const priorObj = isRecord(prior) ? prior : null;
    // Validation again: values unknown at validation time may be known by now (and always are at
    // apply time, when Terraform plans once more with the final configuration).
    validateObject(r.schema.block, config, diagnostics);
    await this.guard(diagnostics, typeName, "validate", () => r.validateConfig?.({ config, diagnostics }));
    const privateState = PrivateState.decode(priorPrivate);
    const { planned, requiresReplace } = planObject({ block: r.schema.block, prior: priorObj, proposed, config, diagnostics });
    const plan = completeObject(r.schema.block, planned);
    if (r.modifyPlan) {
      await this.guard(diagnostics, typeName, "plan", () =>
        r.modifyPlan!({
          config,
          prior: priorObj,
          plan,
          requiresReplace,
          private: privateState,
          providerData: this.providerData as P,
          signal: this.signal,
          diagnostics,
        }),
      );
    }
    return { diagnostics, planned: plan, requiresReplace: dedupePaths(requiresReplace), plannedPrivate: privateState.encode() };
  }

  async applyResourceChange(
    typeName: string,
    prior: Value,
    planned: Value,
    config: Value,
    plannedPrivate: Uint8Array | undefined,
  ): Promise<StateResult> {
    const diagnostics = new Diagnostics();
    const r = this.resource(typeName, diagnostics);
    const priorObj = isRecord(prior) ? prior : null;
    if (!r || !this.requireConfigured(diagnostics)) return { diagnostics, state: priorObj, private: plannedPrivate };
    const privateState = PrivateState.decode(plannedPrivate);
    const common = { providerData: this.providerData as P, signal: this.signal, diagnostics, private: privateState };

    if (!isRecord(planned)) {
      // delete
      if (!priorObj) return { diagnostics, state: null };
      let ok = false;
      await this.guard(diagnostics, typeName, "delete", async () => {
        await r.delete({ ...common, prior: priorObj });
        ok = true;
      });
      // a failed delete keeps the object in state: it still exists
      return ok && !diagnostics.hasErrors() ? { diagnostics, state: null } : { diagnostics, state: priorObj, private: plannedPrivate };
    }

    const cfg = isRecord(config) ? config : planned;
    let result: ValueRecord | null | undefined;
    if (!priorObj) {
      await this.guard(diagnostics, typeName, "create", async () => {
        result = await r.create({ ...common, config: cfg, plan: planned });
      });
      if (!result) return { diagnostics, state: null };
    } else {
      if (!r.update) {
        diagnostics.addError(
          `${typeName} cannot be updated in place`,
          "This change should have been planned as a replacement; this is a bug in the provider. Please report it.",
        );
        return { diagnostics, state: priorObj, private: plannedPrivate };
      }
      await this.guard(diagnostics, typeName, "update", async () => {
        result = await r.update!({ ...common, config: cfg, plan: planned, prior: priorObj });
      });
      if (!result) return { diagnostics, state: priorObj, private: plannedPrivate };
    }
    const state = this.finishState(r, result, diagnostics, "apply");
    return { diagnostics, state, private: privateState.encode() };
  }

  async importResourceState(typeName: string, id: string): Promise<ImportResult> {
    const diagnostics = new Diagnostics();
    const r = this.resource(typeName, diagnostics);
    if (!r || !this.requireConfigured(diagnostics)) return { diagnostics, imported: [] };
    if (!r.importState) {
      diagnostics.addError(`${typeName} cannot be imported`, "This resource type does not support import.");
      return { diagnostics, imported: [] };
    }
    const privateState = PrivateState.decode(undefined);
    let state: ValueRecord | null | undefined;
    await this.guard(diagnostics, typeName, "import", async () => {
      state = await r.importState!({ id, private: privateState, providerData: this.providerData as P, signal: this.signal, diagnostics });
    });
    if (!state || diagnostics.hasErrors()) return { diagnostics, imported: [] };
    return { diagnostics, imported: [{ typeName, state: completeObject(r.schema.block, state), private: privateState.encode() }] };
  }

  // ---- data sources ---------------------------------------------------------------------------

  async validateDataSourceConfig(typeName: string, config: Value): Promise<Result> {
    const diagnostics = new Diagnostics();
    const d = this.dataSource(typeName, diagnostics);
    if (!d || !isRecord(config)) return { diagnostics };
    validateObject(d.schema.block, config, diagnostics);
    await this.guard(diagnostics, `data.${typeName}`, "validate", () => d.validateConfig?.({ config, diagnostics }));
    return { diagnostics };
  }

  async readDataSource(typeName: string, config: Value): Promise<StateResult> {
    const diagnostics = new Diagnostics();
    const d = this.dataSource(typeName, diagnostics);
    if (!d || !isRecord(config) || !this.requireConfigured(diagnostics)) return { diagnostics, state: null };
    validateObject(d.schema.block, config, diagnostics);
    if (diagnostics.hasErrors()) return { diagnostics, state: null };
    let state: ValueRecord | null | undefined;
    await this.guard(diagnostics, `data.${typeName}`, "read", async () => {
      state = await d.read({ config, providerData: this.providerData as P, signal: this.signal, diagnostics });
    });
    if (!state || diagnostics.hasErrors()) return { diagnostics, state: null };
    const out = completeObject(d.schema.block, state);
    this.replaceUnknowns(out, diagnostics, `data.${typeName}`);
    return { diagnostics, state: out };
  }

  // ---- helpers ----------------------------------------------------------------------------------

  private resource(typeName: string, diagnostics: Diagnostics): ResourceType<P> | undefined {
    const r = this.resources.get(typeName);
    if (!r) diagnostics.addError("Unknown resource type", `This provider does not have a resource type named ${JSON.stringify(typeName)}.`);
    return r;
  }

  private dataSource(typeName: string, diagnostics: Diagnostics): DataSourceType<P> | undefined {
    const d = this.dataSources.get(typeName);
    if (!d) diagnostics.addError("Unknown data source", `This provider does not have a data source named ${JSON.stringify(typeName)}.`);
    return d;
  }

  private requireConfigured(diagnostics: Diagnostics): boolean {
    if (this.configured) return true;
    if (!diagnostics.hasErrors()) {
      diagnostics.addError("Provider not configured", "The provider configuration failed or was never applied; see the errors reported for the provider block.");
    }
    return false;
  }

  /** Completes an object and makes sure nothing unknown is left (Terraform refuses it). */
  private finishState(r: ResourceType<P>, state: ValueRecord, diagnostics: Diagnostics, op: string): ValueRecord {
    const out = completeObject(r.schema.block, state);
    this.replaceUnknowns(out, diagnostics, `${r.typeName} ${op}`);
    return out;
  }

  private replaceUnknowns(obj: ValueRecord, diagnostics: Diagnostics, where: string): void {
    const left: string[] = [];
    const visit = (v: Value, at: string): Value => {
      if (isUnknown(v)) {
        left.push(at);
        return null;
      }
      if (Array.isArray(v)) return v.map((e, i) => visit(e, `${at}[${i}]`));
      if (isRecord(v)) {
        for (const k of Object.keys(v)) v[k] = visit(v[k]!, at ? `${at}.${k}` : k);
      }
      return v;
    };
    visit(obj, "");
    if (left.length) {
      diagnostics.addError(
        "Provider returned unknown values",
        `${where} left ${left.join(", ")} unknown; this is a bug in the provider. Please report it.`,
      );
    }
  }

  private async guard(diagnostics: Diagnostics, typeName: string, op: string, f: () => unknown): Promise<void> {
    // the signal this call's work received: stop() replaces this.signal by a fresh one
    const signal = this.signal;
    try {
      await f();
    } catch (error) {
      this.reportBug(diagnostics, typeName, op, error, signal);
    }
  }

  private reportBug(diagnostics: Diagnostics, typeName: string, op: string, error: unknown, signal = this.signal): void {
    if (signal.aborted || (error instanceof Error && error.name === "AbortError")) {
      diagnostics.addError("Interrupted", `${typeName}: the ${op} was interrupted because Terraform asked the provider to stop.`);
      return;
    }
    const message = error instanceof Error ? error.message : String(error);
    this.log(`[ERROR] ${typeName} ${op}: ${error instanceof Error ? (error.stack ?? message) : message}`);
    diagnostics.addError(`Unexpected error in ${typeName} (${op})`, `${message}\n\nThis is a bug in the provider. Please report it with the log above (TF_LOG=debug).`);
  }
}

function dedupePaths(paths: AttributePath[]): AttributePath[] {
  const seen = new Set<string>();
  return paths.filter((p) => {
    const key = JSON.stringify(p);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

