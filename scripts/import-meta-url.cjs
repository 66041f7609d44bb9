// esbuild inject for the CommonJS CLI bundle: what `import.meta.url` means in bundled ESM code.
export const __importMetaUrl = require("node:url").pathToFileURL(__filename).href;
