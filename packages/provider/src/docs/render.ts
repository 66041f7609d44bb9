/**
 * Renders registry-layout docs (like tfplugindocs) from the schemas: a template per resource or
 * data source with `{{schema}}`, `{{example "<file under examples/>"}}` and `{{name}}`.
 */
import type { Attribute, Block, NestedBlock, Schema } from "../framework/schema.js";
import { typeName } from "../cty/types.js";
import { attributeType } from "../framework/schema.js";

function typeLabel(a: Attribute): string {
  if (a.nested) return `Attributes ${a.nested.nesting === "single" ? "" : a.nested.nesting[0]!.toUpperCase() + a.nested.nesting.slice(1)}`.trim();
  return label(typeName(attributeType(a)));
}

/** `list(string)` → `List of String`, as the registry shows types. */
function label(t: string): string {
  const m = /^(\w+)\((.*)\)$/.exec(t);
  const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
  return m ? `${cap(m[1]!)} of ${label(m[2]!)}` : cap(t);
}

function flags(a: Attribute): "required" | "optional" | "readonly" {
  if (a.required) return "required";
  if (a.optional) return "optional";
  return "readonly";
}

interface Section {
  readonly anchor: string;
  readonly title: string;
  readonly block: Block;
}

function renderBlock(b: Block, prefix: string, nested: Section[]): string {
  const groups: Record<"required" | "optional" | "readonly", string[]> = { required: [], optional: [], readonly: [] };
  for (const name of Object.keys(b.attributes).sort()) {
    const a = b.attributes[name]!;
    let line = `- \`${name}\` (${typeLabel(a)}${a.sensitive ? ", Sensitive" : ""}${a.deprecated ? ", Deprecated" : ""})`;
    if (a.description) line += ` ${a.description}`;
    if (a.nested) {
      const anchor = `nestedatt--${prefix}${name}`;
      line += ` (see [below for nested schema](#${anchor}))`;
      nested.push({ anchor, title: `${prefix.replace(/--/g, ".")}${name}`, block: { attributes: a.nested.attributes } });
    }
    groups[flags(a)].push(line);
  }
  for (const name of Object.keys(b.blocks ?? {}).sort()) {
    const nb: NestedBlock = b.blocks![name]!;
    const anchor = `nestedblock--${prefix}${name}`;
    const line = `- \`${name}\` (Block ${nb.nesting === "single" ? "" : nb.nesting[0]!.toUpperCase() + nb.nesting.slice(1)}${nb.maxItems ? `, Max: ${nb.maxItems}` : ""})${nb.description ? ` ${nb.description}` : ""} (see [below for nested schema](#${anchor}))`.replace("Block )", "Block)");
    nested.push({ anchor, title: `${prefix.replace(/--/g, ".")}${name}`, block: nb.block });
    groups.optional.push(line);
  }
  const out: string[] = [];
  if (groups.required.length) out.push("### Required\n", ...groups.required, "");
  if (groups.optional.length) out.push("### Optional\n", ...groups.optional, "");
  if (groups.readonly.length) out.push("### Read-Only\n", ...groups.readonly, "");
  return out.join("\n");
}

export function renderSchema(schema: Schema): string {
  const nested: Section[] = [];
  let out = `## Schema\n\n${renderBlock(schema.block, "", nested)}`;
  for (let i = 0; i < nested.length; i++) {
    const s = nested[i]!;
    out += `\n<a id="${s.anchor}"></a>\n### Nested Schema for \`${s.title}\`\n\n${renderBlock(s.block, `${s.title.replace(/\./g, "--")}--`, nested)}`;
  }
  return out.trimEnd() + "\n";
}

export function renderTemplate(template: string, name: string, schema: Schema, readExample: (file: string) => string): string {
  return template
    .replace(/\{\{name\}\}/g, name)
    .replace(/\{\{schema\}\}/g, () => renderSchema(schema).trimEnd())
    .replace(/\{\{example "([^"]+)"\}\}/g, (_m, file: string) => "```terraform\n" + readExample(file).trimEnd() + "\n```");
}
