/** The emulator's version (kept equal to packages/emulator/package.json; a test checks it). */
export const EMULATOR_VERSION = "0.1.0";
