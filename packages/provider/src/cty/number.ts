/**
 * cty numbers are arbitrary-precision decimals (Go big.Float, 512-bit mantissa). A JS double
 * cannot hold them: `12345678901234567890` sent back as a double breaks plans ("planned value
 * does not match config value"). We keep every number as its exact decimal text, canonicalised
 * so equal numbers compare equal as strings.
 */
const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;
const MAX_DIGITS = 100_000; // refuse absurd exponents (1e999999999) instead of allocating them

export class CtyNumber {
  /** Canonical decimal text: no exponent, no leading zeros, no trailing fractional zeros, no
   * "-0"; or "Infinity" / "-Infinity". */
  readonly text: string;

  private constructor(text: string) {
    this.text = text;
  }

  /** Parses decimal text as Terraform writes numbers (`-12.5`, `1e3`, `0.1`). */
  static parse(input: string): CtyNumber {
    const trimmed = input.trim();
    if (trimmed === "Infinity" || trimmed === "+Infinity" || trimmed === "+Inf" || trimmed === "Inf") return INFINITY;
    if (trimmed === "-Infinity" || trimmed === "-Inf") return NEG_INFINITY;
    const m = DECIMAL.exec(trimmed);
    if (!m || (m[2] === "" && (m[3] === undefined || m[3] === ""))) throw new RangeError(`invalid number ${JSON.stringify(input)}`);
    const sign = m[1] === "-" ? "-" : "";
    const intDigits = m[2] ?? "";
    const fracDigits = m[3] ?? "";
    const exponent = m[4] === undefined ? 0 : Number(m[4]);
    if (!Number.isSafeInteger(exponent) || Math.abs(exponent) > MAX_DIGITS) throw new RangeError(`number exponent out of range: ${input}`);
    // value = 0.digits × 10^(point) where digits = int+frac and point = len(int) + exponent
    const digits = intDigits + fracDigits;
    const point = intDigits.length + exponent;
    return new CtyNumber(canonical(sign, digits, point));
  }

  /** The exact decimal value of a double (not its shortest round-trip form). */
  static fromDouble(value: number): CtyNumber {
    if (Number.isNaN(value)) throw new RangeError("NaN is not a cty number");
    if (value === Infinity) return INFINITY;
    if (value === -Infinity) return NEG_INFINITY;
    if (Number.isInteger(value)) return new CtyNumber(canonical(value < 0 ? "-" : "", BigInt(Math.abs(value)).toString(), Infinity));
    let scaled = Math.abs(value);
    let k = 0;
    while (!Number.isInteger(scaled)) {
      scaled *= 2; // exact: multiplying by two only changes the exponent
      k++;
    }
    const digits = (BigInt(scaled) * 5n ** BigInt(k)).toString();
    return new CtyNumber(canonical(value < 0 ? "-" : "", digits, digits.length - k));
  }

  static fromBigInt(value: bigint): CtyNumber {
    return new CtyNumber(value.toString());
  }

  static of(value: number | bigint | string): CtyNumber {
    if (typeof value === "bigint") return CtyNumber.fromBigInt(value);
    if (typeof value === "number") return CtyNumber.fromDouble(value);
    return CtyNumber.parse(value);
  }

  get isInfinite(): boolean {
    return this === INFINITY || this === NEG_INFINITY;
  }

  get isInteger(): boolean {
    return !this.isInfinite && !this.text.includes(".");
  }

  /** The integer value as a bigint; throws if not an integer. */
  toBigInt(): bigint {
    if (!this.isInteger) throw new RangeError(`${this.text} is not an integer`);
    return BigInt(this.text);
  }

  /** Nearest double (may lose precision). */
  toNumber(): number {
    return Number(this.text);
  }

  /** True when a double holds this value exactly (so it may be sent as msgpack float64). */
  get isExactDouble(): boolean {
    if (this.isInfinite) return true;
    const d = Number(this.text);
    return Number.isFinite(d) && CtyNumber.fromDouble(d).text === this.text;
  }

  equals(other: CtyNumber): boolean {
    return this.text === other.text;
  }

  toString(): string {
    return this.text;
  }

  toJSON(): string {
    return this.text;
  }
}

const INFINITY = Object.freeze(Object.create(CtyNumber.prototype, { text: { value: "Infinity" } })) as CtyNumber;
const NEG_INFINITY = Object.freeze(Object.create(CtyNumber.prototype, { text: { value: "-Infinity" } })) as CtyNumber;

/** `digits` with the decimal point after `point` digits (point may be <0 or >len). */
function canonical(sign: string, digits: string, point: number): string {
  if (point === Infinity) point = digits.length;
  let intPart: string;
  let fracPart: string;
  if (point <= 0) {
    intPart = "0";
    fracPart = "0".repeat(-point) + digits;
  } else if (point >= digits.length) {
    if (point - digits.length > MAX_DIGITS) throw new RangeError("number too large");
    intPart = digits + "0".repeat(point - digits.length);
    fracPart = "";
  } else {
    intPart = digits.slice(0, point);
    fracPart = digits.slice(point);
  }
  intPart = intPart.replace(/^0+(?=\d)/, "");
  fracPart = fracPart.replace(/0+$/, "");
  const text = fracPart ? `${intPart}.${fracPart}` : intPart;
  return text === "0" ? "0" : sign + text;
}
