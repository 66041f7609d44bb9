import { describe, it } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { CtyNumber } from "../../cty/number.js";
import {
  BoolType,
  DynamicType,
  NumberType,
  StringType,
  listOf,
  mapOf,
  objectOf,
  setOf,
  tupleOf,
  typeFromJson,
  typeToJson,
  type CtyType,
} from "../../cty/types.js";
import { DynamicVal, Unknown, UNKNOWN, assertConforms, dedupeSet, record, valueEquals, type Value } from "../../cty/values.js";
import { decodeJson, encodeJson } from "./json.js";
import { decodeMsgpack, encodeMsgpack } from "./msgpack.js";

const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");

describe("msgpack wire format", () => {
  const spikeType = objectOf({ id: StringType, name: StringType });

  it("decodes the refined unknown Terraform 1.11 sent for name = \"prefix-${...}\"", () => {
    const bytes = Buffer.from("82a26964c0a46e616d65c70c0c8201c202a7" + Buffer.from("prefix-").toString("hex"), "hex");
    const v = decodeMsgpack(bytes, spikeType) as Record<string, Value>;
    assert.equal(v["id"], null);
    assert.ok(v["name"] instanceof Unknown);
    assert.deepEqual((v["name"] as Unknown).refinements, { notNull: true, stringPrefix: "prefix-" });
  });

  it("re-encodes that refined unknown byte for byte", () => {
    const v = record({ id: null, name: new Unknown({ notNull: true, stringPrefix: "prefix-" }) });
    assert.equal(hex(encodeMsgpack(v, spikeType)), "82a26964c0a46e616d65c70c0c8201c202a7" + Buffer.from("prefix-").toString("hex"));
  });

  it("writes a plain unknown as fixext1 type 0 (d4 00 00)", () => {
    assert.equal(hex(encodeMsgpack(UNKNOWN, StringType)), "d40000");
    assert.ok(decodeMsgpack(Buffer.from("d40000", "hex"), StringType) instanceof Unknown);
  });

  it("treats every extension type as unknown", () => {
    for (const t of [0, 1, 5, 12, 0x73, 127]) {
      const bytes = Buffer.from([0xd4, t, 0]);
      assert.ok(decodeMsgpack(bytes, StringType) instanceof Unknown, `ext ${t}`);
    }
  });

  it("keeps every unknown element of a set: two unknowns may be two values", () => {
    const t = setOf(StringType);
    assert.equal(hex(encodeMsgpack([UNKNOWN, UNKNOWN, "a", "a"], t)), "93d40000d40000a161");
    assert.equal((decodeMsgpack(Buffer.from("92d40000d40000", "hex"), t) as Value[]).length, 2);
    const o = setOf(objectOf({ name: StringType }));
    const twoUnknownNames = [record({ name: UNKNOWN }), record({ name: UNKNOWN })];
    assert.equal((decodeMsgpack(encodeMsgpack(twoUnknownNames, o), o) as Value[]).length, 2);
  });

  it("writes every object attribute, null when absent", () => {
    const t = objectOf({ a: StringType, b: NumberType, c: listOf(StringType) });
    const decoded = decodeMsgpack(encodeMsgpack(record({ a: "x" }), t), t) as Record<string, Value>;
    assert.deepEqual(Object.keys(decoded).sort(), ["a", "b", "c"]);
    assert.equal(decoded["b"], null);
  });

  it("an empty or absent DynamicValue is null", () => {
    assert.equal(decodeMsgpack(undefined, StringType), null);
    assert.equal(decodeMsgpack(new Uint8Array(), objectOf({ a: StringType })), null);
  });

  it("keeps numbers exact: ints as int, exact doubles as float64, others as decimal text", () => {
    const cases: [string, string][] = [
      ["3", "03"],
      ["-7", "f9"],
      ["0.5", "cb3fe0000000000000"],
      ["0.1", "a3302e31"],
      ["12345678901234567890", "cfab54a98ceb1f0ad2"],
      ["123456789012345678901234567890", "be" + Buffer.from("123456789012345678901234567890").toString("hex")],
    ];
    for (const [text, expected] of cases) {
      const encoded = encodeMsgpack(CtyNumber.parse(text), NumberType);
      assert.equal(hex(encoded), expected, text);
      assert.equal((decodeMsgpack(encoded, NumberType) as CtyNumber).text, text);
    }
  });

  it("decodes numbers Terraform sends as strings without rounding", () => {
    const bytes = encodeMsgpack("12345678901234567890.000000000000000001", StringType);
    assert.equal((decodeMsgpack(bytes, NumberType) as CtyNumber).text, "12345678901234567890.000000000000000001");
  });

  it("encodes dynamic values as [type JSON (bin), value]", () => {
    const v = new DynamicVal(listOf(StringType), ["a"]);
    const bytes = encodeMsgpack(v, DynamicType);
    const typeJson = Buffer.from('["list","string"]');
    assert.equal(hex(bytes), "92c4" + typeJson.length.toString(16).padStart(2, "0") + typeJson.toString("hex") + "91a161");
    const back = decodeMsgpack(bytes, DynamicType);
    assert.ok(valueEquals(back, v, DynamicType));
  });

  it("accepts a map key named __proto__", () => {
    const t = mapOf(StringType);
    const v = record();
    v["__proto__"] = "safe";
    const back = decodeMsgpack(encodeMsgpack(v, t), t) as Record<string, Value>;
    assert.equal(Object.keys(back).length, 1);
    assert.equal(back["__proto__"], "safe");
  });

  it("collapses duplicate set elements", () => {
    const t = setOf(StringType);
    assert.deepEqual(decodeMsgpack(encodeMsgpack(["a", "b", "a"], t), t), ["a", "b"]);
  });

  it("refuses an attribute the type does not have", () => {
    const t = objectOf({ a: StringType });
    assert.throws(() => encodeMsgpack(record({ a: "x", b: "y" }), t), /unsupported attribute "b"/);
  });
});

