import { useEffect, useState } from "preact/hooks";
import { api } from "./api.js";
import { html } from "./html.js";
import { act, useModel } from "./model.js";
import { useId } from "./widgets.js";

/** Fault rules (`/_emulator/faults`): the list with counters, a form for common rules, and JSON
 * for anything else. */
interface Rule {
  readonly id: string;
  readonly method: string;
  readonly path: string | null;
  readonly operation: string | null;
  readonly probability: number;
  readonly remaining: number | null;
  readonly skip: number;
  readonly fired: number;
  readonly error: { status: number; errorCode: string; detail: string | null; retryAfterSeconds: number | null } | null;
  readonly latencyMs: number;
  readonly reset: boolean;
  readonly lifecycle: { outcome: string; errorMessage?: string | null } | null;
}

type Effect = "error" | "latency" | "reset" | "lifecycle";

function describeEffect(r: Rule): string {
  const parts: string[] = [];
  if (r.error) parts.push(`${r.error.status} ${r.error.errorCode}${r.error.retryAfterSeconds !== null ? `, Retry-After ${r.error.retryAfterSeconds}s` : ""}`);
  if (r.latencyMs > 0) parts.push(`+${r.latencyMs} ms`);
  if (r.reset) parts.push("connection reset");
  if (r.lifecycle) parts.push(`created object ends ${r.lifecycle.outcome}${r.lifecycle.errorMessage ? ` (“${r.lifecycle.errorMessage}”)` : ""}`);
  return parts.join("; ");
}

