/** Builds one at a time: changes that come in during a build make one more build after it. */

export interface BuildQueue {
  /** Asks for a build for `changed` (joined with any others waiting). */
  add: (changed: readonly string[]) => void;
  /** Resolves once no build runs and none waits. */
  idle: () => Promise<void>;
}

/** Runs `build` for each batch of changes, never two at once; a failure is `build`'s to report. */
export function buildQueue(build: (changed: string[]) => Promise<void>): BuildQueue {
  let waiting: Set<string> | undefined;
  let running: Promise<void> | undefined;
  const next = async (): Promise<void> => {
    while (waiting) {
      const changed = [...waiting].sort();
      waiting = undefined;
      await build(changed).catch(() => {});
    }
    running = undefined;
  };
  return {
    add: (changed) => {
      waiting ??= new Set();
      for (const file of changed) waiting.add(file);
      running ??= next();
    },
    idle: async () => {
      while (running) await running;
    },
  };
}
