/**
 * Lets a page with many widgets render them a few at a time: each task renders until its slice of
 * time is used, then the rest wait for the next task, so input and painting never wait long.
 */
const sliceMs = 8;
/**
 * When this task's slice ends; 0 until a task asks. It starts spent (-1): the first task that asks gets
 * no slice, since on a page with the script tag that is the task that defines the elements and so
 * upgrades every one already on the page, long enough with fifty; their work starts in the tasks after it.
 */
let deadline = -1;
let nextTask: Promise<void> | undefined;

/**
 * Calls `resolve` in a task of its own, as soon as the browser has handled what waits (input, a
 * frame). A message rather than a timer: timers set from timers, five deep, wait at least 4 ms each,
 * and slices of 8 ms would then spend a third of the time waiting.
 */
function afterThisTask(resolve: () => void): void {
  const channel = new MessageChannel();
  channel.port1.onmessage = () => resolve();
  channel.port2.postMessage(undefined);
}

/** Nothing when there is time left in this task's slice; else a promise of the next task. */
export function waitForSlice(): Promise<void> | undefined {
  const now = performance.now();
  deadline ||= now + sliceMs;
  nextTask ??= new Promise<void>(afterThisTask).then(() => {
    deadline = 0;
    nextTask = undefined;
  });
  return now < deadline ? undefined : nextTask;
}

/** Runs `work` now when this task's slice has time left, else in the first later task that has. */
export function inSlice<T>(work: () => Promise<T>): Promise<T> {
  const wait = waitForSlice();
  return wait ? wait.then(() => inSlice(work)) : work();
}
