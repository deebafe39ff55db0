/**
 * Lets a page with many widgets render them a few at a time: each task renders until its slice of
 * time is used, then the rest wait for the next task, so input and painting never wait long.
 */
const sliceMs = 8;
let deadline = 0;
let nextTask: Promise<void> | undefined;

/** Nothing when there is time left in this task's slice; else a promise of the next task. */
export function waitForSlice(): Promise<void> | undefined {
  const now = performance.now();
  if (!deadline) {
    deadline = now + sliceMs;
    nextTask ??= new Promise((resolve) => setTimeout(resolve)).then(() => {
      deadline = 0;
      nextTask = undefined;
    });
    return undefined;
  }
  return now < deadline ? undefined : nextTask;
}

/** Runs `work` now when this task's slice has time left, else in the first later task that has. */
export function inSlice<T>(work: () => Promise<T>): Promise<T> {
  const wait = waitForSlice();
  return wait ? wait.then(() => inSlice(work)) : work();
}
