import { useEffect, useRef, useState } from "preact/hooks";
import type { RequestLogEntry } from "../../http/request-log.js";
import { api } from "./api.js";
import { timeOf } from "./format.js";
import { html } from "./html.js";
import { act } from "./model.js";
import { useId } from "./widgets.js";

const KEEP = 500;

/**
 * The request log (`GET /_emulator/requests`): what was asked and answered, and by which key —
 * the log holds no secret, header value or body. Polled once a second while shown, newest first.
 */
export function RequestsView() {
  const [rows, setRows] = useState<readonly RequestLogEntry[]>([]);
  const [filter, setFilter] = useState("");
  const [paused, setPaused] = useState(false);
  const last = useRef(0);
  const filterId = useId("req-filter");

  useEffect(() => {
    let stopped = false;
    const poll = async () => {
      if (paused || document.visibilityState !== "visible") return;
      try {
        const { requests } = await api.control<{ requests: RequestLogEntry[] }>("GET", `requests?since=${last.current}&limit=${KEEP}`);
        if (stopped || requests.length === 0) return;
        last.current = requests[requests.length - 1]!.seq;
        setRows((old) => [...requests.reverse(), ...old].slice(0, KEEP));
      } catch {
        /* shown by the live indicator */
      }
    };
    void poll();
    const timer = setInterval(poll, 1000);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [paused]);

  const clear = async () => {
    await act(() => api.control("DELETE", "requests"), "Request log cleared");
    last.current = 0;
    setRows([]);
  };
  const f = filter.toLowerCase();
  const shown = f === "" ? rows : rows.filter((r) => `${r.method} ${r.path} ${r.status} ${r.errorCode ?? ""} ${r.principal ?? ""} ${r.operationId ?? ""}`.toLowerCase().includes(f));
  return html`<div>
    <div class="view-head">
      <div class="field">
        <label for=${filterId}>Filter by method, path, status, error code or key</label>
        <input id=${filterId} type="search" value=${filter} onInput=${(e: Event) => setFilter((e.target as HTMLInputElement).value.trim())} />
      </div>
      <div class="row">
        <button type="button" aria-pressed=${paused ? "true" : "false"} onClick=${() => setPaused(!paused)}>${paused ? "Resume" : "Pause"}</button>
        <button type="button" class="danger" onClick=${clear}>Clear log</button>
      </div>
    </div>
    <div class="table-wrap">
      <table>
        <caption>Atlas API requests, newest first (${shown.length} shown; the emulator keeps the last 1000). Times are emulator time (UTC).</caption>
        <thead>
          <tr>
            <th scope="col">Time</th><th scope="col">Method</th><th scope="col">Path</th><th scope="col">Status</th>
            <th scope="col">Error code</th><th scope="col">Latency (ms)</th><th scope="col">Key</th><th scope="col">Fault</th>
          </tr>
        </thead>
        <tbody>
          ${shown.length === 0 ? html`<tr><td colspan="8" class="empty">No requests yet.</td></tr>` : ""}
          ${shown.map(
            (r) => html`<tr key=${r.seq}>
              <td><time datetime=${r.at}>${timeOf(r.at)}</time></td>
              <td>${r.method}</td>
              <td class="path" title=${r.operationId ?? ""}>${r.path}</td>
              <td class=${`num status-${String(r.status).charAt(0)}`}>${r.status === 0 ? "reset" : r.status}</td>
              <td>${r.errorCode ?? ""}</td>
              <td class="num">${r.durationMs.toFixed(1)}</td>
              <td>${r.principal ? html`<code>${r.principal}</code> <span class="muted small">${r.authScheme ?? ""}</span>` : html`<span class="muted">none</span>`}</td>
              <td>${r.faultId ?? ""}</td>
            </tr>`,
          )}
        </tbody>
      </table>
    </div>
  </div>`;
}
