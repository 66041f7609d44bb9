import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { csrfToken } from "./api.js";
import { CloudView } from "./cloud.js";
import { dateTimeOf } from "./format.js";
import { FaultsView } from "./faults.js";
import { html } from "./html.js";
import { act, refresh, useModel } from "./model.js";
import { ObjectsView } from "./objects.js";
import { RequestsView } from "./requests.js";
import { advanceClock, completePending, TimingView } from "./timing.js";
import { api } from "./api.js";
import { useId } from "./widgets.js";

/** The page: a header with the clock and the common actions, tabs for the views, a polite live
 * region that announces status changes, and notices for the outcome of actions. */
const TABS = [
  { id: "objects", label: "Objects", view: ObjectsView },
  { id: "requests", label: "Request log", view: RequestsView },
  { id: "faults", label: "Faults", view: FaultsView },
  { id: "timing", label: "Timing & clock", view: TimingView },
  { id: "cloud", label: "Simulated cloud", view: CloudView },
] as const;

type TabId = (typeof TABS)[number]["id"];

function initialTab(): TabId {
  const hash = location.hash.slice(1);
  return (TABS.find((t) => t.id === hash)?.id ?? "objects") as TabId;
}

function Clock() {
  const { summary } = useModel();
  const receivedAt = useMemo(() => Date.now(), [summary]);
  const [, tick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => tick((n) => n + 1), 1000);
    return () => clearInterval(timer);
  }, []);
  if (!summary) return html`<span class="muted">…</span>`;
  const now = summary.clockMode === "real" ? summary.epochMs + (Date.now() - receivedAt) : summary.epochMs;
  const iso = new Date(now).toISOString();
  return html`<span class="now">Emulator time <time datetime=${iso}>${dateTimeOf(iso)}</time></span>
    <span class="muted">${summary.clockMode} clock · profile ${summary.profile}${summary.nextDeadline ? "" : " · nothing pending"}</span>`;
}

function ResetButton() {
  const [armed, setArmed] = useState(false);
  useEffect(() => {
    if (!armed) return undefined;
    const timer = setTimeout(() => setArmed(false), 5000);
    return () => clearTimeout(timer);
  }, [armed]);
  const reset = async () => {
    setArmed(false);
    await act(() => api.control("POST", "reset", {}), "Emulator reset: every object, fault rule and registration is gone (the bootstrap organization, project and key stay)");
    await refresh();
  };
  if (!armed) return html`<button type="button" class="danger" onClick=${() => setArmed(true)}>Reset…</button>`;
  return html`<span class="row"><button type="button" class="danger confirm" onClick=${reset} autofocus>Confirm reset</button><button type="button" onClick=${() => setArmed(false)}>Cancel</button></span>`;
}

function Toolbar() {
  const [advance, setAdvance] = useState("1m");
  const id = useId("advance");
  return html`<form class="toolbar" aria-label="Clock actions" onSubmit=${(e: Event) => {
    e.preventDefault();
    void advanceClock(advance);
  }}>
    <label for=${id} class="sr-only">Advance the clock by</label>
    <input id=${id} value=${advance} onInput=${(e: Event) => setAdvance((e.target as HTMLInputElement).value)} title="ms, or 90s, 2.5m, 1h" />
    <button type="submit">Advance clock</button>
    <button type="button" onClick=${completePending}>Complete pending</button>
    <${ResetButton} />
  </form>`;
}

export function App() {
  const state = useModel();
  const [tab, setTab] = useState<TabId>(initialTab());
  const tabRefs = useRef<(HTMLButtonElement | null)[]>([]);
  const select = (id: TabId, focus = false) => {
    setTab(id);
    history.replaceState(null, "", `#${id}`);
    if (focus) tabRefs.current[TABS.findIndex((t) => t.id === id)]?.focus();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    const i = TABS.findIndex((t) => t.id === tab);
    const next = event.key === "ArrowRight" ? i + 1 : event.key === "ArrowLeft" ? i - 1 : event.key === "Home" ? 0 : event.key === "End" ? TABS.length - 1 : null;
    if (next === null) return;
    event.preventDefault();
    select(TABS[(next + TABS.length) % TABS.length]!.id, true);
  };
  const View = TABS.find((t) => t.id === tab)!.view;
  return html`<div>
    <header class="topbar">
      <div class="brand"><h1>Atlas emulator console</h1><span class="muted small">${state.summary ? `v${state.summary.version}` : ""}</span></div>
      <div class="clock"><${Clock} /></div>
      <${Toolbar} />
      <div class="who">
        <span class=${`live ${state.live === "live" ? "on" : ""}`} role="status">${state.live === "live" ? "Live" : state.live === "connecting" ? "Connecting…" : "Reconnecting…"}</span>
        <span class="muted">as <code>${state.principal}</code></span>
        <form method="post" action="/console/logout"><input type="hidden" name="csrf" value=${csrfToken()} /><button type="submit" class="small">Log out</button></form>
      </div>
    </header>
    <nav class="tabs" role="tablist" aria-label="Console views" onKeyDown=${onKeyDown}>
      ${TABS.map(
        (t, i) => html`<button key=${t.id} type="button" role="tab" id=${`tab-${t.id}`} aria-controls=${`panel-${t.id}`}
          aria-selected=${t.id === tab ? "true" : "false"} tabIndex=${t.id === tab ? 0 : -1}
          ref=${(el: HTMLButtonElement | null) => (tabRefs.current[i] = el)} onClick=${() => select(t.id)}>${t.label}</button>`,
      )}
    </nav>
    <main id="main" tabIndex="-1">
      <div role="tabpanel" id=${`panel-${tab}`} aria-labelledby=${`tab-${tab}`}>
        ${state.loaded ? html`<${View} />` : html`<p class="loading" role="status">Reading the emulator's state…</p>`}
      </div>
    </main>
    <div class="sr-only" aria-live="polite" aria-atomic="false" id="announcer">
      ${state.announcements.map((a) => html`<p key=${a.id}>${a.text}</p>`)}
    </div>
    <div class="notices">
      ${state.notices.map((n) => html`<p key=${n.id} class=${`notice ${n.kind}`} role=${n.kind === "error" ? "alert" : "status"}>${n.text}</p>`)}
    </div>
  </div>`;
}
