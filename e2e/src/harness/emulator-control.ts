/** The emulator's control API (`/_emulator/...`): faults, objects, profile, clock, request log. */

export type EmulatorControl = <T = unknown>(method: string, path: string, body?: unknown) => Promise<T>;

/** Calls on the control API of the emulator at `url`; a non-2xx answer throws with its body. */
export function emulatorControl(url: string): EmulatorControl {
  return async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${url}/_emulator${path}`, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`control ${method} ${path} → ${res.status}: ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
}
