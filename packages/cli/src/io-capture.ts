import type { Io } from "./io.js";

/** An Io that keeps what a command writes (for tests). */
export function captureIo(isTty = false): Io & { stdout: () => string; stderr: () => string } {
  let stdout = "";
  let stderr = "";
  return { out: (t) => void (stdout += t), err: (t) => void (stderr += t), isTty, stdout: () => stdout, stderr: () => stderr };
}
