/** Display helpers. Times are the emulator's clock, shown in UTC. */
export function timeOf(iso: string): string {
  return iso.slice(11, 23);
}

export function dateTimeOf(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
}

/** A badge tone for a status: ok, wait, bad, gone. */
export function tone(status: string): string {
  switch (status) {
    case "AVAILABLE":
    case "VERIFIED":
      return "ok";
    case "FAILED":
    case "REJECTED":
      return "bad";
    case "DELETING":
      return "gone";
    default:
      return "wait";
  }
}

/** A short, human name for an endpoint id (the last segment of an Azure resource id). */
export function shortEndpointName(endpointId: string): string {
  const slash = endpointId.lastIndexOf("/");
  return slash < 0 ? endpointId : endpointId.slice(slash + 1);
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