describe("JSON state", () => {
  it("decodes missing attributes as null and keeps big numbers", () => {
    const t = objectOf({ id: StringType, n: NumberType, tags: mapOf(StringType), added: listOf(StringType) });
    const v = decodeJson('{"id":"x","n":123456789012345678901234567890.5,"tags":{"a":"b"}}', t) as Record<string, Value>;
    assert.equal(v["id"], "x");
    assert.equal((v["n"] as CtyNumber).text, "123456789012345678901234567890.5");
    assert.equal(v["added"], null);
  });

  it("writes big numbers as bare JSON literals", () => {
    const t = objectOf({ n: NumberType });
    assert.equal(encodeJson(record({ n: CtyNumber.parse("12345678901234567890") }), t), '{"n":12345678901234567890}');
  });

  it("drops attributes removed from the schema only when asked", () => {
    const t = objectOf({ id: StringType });
    assert.throws(() => decodeJson('{"id":"x","gone":1}', t), /unsupported attribute "gone"/);
    assert.deepEqual({ ...(decodeJson('{"id":"x","gone":1}', t, { ignoreUnknownAttributes: true }) as object) }, { id: "x" });
  });

  it("encodes dynamic as {type, value}", () => {
    const v = new DynamicVal(objectOf({ a: BoolType }), record({ a: true }));
    const text = encodeJson(v, DynamicType);
    assert.equal(text, '{"type":["object",{"a":"bool"}],"value":{"a":true}}');
    assert.ok(valueEquals(decodeJson(text, DynamicType), v, DynamicType));
  });

  it("cannot hold unknowns", () => {
    assert.throws(() => encodeJson(UNKNOWN, StringType), /unknown/);
  });

  it("writes and reads a map key and an object attribute named __proto__ as ordinary keys", () => {
    const t = objectOf({ ["__proto__"]: StringType, tags: mapOf(StringType) }); // computed: a literal `__proto__:` sets the prototype
    const tags = record();
    tags["__proto__"] = "safe";
    const v = record([
      ["__proto__", "attr"],
      ["tags", tags],
    ]);
    const text = encodeJson(v, t);
    assert.equal(text, '{"__proto__":"attr","tags":{"__proto__":"safe"}}');
    const back = decodeJson(text, t) as Record<string, Value>;
    assert.ok(valueEquals(back, v, t));
    assert.deepEqual(Object.keys(back["tags"] as object), ["__proto__"]);
  });
});

// ---- property-based round trips ------------------------------------------------------------

const attrName = fc.stringMatching(/^[a-z_][a-z0-9_]{0,8}$/);

const typeArb: fc.Arbitrary<CtyType> = fc.letrec<{ type: CtyType }>((tie) => ({
  type: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.constantFrom(StringType, NumberType, BoolType, DynamicType),
    tie("type").map(listOf),
    tie("type").map(setOf),
    tie("type").map(mapOf),
    fc.dictionary(attrName, tie("type"), { maxKeys: 4 }).map((attrs) => objectOf(attrs)),
    fc.array(tie("type"), { maxLength: 3 }).map(tupleOf),
  ),
})).type;

