/**
 * The console's two server-rendered pages: the login form (works without JavaScript) and the
 * shell that loads the bundled browser code. Everything dynamic is escaped.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export interface AssetRefs {
  readonly css: string;
  readonly js: string | null;
}

function head(title: string, assets: AssetRefs): string {
  return (
    `<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">\n<meta name="color-scheme" content="light dark">\n` +
    `<meta name="referrer" content="same-origin">\n<title>${escapeHtml(title)}</title>\n` +
    `<link rel="icon" href="data:,">\n<link rel="stylesheet" href="${escapeHtml(assets.css)}">\n` +
    (assets.js ? `<script type="module" src="${escapeHtml(assets.js)}"></script>\n` : "") +
    `</head>\n`
  );
}

export interface LoginPageOptions {
  readonly version: string;
  /** Shown in an alert: why the last attempt failed. */
  readonly error?: string;
  readonly publicKey?: string;
}

export function loginPage(assets: AssetRefs, options: LoginPageOptions): string {
  const error = options.error
    ? `<p class="alert" role="alert" id="login-error">${escapeHtml(options.error)}</p>\n`
    : "";
  return (
    head("Log in · Atlas emulator console", { css: assets.css, js: null }) +
    `<body class="login-page">\n<main class="login-card" aria-labelledby="login-title">\n` +
    `<h1 id="login-title">Atlas emulator console</h1>\n` +
    `<p class="muted">Emulator ${escapeHtml(options.version)}. Log in with an <strong>Organization Owner</strong> API key of this emulator ` +
    `(the keys printed at start-up), or open the one-time console link the emulator printed.</p>\n` +
    error +
    `<form method="post" action="/console/login" class="stack">\n` +
    `<label for="publicKey">Public key</label>\n` +
    `<input id="publicKey" name="publicKey" autocomplete="username" spellcheck="false" required maxlength="64"` +
    `${options.publicKey ? ` value="${escapeHtml(options.publicKey)}"` : ""}${options.error ? ` aria-describedby="login-error"` : ""}>\n` +
    `<label for="privateKey">Private key</label>\n` +
    `<input id="privateKey" name="privateKey" type="password" autocomplete="current-password" spellcheck="false" required maxlength="256">\n` +
    `<button type="submit" class="primary">Log in</button>\n</form>\n` +
    `<p class="muted small">The key is checked against the hashes the emulator keeps; the console then uses an HttpOnly, ` +
    `SameSite=Strict session cookie. Nothing is sent anywhere but this emulator.</p>\n` +
    `</main>\n</body>\n</html>\n`
  );
}

export function shellPage(assets: AssetRefs): string {
  return (
    head("Atlas emulator console", assets) +
    `<body>\n<a class="skip-link" href="#main">Skip to content</a>\n` +
    `<div id="app"><p class="loading" role="status">Loading the console…</p></div>\n` +
    `<noscript><p class="alert">The console needs JavaScript. The control API (<code>/_emulator/…</code>) works without it.</p></noscript>\n` +
    `</body>\n</html>\n`
  );
}

export function missingAssetsPage(assets: AssetRefs): string {
  return (
    head("Atlas emulator console", { css: assets.css, js: null }) +
    `<body class="login-page">\n<main class="login-card">\n<h1>Atlas emulator console</h1>\n` +
    `<p class="alert" role="alert">The console's browser code is not built. Run <code>npm run build</code> at the repository root ` +
    `(it bundles <code>packages/emulator/dist/console-assets/</code>), then reload.</p>\n</main>\n</body>\n</html>\n`
  );
}
