/**
 * The SQLite schema. One migration per version; `PRAGMA user_version` records the last applied.
 * Deadlines (`next_at`) are stored so a restart resumes every pending transition where it was;
 * partial indexes keep "what is due next" a cheap lookup even with 100k objects.
 */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
  CREATE TABLE orgs (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    created_at INTEGER NOT NULL
  ) WITHOUT ROWID;
  CREATE TABLE projects (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    regional_mode INTEGER NOT NULL DEFAULT 0,
    UNIQUE (org_id, name)
  ) WITHOUT ROWID;
  CREATE TABLE principals (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('apiKey', 'serviceAccount')),
    org_id TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    description TEXT NOT NULL DEFAULT '',
    ha1_md5 TEXT,
    ha1_sha256 TEXT,
    secret_hash TEXT,
    secret_salt TEXT,
    created_at INTEGER NOT NULL
  ) WITHOUT ROWID;
  CREATE TABLE role_assignments (
    principal_id TEXT NOT NULL REFERENCES principals(id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    project_id TEXT NOT NULL DEFAULT '' ,
    PRIMARY KEY (principal_id, role, project_id)
  ) WITHOUT ROWID;
  CREATE TABLE tokens (
    hash TEXT PRIMARY KEY,
    principal_id TEXT NOT NULL REFERENCES principals(id) ON DELETE CASCADE,
    expires_at INTEGER NOT NULL
  ) WITHOUT ROWID;
  CREATE TABLE endpoint_services (
    id TEXT PRIMARY KEY,
    project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    provider TEXT NOT NULL,
    region TEXT NOT NULL,
    status TEXT NOT NULL,
    error_message TEXT,
    state_since INTEGER NOT NULL,
    next_at INTEGER,
    reads_left INTEGER,
    forced TEXT,
    data TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    UNIQUE (project_id, provider, region)
  ) WITHOUT ROWID;
  CREATE INDEX endpoint_services_next ON endpoint_services (next_at) WHERE next_at IS NOT NULL;
  CREATE INDEX endpoint_services_pending_reads ON endpoint_services (reads_left) WHERE reads_left IS NOT NULL;
  CREATE TABLE private_endpoints (
    seq INTEGER PRIMARY KEY,
    service_id TEXT NOT NULL REFERENCES endpoint_services(id) ON DELETE CASCADE,
    endpoint_id TEXT NOT NULL,
    project_id TEXT NOT NULL,
    provider TEXT NOT NULL,
    status TEXT NOT NULL,
    error_message TEXT,
    delete_requested INTEGER NOT NULL DEFAULT 0,
    state_since INTEGER NOT NULL,
    next_at INTEGER,
    reads_left INTEGER,
    forced TEXT,
    data TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    UNIQUE (service_id, endpoint_id)
  );
  CREATE INDEX private_endpoints_next ON private_endpoints (next_at) WHERE next_at IS NOT NULL;
  CREATE INDEX private_endpoints_pending_reads ON private_endpoints (reads_left) WHERE reads_left IS NOT NULL;
  CREATE TABLE cloud_endpoints (
    provider TEXT NOT NULL,
    id TEXT NOT NULL,
    data TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (provider, id)
  ) WITHOUT ROWID;
  `,
];