export function FaultsView() {
  const { operations } = useModel();
  const [rules, setRules] = useState<readonly Rule[] | null>(null);
  const load = async () => {
    const res = await act(() => api.control<{ rules: Rule[] }>("GET", "faults"));
    if (res) setRules(res.rules);
  };
  useEffect(() => {
    void load();
    const timer = setInterval(() => {
      if (document.visibilityState === "visible") void load();
    }, 3000);
    return () => clearInterval(timer);
  }, []);

  const ids = {
    id: useId("f-id"),
    op: useId("f-op"),
    method: useId("f-method"),
    path: useId("f-path"),
    effect: useId("f-effect"),
    status: useId("f-status"),
    code: useId("f-code"),
    retry: useId("f-retry"),
    latency: useId("f-latency"),
    outcome: useId("f-outcome"),
    message: useId("f-message"),
    count: useId("f-count"),
    skip: useId("f-skip"),
    prob: useId("f-prob"),
    json: useId("f-json"),
  };
  const [form, setForm] = useState({
    id: "",
    operation: "createPrivateEndpointService",
    method: "*",
    path: "",
    effect: "error" as Effect,
    status: "503",
    errorCode: "SERVICE_UNAVAILABLE",
    retryAfter: "",
    latency: "1500",
    outcome: "FAILED",
    message: "",
    count: "1",
    skip: "0",
    probability: "1",
  });
  const [json, setJson] = useState("");
  const field = (name: keyof typeof form) => (e: Event) => setForm({ ...form, [name]: (e.target as HTMLInputElement).value });

  const add = async (rule: unknown) => {
    const created = await act(() => api.control<Rule>("POST", "faults", rule), (r) => `Fault rule ${r.id} added`);
    if (created) await load();
    return created;
  };
  const submit = async (event: Event) => {
    event.preventDefault();
    const rule: Record<string, unknown> = { method: form.method };
    if (form.id.trim()) rule["id"] = form.id.trim();
    if (form.operation) rule["operation"] = form.operation;
    if (form.path.trim()) rule["path"] = form.path.trim();
    if (form.count.trim()) rule["count"] = Number(form.count);
    if (Number(form.skip) > 0) rule["skip"] = Number(form.skip);
    if (form.probability.trim() && Number(form.probability) !== 1) rule["probability"] = Number(form.probability);
    if (form.effect === "error") {
      rule["error"] = { status: Number(form.status), errorCode: form.errorCode.trim(), ...(form.retryAfter.trim() ? { retryAfterSeconds: Number(form.retryAfter) } : {}) };
    } else if (form.effect === "latency") rule["latencyMs"] = Number(form.latency);
    else if (form.effect === "reset") rule["reset"] = true;
    else rule["lifecycle"] = { outcome: form.outcome, ...(form.message.trim() ? { errorMessage: form.message.trim() } : {}) };
    await add(rule);
  };
  const submitJson = async (event: Event) => {
    event.preventDefault();
    let rule: unknown;
    try {
      rule = JSON.parse(json);
    } catch {
      await act(() => Promise.reject(new Error("That is not JSON.")));
      return;
    }
    if (await add(rule)) setJson("");
  };
  const remove = async (id: string) => {
    await act(() => api.control("DELETE", `faults/${encodeURIComponent(id)}`), `Fault rule ${id} removed`);
    await load();
  };
  const removeAll = async () => {
    await act(() => api.control("DELETE", "faults"), "Every fault rule removed");
    await load();
  };

  return html`<div>
    <section class="panel" aria-labelledby="faults-title">
      <div class="view-head">
        <h2 id="faults-title">Fault rules</h2>
        <button type="button" class="danger" onClick=${removeAll} disabled=${!rules || rules.length === 0}>Remove all</button>
      </div>
      <div class="table-wrap">
        <table>
          <caption>Rules apply to Atlas API requests after authentication; every matching rule fires.</caption>
          <thead><tr><th scope="col">Id</th><th scope="col">Matches</th><th scope="col">Effect</th><th scope="col">Probability</th><th scope="col">Skip</th><th scope="col">Fired</th><th scope="col">Remaining</th><th scope="col"><span class="sr-only">Actions</span></th></tr></thead>
          <tbody>
            ${rules && rules.length === 0 ? html`<tr><td colspan="8" class="empty">No fault rules.</td></tr>` : ""}
            ${(rules ?? []).map(
              (r) => html`<tr key=${r.id} data-fault-id=${r.id}>
                <td><code>${r.id}</code></td>
                <td>${r.method} ${r.operation ? html`<code>${r.operation}</code>` : ""} ${r.path ? html`<code>${r.path}</code>` : ""}</td>
                <td>${describeEffect(r)}</td>
                <td class="num">${r.probability}</td>
                <td class="num">${r.skip}</td>
                <td class="num">${r.fired}</td>
                <td class="num">${r.remaining === null ? "∞" : r.remaining}</td>
                <td><button type="button" class="small danger" onClick=${() => remove(r.id)} aria-label=${`Remove fault rule ${r.id}`}>Remove</button></td>
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
    </section>
    <div class="grid-2">
      <form class="panel stack" onSubmit=${submit} aria-labelledby="fault-form-title">
        <h2 id="fault-form-title">Add a rule</h2>
        <div class="row">
          <div class="field"><label for=${ids.id}>Id (optional)</label><input id=${ids.id} value=${form.id} onInput=${field("id")} /></div>
          <div class="field">
            <label for=${ids.op}>Operation</label>
            <select id=${ids.op} value=${form.operation} onChange=${field("operation")}>
              <option value="">any</option>
              ${operations.map((o) => html`<option key=${o} value=${o}>${o}</option>`)}
            </select>
          </div>
          <div class="field">
            <label for=${ids.method}>Method</label>
            <select id=${ids.method} value=${form.method} onChange=${field("method")}>
              ${["*", "GET", "POST", "PATCH", "DELETE"].map((m) => html`<option key=${m} value=${m}>${m}</option>`)}
            </select>
          </div>
          <div class="field"><label for=${ids.path}>Path pattern (optional)</label><input id=${ids.path} value=${form.path} onInput=${field("path")} placeholder="/api/atlas/v2/groups/*/**" /></div>
        </div>
        <div class="row">
          <div class="field">
            <label for=${ids.effect}>Effect</label>
            <select id=${ids.effect} value=${form.effect} onChange=${field("effect")}>
              <option value="error">answer an error</option>
              <option value="latency">add latency</option>
              <option value="reset">reset the connection</option>
              <option value="lifecycle">the created object fails</option>
            </select>
          </div>
          ${form.effect === "error"
            ? html`<div class="field"><label for=${ids.status}>Status</label><input id=${ids.status} type="number" min="400" max="599" value=${form.status} onInput=${field("status")} /></div>
                <div class="field"><label for=${ids.code}>Error code</label><input id=${ids.code} value=${form.errorCode} onInput=${field("errorCode")} /></div>
                <div class="field"><label for=${ids.retry}>Retry-After (s)</label><input id=${ids.retry} type="number" min="0" value=${form.retryAfter} onInput=${field("retryAfter")} /></div>`
            : ""}
          ${form.effect === "latency" ? html`<div class="field"><label for=${ids.latency}>Latency (ms)</label><input id=${ids.latency} type="number" min="0" value=${form.latency} onInput=${field("latency")} /></div>` : ""}
          ${form.effect === "lifecycle"
            ? html`<div class="field">
                  <label for=${ids.outcome}>Outcome</label>
                  <select id=${ids.outcome} value=${form.outcome} onChange=${field("outcome")}>
                    <option value="FAILED">FAILED (service; Azure/GCP endpoint)</option>
                    <option value="REJECTED">REJECTED (AWS endpoint)</option>
                  </select>
                </div>
                <div class="field"><label for=${ids.message}>Error message</label><input id=${ids.message} value=${form.message} onInput=${field("message")} /></div>`
            : ""}
        </div>
        <div class="row">
          <div class="field"><label for=${ids.count}>Times (empty: always)</label><input id=${ids.count} type="number" min="1" value=${form.count} onInput=${field("count")} /></div>
          <div class="field"><label for=${ids.skip}>Let through first</label><input id=${ids.skip} type="number" min="0" value=${form.skip} onInput=${field("skip")} /></div>
          <div class="field"><label for=${ids.prob}>Probability</label><input id=${ids.prob} type="number" min="0" max="1" step="0.05" value=${form.probability} onInput=${field("probability")} /></div>
        </div>
        <div><button type="submit" class="primary">Add rule</button></div>
      </form>
      <form class="panel stack" onSubmit=${submitJson} aria-labelledby="fault-json-title">
        <h2 id="fault-json-title">Add a rule as JSON</h2>
        <label for=${ids.json}>One rule, as <code>POST /_emulator/faults</code> takes it (see docs/emulator.md)</label>
        <textarea id=${ids.json} rows="8" value=${json} onInput=${(e: Event) => setJson((e.target as HTMLTextAreaElement).value)}
          placeholder='{"operation":"getPrivateEndpoint","skip":2,"count":1,"error":{"status":500,"errorCode":"UNEXPECTED_ERROR"}}'></textarea>
        <div><button type="submit">Add JSON rule</button></div>
      </form>
    </div>
  </div>`;
}
