/**
 * Command-line flags that take a value (`--mirror DIR`, `--interval 2s`).
 */

export type FlagValue = { readonly value: string } | { readonly error: string };

/**
 * The value of the flag at `args[at]`: the next argument. An error naming the flag and what it
 * takes (`takes`, e.g. "a folder") when there is none, when it is empty, or when it is another
 * flag (`--mirror --dev-overrides`: a folder named --dev-overrides is written ./--dev-overrides).
 */
export function flagValue(args: readonly string[], at: number, takes: string): FlagValue {
  const flag = args[at]!;
  const value = args[at + 1];
  if (value === undefined) return { error: `${flag} takes ${takes}; got nothing` };
  if (value === "") return { error: `${flag} takes ${takes}; got an empty value` };
  if (value.startsWith("--")) return { error: `${flag} takes ${takes}; got the flag ${value}` };
  return { value };
}
