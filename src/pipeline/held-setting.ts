/**
 * Whether node was started with V8's flag `name` of its own (`--name`, `--no-name`, `--name=…`,
 * with `-` or `_` between its words): a setting the process asked for is left as it is.
 */
export function startedWith(name: string, execArgv: readonly string[] = process.execArgv): boolean {
  const words = name.split('-').join('[-_]');
  const flag = new RegExp(`^--(no-)?${words}(=|$)`);
  return execArgv.some((arg) => flag.test(arg));
}

/**
 * A V8 setting that builds ask for while they run: V8's flags are the process's, so builds that
 * overlap (a server rebuilding, tests in one process) share it — set when the first asks, set back
 * when the last gives it back.
 */
export class HeldSetting {
  private holders = 0;

  /** `on` while held, `off` once no build holds it. */
  constructor(
    private readonly on: string,
    private readonly off: string,
  ) {}

  /** Holds the setting (setting it if none held it) until the function returned is called. */
  hold(setFlags: (flags: string) => void): () => void {
    if (this.holders++ === 0) setFlags(this.on);
    let held = true;
    return () => {
      if (!held) return;
      held = false;
      if (--this.holders === 0) setFlags(this.off);
    };
  }

  /** Whether any build holds it now. */
  get held(): boolean {
    return this.holders > 0;
  }
}
