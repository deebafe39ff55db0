/**
 * Lets a page with many widgets render them a few at a time: each task renders until its slice of
 * time is used, then the rest wait for the next task, so input and painting never wait long.
 */
/**
 * A frame's time at 60 Hz. Shorter slices cost more tasks: on a page of fifty polls at 4x CPU, slices of
 * 16–24 ms made every poll interactive 8–17% sooner than slices of 8 ms in interleaved runs, and the
 * longest task stayed what no slice can cut (one element's first render).
 */
const sliceMs = 16;
/**
 * When this task's slice ends; 0 until a task asks. It starts spent (-1): the first task that asks gets
 * no slice, since on a page with the script tag that is the task that defines the elements and so
 * upgrades every one already on the page, long enough with fifty; their work starts in the tasks after it.
 */
let deadline = -1;
let nextTask: Promise<void> | undefined;

/** The page's one channel for `afterThisTask`: making a channel costs more than its message. */
let channel: MessageChannel | undefined;

/**
 * Calls `resolve` in a task of its own, as soon as the browser has handled what waits (input, a
 * frame). A message rather than a timer: timers set from timers, five deep, wait at least 4 ms each,
 * and short slices would then spend a large share of the time waiting. One call at a time (`nextTask`).
 */
function afterThisTask(resolve: () => void): void {
  channel ??= new MessageChannel();
  channel.port1.onmessage = resolve;
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
