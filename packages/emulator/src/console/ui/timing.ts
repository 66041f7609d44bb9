import { useEffect, useState } from "preact/hooks";
import { api } from "./api.js";
import { dateTimeOf, plural } from "./format.js";
import { html } from "./html.js";
import { act, model, refresh, useModel } from "./model.js";
import { useId } from "./widgets.js";

/** Clock actions (shared by the header) and the timing profile (`/_emulator/profile`). */

export async function advanceClock(duration: string): Promise<void> {
  const value = /^\d+$/.test(duration.trim()) ? Number(duration.trim()) : duration.trim();
  await act(
    () => api.control<{ transitionsApplied: number }>("POST", "clock", { advance: value }),
    (r) => `Clock advanced by ${duration}: ${plural(r.transitionsApplied, "step")} applied`,
  );
  await refresh();
}

export async function completePending(): Promise<void> {
  await act(
    () => api.completePending(),
    (r) => `Pending steps completed: ${plural(r.transitionsApplied, "step")} applied${r.stillPending > 0 ? `; ${r.stillPending} wait for reads` : ""}`,
  );
  await refresh();
}

export async function setFrozen(frozen: boolean): Promise<void> {
  await act(() => api.control("POST", "clock", frozen ? { freeze: true } : { resume: true }), frozen ? "Clock frozen" : "Clock running");
  await refresh();
}

interface Profile {
  readonly base: string;
  readonly transitions: Record<string, unknown>;
  readonly options: Record<string, boolean | number>;
  readonly rateLimit: Record<string, unknown>;
  readonly effective: Record<string, { afterMs?: number; afterReads?: number; to: string[] }>;
}

const OPTION_LABELS: Readonly<Record<string, string>> = {
  awsWaitingForUser: "AWS services wait for their first endpoint (WAITING_FOR_USER)",
  cascadeServiceDelete: "Deleting a service deletes its endpoints",
  deleteServiceWithLastEndpoint: "Deleting the last endpoint deletes its service",
  updateReinitiates: "A PATCH sends the service back to INITIATING",
  strictCloud: "Strict cloud: endpoint ids must be registered first",
};

