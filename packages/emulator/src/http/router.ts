/**
 * Routing on the RAW request path. Atlas path parameters are percent-encoded (an Azure endpoint
 * id travels as `%2Fsubscriptions%2F…`), so a path must be split on `/` before anything is
 * decoded; parameters are handed over still encoded and decoded one by one by the caller (a bad
 * escape there is a 400 PATH_PARAM_PARSE_ERROR, never a crash).
 */
export interface RouteTemplate {
  readonly method: string;
  /** e.g. `/api/atlas/v2/groups/{groupId}/privateEndpoint/{cloudProvider}/endpointService` */
  readonly path: string;
}

interface Compiled<R extends RouteTemplate> {
  readonly route: R;
  readonly segments: readonly ({ literal: string } | { param: string })[];
  /** Literal segments first: `/endpointService/{id}` beats `/{cloudProvider}/endpointService`. */
  readonly rank: string;
}

export type RouteMatch<R> =
  | { readonly kind: "match"; readonly route: R; readonly params: Readonly<Record<string, string>> }
  | { readonly kind: "methodNotAllowed"; readonly allowed: readonly string[] }
  | { readonly kind: "notFound" };

export class Router<R extends RouteTemplate> {
  readonly #bySize = new Map<number, Compiled<R>[]>();

  constructor(routes: readonly R[]) {
    for (const route of routes) {
      const segments = route.path
        .split("/")
        .slice(1)
        .map((s) => (s.startsWith("{") && s.endsWith("}") ? { param: s.slice(1, -1) } : { literal: s }));
      const rank = segments.map((s) => ("literal" in s ? "0" : "1")).join("");
      const list = this.#bySize.get(segments.length) ?? [];
      list.push({ route, segments, rank });
      list.sort((a, b) => (a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : 0));
      this.#bySize.set(segments.length, list);
    }
  }

  /** `rawPath` is the path without the query, exactly as received. */
  match(method: string, rawPath: string): RouteMatch<R> {
    const parts = rawPath.split("/").slice(1);
    const candidates = this.#bySize.get(parts.length);
    if (!candidates) return { kind: "notFound" };
    const allowed: string[] = [];
    let pathRank: string | undefined;
    for (const c of candidates) {
      const params: Record<string, string> = {};
      let ok = true;
      for (let i = 0; i < c.segments.length; i++) {
        const seg = c.segments[i]!;
        const part = parts[i]!;
        if ("literal" in seg) {
          if (seg.literal !== part) {
            ok = false;
            break;
          }
        } else {
          if (part === "") {
            ok = false;
            break;
          }
          params[seg.param] = part;
        }
      }
      if (!ok) continue;
      // Only routes of the best-ranked path shape count (a more generic template never answers
      // for a path a more specific one matched).
      if (pathRank !== undefined && c.rank !== pathRank) break;
      pathRank = c.rank;
      if (c.route.method === method) return { kind: "match", route: c.route, params };
      allowed.push(c.route.method);
    }
    return allowed.length > 0 ? { kind: "methodNotAllowed", allowed } : { kind: "notFound" };
  }
}