const numberArb = fc.oneof(
  fc.integer().map((n) => CtyNumber.of(n)),
  fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }).map((n) => CtyNumber.of(n)),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => CtyNumber.of(n)),
  fc.tuple(fc.bigInt({ min: 0n, max: 10n ** 30n }), fc.integer({ min: 1, max: 30 })).map(([d, s]) => CtyNumber.parse(`${d}e-${s}`)),
);

const concreteTypes = [StringType, NumberType, BoolType, listOf(StringType), objectOf({ a: NumberType })];

function valueArb(type: CtyType, allowUnknown: boolean, depth = 0): fc.Arbitrary<Value> {
  const wrap = (inner: fc.Arbitrary<Value>): fc.Arbitrary<Value> => {
    const options: fc.Arbitrary<Value>[] = [inner, fc.constant(null)];
    if (allowUnknown) {
      options.push(fc.constant(UNKNOWN));
      options.push(fc.record({ notNull: fc.constant(true), stringPrefix: fc.string({ maxLength: 5 }) }).map((r) => new Unknown(type.kind === "string" ? r : { notNull: true })));
    }
    return fc.oneof({ weight: 6, arbitrary: options[0]! }, ...options.slice(1).map((a) => ({ weight: 1, arbitrary: a })));
  };
  switch (type.kind) {
    case "string":
      return wrap(fc.string({ unit: "grapheme", maxLength: 12 }));
    case "number":
      return wrap(numberArb);
    case "bool":
      return wrap(fc.boolean());
    case "list":
      return wrap(fc.array(valueArb(type.element, allowUnknown, depth + 1), { maxLength: 3 }));
    case "set":
      // unknown elements (and elements holding one) are never merged, as in cty
      return wrap(fc.array(valueArb(type.element, allowUnknown, depth + 1), { maxLength: 3 }).map((xs) => dedupeSet(xs, type.element)));
    case "tuple":
      return wrap(fc.tuple(...type.elements.map((t) => valueArb(t, allowUnknown, depth + 1))).map((xs) => xs as Value[]));
    case "map":
      return wrap(fc.dictionary(fc.string({ maxLength: 6 }), valueArb(type.element, allowUnknown, depth + 1), { maxKeys: 3 }).map((d) => record(Object.entries(d))));
    case "object": {
      const names = Object.keys(type.attributes);
      return wrap(
        fc.tuple(...names.map((n) => valueArb(type.attributes[n]!, allowUnknown, depth + 1))).map((vals) => record(names.map((n, i) => [n, vals[i]!] as const))),
      );
    }
    case "dynamic":
      return fc.oneof(
        fc.constant<Value>(null),
        ...(allowUnknown ? [fc.constant<Value>(UNKNOWN)] : []),
        fc.constantFrom(...concreteTypes).chain((t) => valueArb(t, allowUnknown, depth + 1).map((v) => new DynamicVal(t, v) as Value)),
      );
  }
}

describe("property: round trips", () => {
  it("type JSON round-trips", () => {
    fc.assert(fc.property(typeArb, (t) => assert.deepEqual(typeToJson(typeFromJson(typeToJson(t))), typeToJson(t))), { numRuns: 300 });
  });

  it("msgpack: decode(encode(v)) == v for any type and value, unknowns included", () => {
    fc.assert(
      fc.property(
        typeArb.chain((t) => valueArb(t, true).map((v) => [t, v] as const)),
        ([t, v]) => {
          assertConforms(v, t);
          const back = decodeMsgpack(encodeMsgpack(v, t), t);
          assert.ok(valueEquals(back, v, t), `round trip changed the value of type ${JSON.stringify(typeToJson(t))}`);
          // encoding is deterministic: same value, same bytes
          assert.equal(hex(encodeMsgpack(back, t)), hex(encodeMsgpack(v, t)));
        },
      ),
      { numRuns: 500 },
    );
  });

  it("JSON: decode(encode(v)) == v for any wholly known value", () => {
    fc.assert(
      fc.property(
        typeArb.chain((t) => valueArb(t, false).map((v) => [t, v] as const)),
        ([t, v]) => {
          const back = decodeJson(encodeJson(v, t), t);
          assert.ok(valueEquals(back, v, t));
        },
      ),
      { numRuns: 500 },
    );
  });

  it("numbers: canonical text survives msgpack and JSON", () => {
    fc.assert(
      fc.property(numberArb, (n) => {
        assert.equal((decodeMsgpack(encodeMsgpack(n, NumberType), NumberType) as CtyNumber).text, n.text);
        if (!n.isInfinite) assert.equal((decodeJson(encodeJson(n, NumberType), NumberType) as CtyNumber).text, n.text);
      }),
      { numRuns: 1000 },
    );
  });
});
