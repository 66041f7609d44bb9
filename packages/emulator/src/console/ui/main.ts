import { render } from "preact";
import { api, setCsrf } from "./api.js";
import { App } from "./app.js";
import { html } from "./html.js";
import { connectLive, model, pollSummary, refresh } from "./model.js";

/** Entry point of the console's browser bundle (dist/console-assets/console.js). */
async function boot(): Promise<void> {
  const root = document.getElementById("app");
  if (!root) return;
  try {
    const session = await api.session();
    setCsrf(session.csrf);
    model.set({ principal: session.principal });
  } catch {
    return; // a 401 already sent the page to the login form
  }
  root.textContent = "";
  render(html`<${App} />`, root);
  void refresh();
  connectLive();
  pollSummary();
}

void boot();
