/**
 * The schema model, mirroring terraform-plugin-framework's concepts: attributes (primitive or
 * nested), blocks, flags, descriptions, validators and plan modifiers. The implied cty type of a
 * block is what every DynamicValue of the resource encodes.
 */
import { BoolType, NumberType, StringType, listOf, mapOf, objectOf, setOf, type CtyType } from "../cty/types.js";
import type { Value } from "../cty/values.js";
import type { PlanModifier } from "./plan-modifiers.js";
import type { Validator } from "./validators.js";

export type Nesting = "single" | "list" | "set" | "map";
export type BlockNesting = Nesting | "group";

interface AttributeCommon {
  readonly description?: string;
  readonly required?: boolean;
  readonly optional?: boolean;
  readonly computed?: boolean;
  /** Terraform masks it in plans and output (marks never cross the wire). */
  readonly sensitive?: boolean;
  /** Set to a message to mark the attribute deprecated. */
  readonly deprecated?: string;
  /** Run on known, non-null values at validation and again at plan (when late values are known). */
  readonly validators?: readonly Validator[];
  readonly planModifiers?: readonly PlanModifier[];
  /** Optional+computed only: the planned value when the configuration leaves it null. */
  readonly default?: Value;
}

export interface PrimitiveAttribute extends AttributeCommon {
  readonly type: CtyType;
  readonly nested?: undefined;
}

export interface NestedAttribute extends AttributeCommon {
  readonly type?: undefined;
  readonly nested: { readonly nesting: Nesting; readonly attributes: Readonly<Record<string, Attribute>> };
}

export type Attribute = PrimitiveAttribute | NestedAttribute;

export interface Block {
  readonly attributes: Readonly<Record<string, Attribute>>;
  readonly blocks?: Readonly<Record<string, NestedBlock>>;
  readonly description?: string;
  readonly deprecated?: string;
}

export interface NestedBlock {
  readonly nesting: BlockNesting;
  readonly block: Block;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly description?: string;
  readonly validators?: readonly Validator[];
  readonly planModifiers?: readonly PlanModifier[];
}

export interface Schema {
  /** Bumped when stored state needs upgrading; the official provider's resources are at 0. */
  readonly version: number;
  readonly block: Block;
}

// ---- implied types ---------------------------------------------------------------------------

const typeCache = new WeakMap<object, CtyType>();

export function attributeType(attr: Attribute): CtyType {
  if (attr.type) return attr.type;
  const cached = typeCache.get(attr);
  if (cached) return cached;
  const attrs: Record<string, CtyType> = {};
  for (const [name, a] of Object.entries(attr.nested.attributes)) attrs[name] = attributeType(a);
  const optional = Object.entries(attr.nested.attributes)
    .filter(([, a]) => a.optional)
    .map(([n]) => n);
  const obj = objectOf(attrs, optional);
  const t = wrap(attr.nested.nesting, obj);
  typeCache.set(attr, t);
  return t;
}

/** The object type of a block: one key per attribute and per nested block. */
export function blockType(block: Block): CtyType {
  const cached = typeCache.get(block);
  if (cached) return cached;
  const attrs: Record<string, CtyType> = {};
  for (const [name, a] of Object.entries(block.attributes)) attrs[name] = attributeType(a);
  for (const [name, b] of Object.entries(block.blocks ?? {})) attrs[name] = nestedBlockType(b);
  const t = objectOf(attrs);
  typeCache.set(block, t);
  return t;
}

export function nestedBlockType(b: NestedBlock): CtyType {
  const cached = typeCache.get(b);
  if (cached) return cached;
  const t = wrap(nestingOf(b), blockType(b.block));
  typeCache.set(b, t);
  return t;
}

/** How a block's value nests: a group block's value is one object, as a single block's. */
export function nestingOf(b: NestedBlock): Nesting {
  return b.nesting === "group" ? "single" : b.nesting;
}

function wrap(nesting: Nesting, t: CtyType): CtyType {
  switch (nesting) {
    case "single":
      return t;
    case "list":
      return listOf(t);
    case "set":
      return setOf(t);
    case "map":
      return mapOf(t);
  }
}

// ---- builders ----------------------------------------------------------------------------------

