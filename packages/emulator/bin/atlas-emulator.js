#!/usr/bin/env node
// The `atlas-emulator` command: everything lives in the compiled dist/main.js.
import "../dist/main.js";
