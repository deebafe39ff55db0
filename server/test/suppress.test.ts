import {describe, expect, it} from 'vitest';
import {suppressGroup, suppressTable, totalShown, tooFew} from '../src/reports/suppress.js';

describe('small numbers are never shown', () => {
  it('hides 1 to threshold − 1 answers, never 0 (no answers) and never below 3', () => {
    expect([0, 1, 4, 5].map((n) => tooFew(n, 5))).toEqual([false, true, true, false]);
    expect(tooFew(2, 1)).toBe(true);
  });

  it('hides the next smallest cell when one hidden cell could be recovered from the total', () => {
    // total 31 shown: 2 alone would be 31 − 12 − 17; with 12 hidden too it is not.
    expect(suppressGroup([12, 2, 17, 0], 5)).toEqual([true, true, false, false]);
  });

  it('hides nothing more when two cells are already hidden', () => {
    expect(suppressGroup([3, 2, 17], 5)).toEqual([true, true, false]);
  });

  it('hides the total of a group whose only answers are in one hidden cell', () => {
    const counts = [0, 6, 0];
    expect(suppressGroup(counts, 7)).toEqual([false, true, false]);
    expect(totalShown(counts, suppressGroup(counts, 7), 7)).toBe(false);
    expect(totalShown([0, 0], [false, false], 5)).toBe(true);
  });

  it('no row or column of a table lets a hidden cell be recovered', () => {
    const counts = [
      [10, 2, 9],
      [8, 7, 6],
      [20, 11, 30],
    ];
    const hidden = suppressTable(counts, 5);
    for (const line of [...hidden, ...hidden[0]!.map((_, c) => hidden.map((row) => row[c]!))]) {
      expect(line.filter(Boolean).length).not.toBe(1);
    }
    expect(hidden[0]![1]).toBe(true);
  });
});
