import { useEffect, useRef, useState } from "preact/hooks";
import type { ImportId, NamedValue, TimelineEntry } from "../types.js";
import { dateTimeOf, timeOf, tone } from "./format.js";
import { html } from "./html.js";
import { model } from "./model.js";

/** Small building blocks shared by the views. */

export function StatusBadge({ status }: { status: string }) {
  // Keyed by status: a new element per status, so the change flashes once (motion permitting).
  return html`<span key=${status} class=${`badge ${tone(status)}`} data-status=${status}>${status}</span>`;
}

async function writeClipboard(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // Without clipboard permission: select a hidden field and copy it the old way.
    const area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.className = "sr-only";
    document.body.append(area);
    area.select();
    let ok = false;
    try {
      ok = document.execCommand("copy");
    } catch {
      ok = false;
    }
    area.remove();
    return ok;
  }
}

export function CopyButton({ value, label }: { value: string; label: string }) {
  const [copied, setCopied] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  const onClick = async () => {
    const ok = await writeClipboard(value);
    setCopied(ok);
    model.announce(ok ? "Copied to the clipboard" : "Could not copy: select the text instead");
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setCopied(false), 1500);
  };
  return html`<button type="button" class="small copy" aria-label=${label} onClick=${onClick}>${copied ? "Copied" : "Copy"}</button>`;
}

export function ImportIdBox({ importId, note }: { importId: ImportId; note?: string }) {
  return html`<div class="import">
    <p class="small muted">Terraform import id of <code>${importId.resource}</code></p>
    <div class="copy-row">
      <code class="import-id" data-import-id=${importId.resource}>${importId.value}</code>
      <${CopyButton} value=${importId.value} label=${`Copy the ${importId.resource} import id`} />
    </div>
    <p class="hint muted">Format <code>${importId.format}</code>${note ? `. ${note}` : ""}</p>
  </div>`;
}

export function Facts({ rows }: { rows: readonly (NamedValue | { label: string; value: unknown; field?: string })[] }) {
  return html`<dl class="facts">
    ${rows.map(
      (r) => html`<dt key=${`t-${r.label}`}>${r.label}</dt>
        <dd key=${`d-${r.label}`}>${r.value === null || r.value === undefined ? html`<span class="muted">null</span>` : r.value}</dd>`,
    )}
  </dl>`;
}

export function Timeline({ entries }: { entries: readonly TimelineEntry[] }) {
  const last = entries[entries.length - 1];
  return html`<details class="timeline">
    <summary>Timeline: ${entries.length} ${entries.length === 1 ? "entry" : "entries"}${last ? html`, last <b>${last.to}</b> at <time datetime=${last.at}>${timeOf(last.at)}</time>` : ""}</summary>
    <ol>
      ${entries.map(
        (e, i) => html`<li key=${i}>
          <time datetime=${e.at} title=${dateTimeOf(e.at)}>${timeOf(e.at)}</time>
          ${" "}${e.from ? html`${e.from} → ` : ""}<b>${e.to}</b>
          <span class="muted"> (${e.cause})</span>${e.errorMessage ? html`: <span>${e.errorMessage}</span>` : ""}
        </li>`,
      )}
    </ol>
  </details>`;
}

let fieldIds = 0;
/** A stable, unique id for a label/field pair. */
export function useId(prefix: string): string {
  const ref = useRef<string | undefined>(undefined);
  ref.current ??= `${prefix}-${++fieldIds}`;
  return ref.current;
}
