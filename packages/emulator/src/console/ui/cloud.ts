import { useState } from "preact/hooks";
import type { Provider } from "../types.js";
import { api } from "./api.js";
import { html } from "./html.js";
import { act, refresh, useModel } from "./model.js";
import { useId } from "./widgets.js";

/** The simulated cloud side (`/_emulator/cloud/…`): endpoints that "exist" in AWS, Azure or GCP,
 * which strict-cloud mode requires before Atlas accepts an endpoint. */
export function CloudView() {
  const { cloud, summary } = useModel();
  const [provider, setProvider] = useState<Provider>("AWS");
  const [id, setId] = useState("");
  const [gcpProject, setGcpProject] = useState("");
  const [names, setNames] = useState("");
  const ids = { provider: useId("c-provider"), id: useId("c-id"), project: useId("c-project"), names: useId("c-names") };

  const submit = async (event: Event) => {
    event.preventDefault();
    const body =
      provider === "GCP"
        ? { gcpProjectId: gcpProject.trim(), endpointNames: names.split(/[\s,]+/).filter(Boolean) }
        : { id: id.trim() };
    const done = await act(
      () => api.control<{ ids: string[] }>("POST", `cloud/${provider.toLowerCase()}/endpoints`, body),
      (r) => `Registered ${r.ids.length} simulated ${provider} endpoint${r.ids.length === 1 ? "" : "s"}`,
    );
    if (done) {
      setId("");
      setNames("");
    }
    await refresh();
  };
  const remove = async (p: Provider, key: string) => {
    await act(() => api.control("DELETE", `cloud/${p.toLowerCase()}/endpoints?id=${encodeURIComponent(key)}`), "Registration removed");
    await refresh();
  };
  return html`<div class="grid-2">
    <form class="panel stack" onSubmit=${submit} aria-labelledby="cloud-form-title">
      <h2 id="cloud-form-title">Register a simulated cloud endpoint</h2>
      <p class="small muted">Strict cloud mode is ${summary?.strictCloud ? html`<strong>on</strong>: endpoints must be registered here before their accept step, or they end REJECTED / FAILED` : html`<strong>off</strong>: any well-formed endpoint id is taken to exist (turn it on in Timing &amp; clock)`}.</p>
      <div class="row">
        <div class="field">
          <label for=${ids.provider}>Provider</label>
          <select id=${ids.provider} value=${provider} onChange=${(e: Event) => setProvider((e.target as HTMLSelectElement).value as Provider)}>
            <option value="AWS">AWS</option><option value="AZURE">Azure</option><option value="GCP">GCP</option>
          </select>
        </div>
        ${provider === "GCP"
          ? html`<div class="field"><label for=${ids.project}>GCP project id</label><input id=${ids.project} value=${gcpProject} onInput=${(e: Event) => setGcpProject((e.target as HTMLInputElement).value)} placeholder="my-project" required /></div>
              <div class="field"><label for=${ids.names}>Forwarding rule names (comma-separated)</label><input id=${ids.names} value=${names} onInput=${(e: Event) => setNames((e.target as HTMLInputElement).value)} placeholder="rule-0, rule-1" required /></div>`
          : html`<div class="field wide"><label for=${ids.id}>${provider === "AWS" ? "Interface endpoint id (vpce-…)" : "Private endpoint resource id (/subscriptions/…)"}</label>
              <input id=${ids.id} value=${id} onInput=${(e: Event) => setId((e.target as HTMLInputElement).value)} required spellcheck="false" /></div>`}
      </div>
      <div><button type="submit" class="primary">Register</button></div>
    </form>
    <section class="panel" aria-labelledby="cloud-list-title">
      <h2 id="cloud-list-title">Registered (${cloud.length})</h2>
      <div class="table-wrap">
        <table>
          <thead><tr><th scope="col">Provider</th><th scope="col">Id</th><th scope="col"><span class="sr-only">Actions</span></th></tr></thead>
          <tbody>
            ${cloud.length === 0 ? html`<tr><td colspan="3" class="empty">Nothing registered.</td></tr>` : ""}
            ${cloud.map(
              (c) => html`<tr key=${`${c.provider}:${c.id}`}>
                <td>${c.provider}</td><td><code>${c.id}</code></td>
                <td><button type="button" class="small danger" onClick=${() => remove(c.provider, c.id)} aria-label=${`Unregister ${c.id}`}>Unregister</button></td>
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
    </section>
  </div>`;
}
