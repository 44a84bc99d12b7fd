/**
 * Runs tasks one after another, in the order they were given. The link already sends one command
 * at a time; this keeps a whole group of commands (a status poll's three reads, an operation's
 * steps) together, so a poll never slips between the commands of an operation.
 */
export interface OneAtATime {
  run<T>(task: () => Promise<T>): Promise<T>;
  /** Tasks running or waiting. */
  readonly pending: number;
}

export function createOneAtATime(): OneAtATime {
  let tail: Promise<unknown> = Promise.resolve();
  let pending = 0;
  return {
    get pending() {
      return pending;
    },
    run(task) {
      pending++;
      const result = tail.then(task).finally(() => {
        pending--;
      });
      tail = result.catch(() => undefined);
      return result;
    },
  };
}
