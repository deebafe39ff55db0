import {describe, expect, it} from 'vitest';
import {ScoreCounts} from '../src/reports/figures.js';

describe('the figures of rating answers', () => {
  it('gives the mean, CSAT (top two of five) and no NPS for five smileys', () => {
    const figures = new ScoreCounts().add('smileys-5', 5, 3).add('smileys-5', 4, 1).add('smileys-5', 1, 1).figures();
    expect(figures).toEqual({count: 5, mean: 4, csat: 0.8, nps: null});
  });

  it('gives NPS in points: promoters 9–10 minus detractors 0–6', () => {
    const figures = new ScoreCounts().add('nps', 10, 5).add('nps', 8, 3).add('nps', 3, 2).figures();
    expect(figures.nps).toBe(30);
  });

  it('gives thumbs no mean, only the share of thumbs up', () => {
    const figures = new ScoreCounts().add('thumbs', 1, 4).add('thumbs', 0, 1).figures();
    expect(figures).toEqual({count: 5, mean: null, csat: 0.8, nps: null});
  });
});