export function TimingView() {
  const { summary } = useModel();
  const [profile, setProfile] = useState<Profile | null>(null);
  const [base, setBase] = useState("fast");
  const [step, setStep] = useState("");
  const [options, setOptions] = useState<Record<string, boolean | number>>({});
  const [json, setJson] = useState("");
  const [advance, setAdvance] = useState("1m");
  const ids = { base: useId("p-base"), step: useId("p-step"), json: useId("p-json"), advance: useId("c-adv"), gcp: useId("p-gcp") };

  const show = (p: Profile) => {
    setProfile(p);
    setBase(p.base);
    setOptions(p.options);
    setJson(JSON.stringify({ base: p.base, transitions: p.transitions, options: p.options, rateLimit: p.rateLimit }, null, 2));
  };
  const load = async () => {
    const p = await act(() => api.control<Profile>("GET", "profile"));
    if (p) show(p);
  };
  useEffect(() => {
    void load();
  }, []);

  const put = async (body: unknown) => {
    const p = await act(() => api.control<Profile>("PUT", "profile", body), "Profile applied: pending steps re-timed");
    if (p) show(p);
    await refresh();
  };
  const submit = (event: Event) => {
    event.preventDefault();
    const transitions = step.trim() === "" ? (profile?.transitions ?? {}) : { "*.*.*": /^\d+$/.test(step.trim()) ? Number(step.trim()) : step.trim() };
    void put({ base, transitions, options, ...(profile ? { rateLimit: profile.rateLimit } : {}) });
  };
  const submitJson = (event: Event) => {
    event.preventDefault();
    let body: unknown;
    try {
      body = JSON.parse(json);
    } catch {
      model.notify("That is not JSON.", "error");
      return;
    }
    void put(body);
  };
  const frozen = summary?.clockMode === "frozen";
  return html`<div class="grid-2">
    <section class="panel stack" aria-labelledby="clock-title">
      <h2 id="clock-title">Emulator clock</h2>
      ${summary
        ? html`<p>Now <strong><time datetime=${summary.now}>${dateTimeOf(summary.now)}</time></strong>, ${summary.clockMode} clock.
            ${summary.nextDeadline ? html` Next timed step at <time datetime=${summary.nextDeadline}>${dateTimeOf(summary.nextDeadline)}</time>.` : " No timed step pending."}</p>`
        : ""}
      <form class="row" onSubmit=${(e: Event) => {
        e.preventDefault();
        void advanceClock(advance);
      }}>
        <div class="field"><label for=${ids.advance}>Advance by (ms, or 90s, 2.5m, 1h)</label><input id=${ids.advance} value=${advance} onInput=${(e: Event) => setAdvance((e.target as HTMLInputElement).value)} /></div>
        <button type="submit">Advance clock</button>
      </form>
      <div class="row">
        <button type="button" onClick=${completePending}>Complete pending steps</button>
        <button type="button" onClick=${() => setFrozen(!frozen)}>${frozen ? "Resume the clock" : "Freeze the clock"}</button>
      </div>
      <p class="small muted">Completing moves the clock deadline by deadline, no further than the last step needs (Digest nonces and tokens age with it). Steps timed by reads wait for reads.</p>
    </section>
    <form class="panel stack" onSubmit=${submit} aria-labelledby="profile-title">
      <h2 id="profile-title">Timing profile</h2>
      <div class="row">
        <div class="field">
          <label for=${ids.base}>Base</label>
          <select id=${ids.base} value=${base} onChange=${(e: Event) => setBase((e.target as HTMLSelectElement).value)}>
            <option value="instant">instant (0 ms)</option>
            <option value="fast">fast (1 s)</option>
            <option value="realistic">realistic (recorded times)</option>
          </select>
        </div>
        <div class="field">
          <label for=${ids.step}>Every timed step takes (ms or 1.5s; empty: keep)</label>
          <input id=${ids.step} value=${step} onInput=${(e: Event) => setStep((e.target as HTMLInputElement).value)} />
        </div>
        <div class="field">
          <label for=${ids.gcp}>GCP service attachments</label>
          <input id=${ids.gcp} type="number" min="1" max="50" value=${String(options["gcpServiceAttachments"] ?? 6)}
            onInput=${(e: Event) => setOptions({ ...options, gcpServiceAttachments: Number((e.target as HTMLInputElement).value) })} />
        </div>
      </div>
      <fieldset>
        <legend>Options</legend>
        ${Object.entries(OPTION_LABELS).map(
          ([key, label]) => html`<label class="check" key=${key}>
            <input type="checkbox" checked=${options[key] === true} onChange=${(e: Event) => setOptions({ ...options, [key]: (e.target as HTMLInputElement).checked })} />
            <span>${label} <code>${key}</code></span>
          </label>`,
        )}
      </fieldset>
      <div><button type="submit" class="primary">Apply profile</button></div>
      ${profile
        ? html`<details>
            <summary>Effective timing of every step</summary>
            <div class="table-wrap">
              <table>
                <thead><tr><th scope="col">Step</th><th scope="col">After</th><th scope="col">To</th></tr></thead>
                <tbody>
                  ${Object.entries(profile.effective).map(
                    ([key, t]) => html`<tr key=${key}><td><code>${key}</code></td>
                      <td>${[t.afterMs !== undefined ? `${t.afterMs} ms` : "", t.afterReads !== undefined ? plural(t.afterReads, "read") : ""].filter(Boolean).join(" or ") || "never"}</td>
                      <td>${t.to.join(" / ")}</td></tr>`,
                  )}
                </tbody>
              </table>
            </div>
          </details>`
        : ""}
    </form>
    <form class="panel stack" onSubmit=${submitJson} aria-labelledby="profile-json-title">
      <h2 id="profile-json-title">Profile as JSON</h2>
      <label for=${ids.json}>What <code>PUT /_emulator/profile</code> takes: it replaces the whole profile</label>
      <textarea id=${ids.json} rows="12" value=${json} onInput=${(e: Event) => setJson((e.target as HTMLTextAreaElement).value)}></textarea>
      <div><button type="submit">Apply JSON profile</button></div>
    </form>
  </div>`;
}
