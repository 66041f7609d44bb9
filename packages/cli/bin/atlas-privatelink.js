#!/usr/bin/env node
// The `atlas-privatelink` command (development layout: compiled TypeScript in ../dist).
import { run } from "../dist/main.js";

process.exitCode = await run(process.argv.slice(2));
