/**
 * Framework → protocol messages: schemas, diagnostics, attribute paths.
 */
import { typeToJsonString } from "../cty/types.js";
import type { Diagnostic as FrameworkDiagnostic } from "../framework/diagnostics.js";
import type { AttributePath as FrameworkPath } from "../framework/path.js";
import type { Attribute, Block, NestedBlock, Schema as FrameworkSchema } from "../framework/schema.js";
import {
  Diagnostic_Severity,
  Schema_NestedBlock_NestingMode,
  Schema_Object_NestingMode,
  StringKind,
  type AttributePath,
  type Diagnostic,
  type Schema,
  type Schema_Attribute,
  type Schema_Block,
  type Schema_NestedBlock,
} from "./generated/tfplugin6.js";

export function schemaToProto(schema: FrameworkSchema): Schema {
  return { version: String(schema.version), block: blockToProto(schema.block) };
}

/** Entries sorted by name, by UTF-16 code unit: the same order in every locale (localeCompare is not). */
function byName<T>(entries: Readonly<Record<string, T>>): [string, T][] {
  return Object.entries(entries).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

function blockToProto(b: Block): Schema_Block {
  return {
    attributes: byName(b.attributes).map(([name, a]) => attributeToProto(name, a)),
    blockTypes: byName(b.blocks ?? {}).map(([name, nb]) => nestedBlockToProto(name, nb)),
    description: b.description ?? "",
    descriptionKind: StringKind.PLAIN,
    deprecated: b.deprecated !== undefined,
  };
}

function attributeToProto(name: string, a: Attribute): Schema_Attribute {
  const out: Schema_Attribute = {
    name,
    description: a.deprecated ? `${a.description ?? ""} Deprecated: ${a.deprecated}`.trim() : (a.description ?? ""),
    descriptionKind: StringKind.PLAIN,
    required: a.required === true,
    optional: a.optional === true,
    computed: a.computed === true,
    sensitive: a.sensitive === true,
    deprecated: a.deprecated !== undefined,
  };
  if (a.nested) {
    out.nestedType = {
      attributes: byName(a.nested.attributes).map(([n, inner]) => attributeToProto(n, inner)),
      nesting: OBJECT_NESTING[a.nested.nesting],
    };
  } else {
    out.type = Buffer.from(typeToJsonString(a.type), "utf8");
  }
  return out;
}

const OBJECT_NESTING = {
  single: Schema_Object_NestingMode.SINGLE,
  list: Schema_Object_NestingMode.LIST,
  set: Schema_Object_NestingMode.SET,
  map: Schema_Object_NestingMode.MAP,
} as const;

const BLOCK_NESTING = {
  single: Schema_NestedBlock_NestingMode.SINGLE,
  list: Schema_NestedBlock_NestingMode.LIST,
  set: Schema_NestedBlock_NestingMode.SET,
  map: Schema_NestedBlock_NestingMode.MAP,
  group: Schema_NestedBlock_NestingMode.GROUP,
} as const;

function nestedBlockToProto(name: string, nb: NestedBlock): Schema_NestedBlock {
  return {
    typeName: name,
    block: { ...blockToProto(nb.block), description: nb.description ?? nb.block.description ?? "" },
    nesting: BLOCK_NESTING[nb.nesting],
    minItems: String(nb.minItems ?? 0),
    // Terraform: a single block's min and max must match (0/0 optional, 1/1 required).
    maxItems: String(nb.nesting === "single" ? (nb.minItems ?? 0) : (nb.maxItems ?? 0)),
  };
}

export function pathToProto(p: FrameworkPath): AttributePath {
  return {
    steps: p.map((step) =>
      step.kind === "attribute"
        ? { attributeName: step.name }
        : step.kind === "key"
          ? { elementKeyString: step.key }
          : { elementKeyInt: String(step.index) },
    ),
  };
}

export function diagnosticsToProto(diagnostics: Iterable<FrameworkDiagnostic>): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const d of diagnostics) {
    const msg: Diagnostic = {
      severity: d.severity === "error" ? Diagnostic_Severity.ERROR : Diagnostic_Severity.WARNING,
      summary: d.summary,
      detail: d.detail,
    };
    if (d.path && d.path.length > 0) msg.attribute = pathToProto(d.path);
    out.push(msg);
  }
  return out;
}
