import { useLayoutEffect, useMemo, useRef, useState } from "preact/hooks";
import type { EndpointView, ProjectView, Provider, ServiceView } from "../types.js";
import { api } from "./api.js";
import { dateTimeOf, plural, shortEndpointName } from "./format.js";
import { html } from "./html.js";
import { act, scheduleRefresh, useModel, type ModelState } from "./model.js";
import { CopyButton, Facts, ImportIdBox, StatusBadge, Timeline, useId } from "./widgets.js";

/**
 * Organizations → projects → endpoint services (grouped by provider, by region) → endpoints, with
 * status badges, error messages, computed names, import ids and the out-of-band actions.
 */
const PROVIDERS: readonly Provider[] = ["AWS", "AZURE", "GCP"];

const REGION_NOTE = "Region in the Atlas form (the API's regionName); the provider also accepts the cloud form";

function matches(filter: string, ...values: (string | null | undefined)[]): boolean {
  if (filter === "") return true;
  const f = filter.toLowerCase();
  return values.some((v) => v !== null && v !== undefined && v.toLowerCase().includes(f));
}

/** Set a status out of band, with an optional message: the shared inline form. */
function StatusForm(props: {
  statuses: readonly string[];
  initial: string;
  what: string;
  onSubmit: (status: string, message: string) => Promise<unknown>;
  onClose: () => void;
}) {
  const statusId = useId("status");
  const messageId = useId("message");
  const [status, setStatus] = useState(props.initial);
  const [message, setMessage] = useState(props.initial === "FAILED" || props.initial === "REJECTED" ? `${props.initial === "REJECTED" ? "Rejected" : "Failed"} from the emulator console.` : "");
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  useLayoutEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, []);
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    await props.onSubmit(status, message);
    setBusy(false);
    props.onClose();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === "Escape") props.onClose();
  };
  return html`<form class="inline-form" aria-label=${`Set the status of ${props.what}`} onSubmit=${submit} onKeyDown=${onKeyDown}>
    <div class="field">
      <label for=${messageId}>Error message</label>
      <input id=${messageId} ref=${input} value=${message} onInput=${(e: Event) => setMessage((e.target as HTMLInputElement).value)} placeholder="none" />
    </div>
    <div class="field">
      <label for=${statusId}>Status</label>
      <select id=${statusId} value=${status} onChange=${(e: Event) => setStatus((e.target as HTMLSelectElement).value)}>
        ${props.statuses.map((s) => html`<option key=${s} value=${s}>${s}</option>`)}
      </select>
    </div>
    <button type="submit" class="primary" disabled=${busy}>Apply ${status}</button>
    <button type="button" onClick=${props.onClose}>Cancel</button>
  </form>`;
}

function useStatusForm(): [string | null, (initial: string | null) => void] {
  const [open, setOpen] = useState<string | null>(null);
  const opener = useRef<HTMLElement | null>(null);
  const set = (initial: string | null) => {
    if (initial !== null) opener.current = document.activeElement as HTMLElement | null;
    setOpen(initial);
    // Focus returns to the button that opened the form.
    if (initial === null) setTimeout(() => opener.current?.focus(), 0);
  };
  return [open, set];
}

function EndpointCard({ endpoint }: { endpoint: EndpointView }) {
  const [form, setForm] = useStatusForm();
  const name = shortEndpointName(endpoint.endpointId);
  const what = `endpoint ${name}`;
  const query = `serviceId=${endpoint.serviceId}&endpointId=${encodeURIComponent(endpoint.endpointId)}`;
  const setStatus = (status: string, message: string) =>
    act(() => api.control("POST", `objects/private-endpoints/status?${query}`, { status, errorMessage: message === "" ? null : message }), `${what}: ${status}`);
  const remove = () => act(() => api.control("DELETE", `objects/private-endpoints?${query}`), `${what} deleted out of band`);
  const titleId = useId("pe");
  const failVerb = endpoint.failureStatus === "REJECTED" ? "Reject" : "Fail";
  return html`<article class="card endpoint" data-key=${endpoint.key} data-endpoint-id=${endpoint.endpointId} aria-labelledby=${titleId}>
    <header>
      <h5 class="title" id=${titleId}><span>Private endpoint</span> <code>${name}</code></h5>
      <${StatusBadge} status=${endpoint.status} />
    </header>
    ${endpoint.errorMessage ? html`<p class="error-message" data-error-message>${endpoint.errorMessage}</p>` : ""}
    <${Facts}
      rows=${[
        ...endpoint.names,
        { label: "Delete requested", value: endpoint.deleteRequested ? "yes" : "no" },
        { label: "Status since", value: html`<time datetime=${endpoint.since}>${dateTimeOf(endpoint.since)}</time>` },
        ...(endpoint.pending.nextAt ? [{ label: "Next step", value: html`at <time datetime=${endpoint.pending.nextAt}>${dateTimeOf(endpoint.pending.nextAt)}</time>` }] : []),
        ...(endpoint.pending.readsLeft !== null ? [{ label: "Next step after", value: plural(endpoint.pending.readsLeft, "read") }] : []),
      ]}
    />
    <${ImportIdBox} importId=${endpoint.importId} note="The endpoint id is written as the API names it (an Azure resource id unencoded)" />
    <div class="actions">
      <button type="button" onClick=${() => setForm(endpoint.failureStatus)} aria-label=${`${failVerb} ${what}…`}>${failVerb}…</button>
      <button type="button" onClick=${() => setForm(endpoint.status)} aria-label=${`Set the status of ${what}…`}>Set status…</button>
      <button type="button" class="danger" onClick=${remove} aria-label=${`Delete ${what} out of band`}>Delete out of band</button>
    </div>
    ${form !== null ? html`<${StatusForm} statuses=${endpoint.statuses} initial=${form} what=${what} onSubmit=${setStatus} onClose=${() => setForm(null)} />` : ""}
    <${Timeline} entries=${endpoint.timeline} />
  </article>`;
}

