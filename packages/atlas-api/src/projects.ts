/** Projects ("groups") and clusters: the minimal fields this project needs. */

export interface Link {
  readonly href: string;
  readonly rel: string;
}

/** The standard v2 list envelope (`{links, results, totalCount}`). Not used by the
 * private-endpoint list, which returns a bare array. */
export interface Paginated<T> {
  readonly links: Link[];
  readonly results: T[];
  readonly totalCount?: number;
}

export interface Group {
  readonly clusterCount: number;
  /** ISO-8601 creation time. */
  readonly created: string;
  readonly id: string;
  readonly links: Link[];
  readonly name: string;
  readonly orgId: string;
}

export interface CreateGroupRequest {
  readonly name: string;
  readonly orgId?: string;
}

/** The cluster fields the cluster-IDLE wait reads. */
export interface ClusterSummary {
  readonly name: string;
  /** IDLE, CREATING, UPDATING, DELETING, REPAIRING. */
  readonly stateName: string;
}

/** Body of a service-account token response (`POST /api/oauth/token`). */
export interface OAuthTokenResponse {
  readonly access_token: string;
  readonly expires_in: number;
  readonly token_type: "Bearer";
}
