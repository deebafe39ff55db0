/**
 * Small numbers are never shown (issue 10, point 2). A breakdown cell with fewer answers than the
 * library's threshold is shown as "too few answers to show", which is not "no answers": a cell with no
 * answers at all stays 0. And hiding one cell must not let a reader recover it by subtraction: when a
 * group (the cells that add up to a shown total, such as the branches of one month) has exactly one
 * hidden cell, the next smallest cell of that group is hidden with it.
 *
 * The functions decide *which* cells to hide; the callers then drop every figure of a hidden cell
 * (count, mean, CSAT, NPS, distribution), so that the JSON carries `{"suppressed": true}` and nothing else.
 */

/** What a library may set: never below 3 (migration 012 checks the same). */
export const MIN_THRESHOLD = 3;
export const DEFAULT_REPORT_THRESHOLD = 5;
export const DEFAULT_FREE_TEXT_THRESHOLD = 10;

export interface Suppressed {
  suppressed: true;
}
export const SUPPRESSED: Suppressed = Object.freeze({suppressed: true});

/** True for a count a reader may not see: 1 to threshold − 1 answers (0 is "no answers", shown). */
export function tooFew(count: number, threshold: number): boolean {
  return count > 0 && count < Math.max(threshold, MIN_THRESHOLD);
}

/**
 * Which cells of one group to hide. `counts[i]` is the number of answers in cell i; `hidden` may hold
 * cells already hidden by another group (a table's other dimension). Returns the hidden flags.
 *
 * Primary: every cell with too few answers. Secondary: if that leaves exactly one hidden cell with
 * answers, also hide the smallest shown cell with answers (its count is then unknown too, and the total
 * minus the shown cells is the sum of two unknowns). If no other cell has answers, the group's total
 * equals the hidden cell: the caller must hide the total (see `totalShown`).
 */
export function suppressGroup(counts: readonly number[], threshold: number, hidden?: readonly boolean[]): boolean[] {
  const out = counts.map((count, i) => (hidden?.[i] ?? false) || tooFew(count, threshold));
  const hiddenWithAnswers = out.filter((isHidden, i) => isHidden && counts[i]! > 0).length;
  if (hiddenWithAnswers === 1) {
    let smallest = -1;
    counts.forEach((count, i) => {
      if (!out[i] && count > 0 && (smallest < 0 || count < counts[smallest]!)) smallest = i;
    });
    if (smallest >= 0) out[smallest] = true;
  }
  return out;
}

/**
 * Whether a group's total may be shown: it has no answers, or enough of them, and it does not give
 * away a single hidden cell (a group whose only cell with answers is hidden).
 */
export function totalShown(counts: readonly number[], hidden: readonly boolean[], threshold: number): boolean {
  const total = counts.reduce((sum, count) => sum + count, 0);
  if (tooFew(total, threshold)) return false;
  const withAnswers = counts.filter((count) => count > 0).length;
  const hiddenWithAnswers = counts.filter((count, i) => count > 0 && hidden[i]).length;
  return !(withAnswers === 1 && hiddenWithAnswers === 1);
}

/**
 * Which cells of a table to hide, when both its rows and its columns add up to shown totals (branch ×
 * month, channel × score). Applies `suppressGroup` to every row and every column until nothing changes.
 */
export function suppressTable(counts: readonly (readonly number[])[], threshold: number): boolean[][] {
  let hidden = counts.map((row) => row.map((count) => tooFew(count, threshold)));
  const columns = counts[0]?.length ?? 0;
  for (let changed = true; changed; ) {
    changed = false;
    const next = counts.map((row, r) => suppressGroup(row, threshold, hidden[r]));
    for (let c = 0; c < columns; c++) {
      const column = suppressGroup(
        counts.map((row) => row[c]!),
        threshold,
        next.map((row) => row[c]!),
      );
      column.forEach((isHidden, r) => (next[r]![c] = isHidden));
    }
    changed = next.some((row, r) => row.some((isHidden, c) => isHidden !== hidden[r]![c]));
    hidden = next;
  }
  return hidden;
}

/** A cell as the API sends it: its figures, or `{"suppressed": true}` and nothing else. */
export function cell<T extends object>(isHidden: boolean, figures: T): T | Suppressed {
  return isHidden ? SUPPRESSED : figures;
}