function ServiceCard({ service, endpoints }: { service: ServiceView; endpoints: readonly EndpointView[] }) {
  const [form, setForm] = useStatusForm();
  const what = `${service.provider} endpoint service ${service.regionName}`;
  const setStatus = (status: string, message: string) =>
    act(() => api.control("POST", `objects/endpoint-services/${service.id}/status`, { status, errorMessage: message === "" ? null : message }), `${what}: ${status}`);
  const remove = () => act(() => api.control("DELETE", `objects/endpoint-services/${service.id}`), `${what} deleted out of band`);
  const titleId = useId("es");
  return html`<article class="card service" data-key=${service.key} data-service-id=${service.id} aria-labelledby=${titleId}>
    <header>
      <h4 class="title" id=${titleId}>
        <span>${service.provider}</span> <span aria-hidden="true">·</span> <span>${service.regionName}</span>
        ${service.cloudRegion ? html`<span class="muted small">(${service.cloudRegion})</span>` : ""}
      </h4>
      <${StatusBadge} status=${service.status} />
    </header>
    ${service.errorMessage ? html`<p class="error-message" data-error-message>${service.errorMessage}</p>` : ""}
    <${Facts}
      rows=${[
        { label: "Endpoint service id", value: html`<code>${service.id}</code>` },
        ...service.names.map((n) => ({ ...n, value: n.value === null ? null : html`<code>${n.value}</code>` })),
        { label: "Status since", value: html`<time datetime=${service.since}>${dateTimeOf(service.since)}</time>` },
        ...(service.pending.nextAt ? [{ label: "Next step", value: html`at <time datetime=${service.pending.nextAt}>${dateTimeOf(service.pending.nextAt)}</time>` }] : []),
        ...(service.pending.readsLeft !== null ? [{ label: "Next step after", value: plural(service.pending.readsLeft, "read") }] : []),
      ]}
    />
    <${ImportIdBox} importId=${service.importId} note=${`${REGION_NOTE}${service.cloudRegion ? ` (${service.cloudRegion})` : ""}`} />
    <div class="actions">
      <button type="button" onClick=${() => setForm("FAILED")} aria-label=${`Fail ${what}…`}>Fail…</button>
      <button type="button" onClick=${() => setForm(service.status)} aria-label=${`Set the status of ${what}…`}>Set status…</button>
      <button type="button" class="danger" onClick=${remove} aria-label=${`Delete ${what} out of band`}>Delete out of band</button>
    </div>
    ${form !== null ? html`<${StatusForm} statuses=${service.statuses} initial=${form} what=${what} onSubmit=${setStatus} onClose=${() => setForm(null)} />` : ""}
    <${Timeline} entries=${service.timeline} />
    <section class="endpoints" aria-label=${`Private endpoints of ${what}`}>
      <h5>Private endpoints (${endpoints.length})</h5>
      ${endpoints.length === 0 ? html`<p class="empty small">None. Endpoints are created through the Atlas API once the service is AVAILABLE.</p>` : ""}
      ${endpoints.map((e) => html`<${EndpointCard} key=${e.key} endpoint=${e} />`)}
    </section>
  </article>`;
}

interface Index {
  readonly servicesByProject: ReadonlyMap<string, ServiceView[]>;
  readonly endpointsByService: ReadonlyMap<string, EndpointView[]>;
}

