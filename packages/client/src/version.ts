/** Version of this package (kept equal to package.json by version.test.ts). */
export const CLIENT_VERSION = "0.1.0";

/** The User-Agent sent when the caller does not pass one. */
export function defaultUserAgent(): string {
  return `atlas-privatelink-client/${CLIENT_VERSION} (TypeScript; Node.js ${process.versions.node}; ${process.platform}/${process.arch})`;
}