export const attr = {
  string: (o: AttributeCommon = {}): PrimitiveAttribute => ({ ...o, type: StringType }),
  number: (o: AttributeCommon = {}): PrimitiveAttribute => ({ ...o, type: NumberType }),
  bool: (o: AttributeCommon = {}): PrimitiveAttribute => ({ ...o, type: BoolType }),
  list: (element: CtyType, o: AttributeCommon = {}): PrimitiveAttribute => ({ ...o, type: listOf(element) }),
  set: (element: CtyType, o: AttributeCommon = {}): PrimitiveAttribute => ({ ...o, type: setOf(element) }),
  map: (element: CtyType, o: AttributeCommon = {}): PrimitiveAttribute => ({ ...o, type: mapOf(element) }),
  object: (attributes: Record<string, CtyType>, o: AttributeCommon = {}): PrimitiveAttribute => ({ ...o, type: objectOf(attributes) }),
  nested: (nesting: Nesting, attributes: Record<string, Attribute>, o: AttributeCommon = {}): NestedAttribute => ({
    ...o,
    nested: { nesting, attributes },
  }),
};

export const block = {
  single: (b: Block, o: Omit<NestedBlock, "nesting" | "block"> = {}): NestedBlock => ({ ...o, nesting: "single", block: b }),
  list: (b: Block, o: Omit<NestedBlock, "nesting" | "block"> = {}): NestedBlock => ({ ...o, nesting: "list", block: b }),
  set: (b: Block, o: Omit<NestedBlock, "nesting" | "block"> = {}): NestedBlock => ({ ...o, nesting: "set", block: b }),
  map: (b: Block, o: Omit<NestedBlock, "nesting" | "block"> = {}): NestedBlock => ({ ...o, nesting: "map", block: b }),
};

// ---- self-check --------------------------------------------------------------------------------

const NAME = /^[a-z0-9_]+$/;

/**
 * The checks Terraform applies when it loads a provider schema ("provider has invalid schema …
 * which is a bug in the provider"), so a mistake fails our unit tests instead of users' plans.
 */
export function checkSchema(schema: Schema, where = "schema"): string[] {
  const problems: string[] = [];
  if (!Number.isInteger(schema.version) || schema.version < 0) problems.push(`${where}: version must be a non-negative integer`);
  checkBlock(schema.block, where, problems);
  return problems;
}

function checkBlock(b: Block, where: string, problems: string[]): void {
  for (const [name, a] of Object.entries(b.attributes)) {
    const at = `${where}.${name}`;
    if (!NAME.test(name)) problems.push(`${at}: name must match [a-z0-9_]+`);
    if (b.blocks && name in b.blocks) problems.push(`${at}: both an attribute and a block`);
    checkAttribute(a, at, problems);
  }
  for (const [name, nb] of Object.entries(b.blocks ?? {})) {
    const at = `${where}.${name}`;
    if (!NAME.test(name)) problems.push(`${at}: name must match [a-z0-9_]+`);
    if (nb.nesting === "single" && ((nb.minItems ?? 0) > 1 || (nb.maxItems !== undefined && nb.maxItems !== (nb.minItems ?? 0)))) {
      problems.push(`${at}: a single block's min and max items must match (0 or 1)`);
    }
    if (nb.nesting === "group" && (nb.minItems !== undefined || nb.maxItems !== undefined)) problems.push(`${at}: group blocks take no item limits`);
    if (nb.nesting === "map" && (nb.minItems || nb.maxItems)) problems.push(`${at}: map blocks take no item limits`);
    checkBlock(nb.block, at, problems);
  }
}

function checkAttribute(a: Attribute, at: string, problems: string[]): void {
  const { required, optional, computed } = a;
  if (!required && !optional && !computed) problems.push(`${at}: must set optional, required or computed`);
  if (required && (optional || computed)) problems.push(`${at}: required cannot be combined with optional or computed`);
  if (a.default !== undefined && !(optional && computed)) problems.push(`${at}: a default needs optional + computed`);
  if (a.nested) {
    for (const [name, inner] of Object.entries(a.nested.attributes)) {
      if (!NAME.test(name)) problems.push(`${at}.${name}: name must match [a-z0-9_]+`);
      checkAttribute(inner, `${at}.${name}`, problems);
    }
  }
}