function indexOf(state: ModelState): Index {
  const servicesByProject = new Map<string, ServiceView[]>();
  for (const s of state.services.values()) {
    const list = servicesByProject.get(s.projectId);
    if (list) list.push(s);
    else servicesByProject.set(s.projectId, [s]);
  }
  const endpointsByService = new Map<string, EndpointView[]>();
  for (const e of state.endpoints.values()) {
    const list = endpointsByService.get(e.serviceId);
    if (list) list.push(e);
    else endpointsByService.set(e.serviceId, [e]);
  }
  return { servicesByProject, endpointsByService };
}

const NONE: readonly never[] = [];

function ProjectSection({ project, index, filter }: { project: ProjectView; index: Index; filter: string }) {
  const services = index.servicesByProject.get(project.id) ?? NONE;
  const endpointsOf = (s: ServiceView) => index.endpointsByService.get(s.id) ?? NONE;
  const visible = services.filter(
    (s) =>
      matches(filter, s.id, s.status, s.regionName, s.cloudRegion, s.provider, s.importId.value, project.name, project.id) ||
      endpointsOf(s).some((e) => matches(filter, e.endpointId, e.status, e.importId.value)),
  );
  const titleId = useId("project");
  return html`<section class="project" aria-labelledby=${titleId} data-project-id=${project.id}>
    <header>
      <h3 id=${titleId}>Project ${project.name}</h3>
      <code>${project.id}</code>
      <${CopyButton} value=${project.id} label=${`Copy the id of project ${project.name}`} />
      ${project.regionalMode ? html`<span class="badge">regionalized mode</span>` : ""}
      <span class="muted small">${plural(services.length, "endpoint service")}, by provider and region</span>
    </header>
    ${services.length === 0 ? html`<p class="empty">No endpoint services. Create one through the Atlas API (Terraform, curl --digest…).</p>` : ""}
    <div class="cards">
      ${visible
        .sort((a, b) => PROVIDERS.indexOf(a.provider) - PROVIDERS.indexOf(b.provider) || a.regionName.localeCompare(b.regionName))
        .map((s) => html`<${ServiceCard} key=${s.key} service=${s} endpoints=${endpointsOf(s)} />`)}
    </div>
  </section>`;
}

function CreateProject({ orgId }: { orgId: string }) {
  const id = useId("new-project");
  const [name, setName] = useState("");
  const submit = async (event: Event) => {
    event.preventDefault();
    const created = await act(
      () => api.control<{ id: string; name: string }>("POST", "projects", { orgId, ...(name.trim() ? { name: name.trim() } : {}) }),
      (p) => `Project ${p.name} created (${p.id})`,
    );
    if (created) setName("");
    scheduleRefresh(0);
  };
  return html`<form class="row" onSubmit=${submit} aria-label="Create a project">
    <div class="field">
      <label for=${id}>New project name</label>
      <input id=${id} value=${name} onInput=${(e: Event) => setName((e.target as HTMLInputElement).value)} placeholder="optional" maxlength="64" />
    </div>
    <button type="submit">Create project</button>
  </form>`;
}

export function ObjectsView() {
  const state = useModel();
  const index = useMemo(() => indexOf(state), [state.services, state.endpoints]);
  const [filter, setFilter] = useState("");
  const filterId = useId("filter");
  const seed = () =>
    act(
      () => api.control<{ endpointServices: number; privateEndpoints: number }>("POST", "seed", { projects: 1, providers: ["AWS", "AZURE", "GCP"], servicesPerProvider: 1, endpointsPerService: 1 }),
      (r) => `Demo project added: ${plural(r.endpointServices, "endpoint service")}, ${plural(r.privateEndpoints, "endpoint")}`,
    ).then(() => scheduleRefresh(0));
  return html`<div>
    <div class="view-head">
      <div class="field">
        <label for=${filterId}>Filter by id, region, status or import id</label>
        <input id=${filterId} type="search" value=${filter} onInput=${(e: Event) => setFilter((e.target as HTMLInputElement).value.trim())} />
      </div>
      <button type="button" onClick=${seed}>Add a demo project</button>
    </div>
    ${state.truncated ? html`<p class="banner">The emulator holds more objects than the console shows (first 2000 services, 5000 endpoints).</p>` : ""}
    ${state.orgs.map((org) => {
      const projects = state.projects.filter((p) => p.orgId === org.id);
      return html`<section class="org" key=${org.id} aria-label=${`Organization ${org.name}`}>
        <header>
          <h2>Organization ${org.name} <code>${org.id}</code></h2>
          <${CreateProject} orgId=${org.id} />
        </header>
        ${projects.length === 0 ? html`<p class="empty">No projects.</p>` : ""}
        ${projects.map((p) => html`<${ProjectSection} key=${p.id} project=${p} index=${index} filter=${filter} />`)}
      </section>`;
    })}
  </div>`;
}
