// The provider executable, unbundled (development): both launch phases in sequence. The built
// executable runs the same two entry points from separate payloads (scripts/bundle.mjs).
import { start } from "./launch/bootstrap-entry.js";
import { finish } from "./launch/server-entry.js";

void start().then(finish);
