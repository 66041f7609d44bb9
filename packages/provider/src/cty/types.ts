/**
 * The cty type system as Terraform puts it on the wire: a JSON encoding of the type
 * (`"string"`, `["list","string"]`, `["object",{"a":"number"}]`, …). Schemas send types in this
 * form, DynamicValues are decoded against it, and `dynamic` values carry it next to the value.
 */
export type CtyType =
  | { readonly kind: "string" }
  | { readonly kind: "number" }
  | { readonly kind: "bool" }
  | { readonly kind: "dynamic" }
  | { readonly kind: "list"; readonly element: CtyType }
  | { readonly kind: "set"; readonly element: CtyType }
  | { readonly kind: "map"; readonly element: CtyType }
  | { readonly kind: "object"; readonly attributes: Readonly<Record<string, CtyType>>; readonly optional?: readonly string[] }
  | { readonly kind: "tuple"; readonly elements: readonly CtyType[] };

export type CtyTypeJson = string | [string, unknown] | [string, unknown, unknown];

export const StringType: CtyType = Object.freeze({ kind: "string" });
export const NumberType: CtyType = Object.freeze({ kind: "number" });
export const BoolType: CtyType = Object.freeze({ kind: "bool" });
export const DynamicType: CtyType = Object.freeze({ kind: "dynamic" });

export function listOf(element: CtyType): CtyType {
  return { kind: "list", element };
}
export function setOf(element: CtyType): CtyType {
  return { kind: "set", element };
}
export function mapOf(element: CtyType): CtyType {
  return { kind: "map", element };
}
export function objectOf(attributes: Record<string, CtyType>, optional?: string[]): CtyType {
  const attrs: Record<string, CtyType> = Object.create(null);
  for (const name of Object.keys(attributes)) attrs[name] = attributes[name]!;
  return optional && optional.length > 0 ? { kind: "object", attributes: attrs, optional } : { kind: "object", attributes: attrs };
}
export function tupleOf(elements: CtyType[]): CtyType {
  return { kind: "tuple", elements };
}

export class CtyTypeError extends Error {
  override readonly name = "CtyTypeError";
}

/** Parses the JSON encoding of a type (already JSON-parsed). */
export function typeFromJson(json: unknown): CtyType {
  if (typeof json === "string") {
    switch (json) {
      case "string":
        return StringType;
      case "number":
        return NumberType;
      case "bool":
        return BoolType;
      case "dynamic":
        return DynamicType;
    }
    throw new CtyTypeError(`unsupported primitive type ${JSON.stringify(json)}`);
  }
  if (!Array.isArray(json) || json.length < 2 || typeof json[0] !== "string") {
    throw new CtyTypeError(`invalid type JSON ${JSON.stringify(json)}`);
  }
  const [kind, arg, extra] = json as [string, unknown, unknown];
  switch (kind) {
    case "list":
      return listOf(typeFromJson(arg));
    case "set":
      return setOf(typeFromJson(arg));
    case "map":
      return mapOf(typeFromJson(arg));
    case "object": {
      if (typeof arg !== "object" || arg === null || Array.isArray(arg)) throw new CtyTypeError("object type needs an attribute map");
      const attrs: Record<string, CtyType> = Object.create(null);
      for (const [name, t] of Object.entries(arg as Record<string, unknown>)) attrs[name] = typeFromJson(t);
      const optional = Array.isArray(extra) ? extra.filter((x): x is string => typeof x === "string") : undefined;
      return objectOf(attrs, optional);
    }
    case "tuple": {
      if (!Array.isArray(arg)) throw new CtyTypeError("tuple type needs an element list");
      return tupleOf(arg.map(typeFromJson));
    }
  }
  throw new CtyTypeError(`unsupported type kind ${JSON.stringify(kind)}`);
}

/** The JSON encoding of a type (object attributes in sorted order, as cty writes them). */
export function typeToJson(type: CtyType): unknown {
  switch (type.kind) {
    case "string":
    case "number":
    case "bool":
    case "dynamic":
      return type.kind;
    case "list":
    case "set":
    case "map":
      return [type.kind, typeToJson(type.element)];
    case "object": {
      const attrs: Record<string, unknown> = {};
      for (const name of Object.keys(type.attributes).sort()) attrs[name] = typeToJson(type.attributes[name]!);
      return type.optional && type.optional.length > 0 ? ["object", attrs, [...type.optional].sort()] : ["object", attrs];
    }
    case "tuple":
      return ["tuple", type.elements.map(typeToJson)];
  }
}

export function typeToJsonString(type: CtyType): string {
  return JSON.stringify(typeToJson(type));
}

export function typeEquals(a: CtyType, b: CtyType): boolean {
  if (a === b) return true;
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case "list":
    case "set":
    case "map":
      return typeEquals(a.element, (b as typeof a).element);
    case "object": {
      const bo = b as typeof a;
      const ak = Object.keys(a.attributes).sort();
      const bk = Object.keys(bo.attributes).sort();
      return ak.length === bk.length && ak.every((k, i) => k === bk[i] && typeEquals(a.attributes[k]!, bo.attributes[k]!));
    }
    case "tuple": {
      const bt = b as typeof a;
      return a.elements.length === bt.elements.length && a.elements.every((t, i) => typeEquals(t, bt.elements[i]!));
    }
    default:
      return true;
  }
}

/** A human-readable type name for diagnostics: `list(string)`, `object({a=number})`. */
export function typeName(type: CtyType): string {
  switch (type.kind) {
    case "list":
    case "set":
    case "map":
      return `${type.kind}(${typeName(type.element)})`;
    case "object":
      return `object({${Object.keys(type.attributes)
        .sort()
        .map((k) => `${k}=${typeName(type.attributes[k]!)}`)
        .join(", ")}})`;
    case "tuple":
      return `tuple([${type.elements.map(typeName).join(", ")}])`;
    default:
      return type.kind;
  }
}
