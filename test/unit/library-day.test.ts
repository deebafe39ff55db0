import {describe, expect, it} from 'vitest';
import {libraryDay, untilNextDay} from '../../src/rating/rating-controller.js';

describe("the library's day", () => {
  it('turns at midnight in Helsinki, not at midnight UTC', () => {
    // 22:30 UTC in winter is 00:30 the next day in Helsinki (UTC+2), 01:30 in summer (UTC+3).
    expect(libraryDay('Europe/Helsinki', Date.parse('2025-01-14T22:30:00Z'))).toBe('2025-01-15');
    expect(libraryDay('Europe/Helsinki', Date.parse('2025-07-14T21:30:00Z'))).toBe('2025-07-15');
    expect(libraryDay('Europe/Helsinki', Date.parse('2025-01-14T21:59:59Z'))).toBe('2025-01-14');
    expect(libraryDay('UTC', Date.parse('2025-01-14T22:30:00Z'))).toBe('2025-01-14');
  });

  it('says how long until the next day begins there, also on the days clocks change', () => {
    expect(untilNextDay('Europe/Helsinki', Date.parse('2025-01-14T21:59:59.250Z'))).toBe(750);
    expect(untilNextDay('Europe/Helsinki', Date.parse('2025-03-29T22:00:00Z'))).toBe(86_400_000);
    // The evening before summer time begins (30 March 2025, 03:00 local).
    expect(untilNextDay('Europe/Helsinki', Date.parse('2025-03-29T21:00:00Z'))).toBe(3_600_000);
  });
});
