import {msg, str} from '@lit/localize';
import {html, type TemplateResult} from 'lit';
import type {Rating, Scale} from './rating.types.js';

/** The scores of a rating, lowest first, as the server counts them (its `scores` range). */
export const scoresOf = ({scores}: Rating): number[] => Array.from({length: scores.max - scores.min + 1}, (_, i) => scores.min + i);

/** Whether the follow-up comment is offered after this score. */
export const commentFollows = (rating: Rating, score: number) =>
  rating.comment === 'always' || (rating.comment === 'after-low' && score <= (rating.lowThreshold ?? -1));

/** The face's mood from 0 (very unhappy) to 4 (very happy). */
const mood = (scale: Scale, score: number) => (scale === 'smileys-4' ? [0, 1, 3, 4][score - 1]! : score - 1);

/** What a score is called, for the button's accessible name and the visible label option. */
export function scoreLabel(scale: Scale, score: number): string {
  if (scale === 'thumbs') return score ? msg('Peukku ylös') : msg('Peukku alas');
  if (scale === 'nps') return String(score);
  if (scale === 'stars-5') return score === 1 ? msg('1 tähti') : msg(str`${score} tähteä`);
  // From "very dissatisfied" to "very satisfied", by mood.
  return [msg('Erittäin tyytymätön'), msg('Tyytymätön'), msg('Neutraali'), msg('Tyytyväinen'), msg('Erittäin tyytyväinen')][mood(scale, score)]!;
}

// Mouth curves from a frown to a wide smile: the control point's height.
const mouths = [19, 23, 27, 31, 35];

/** The picture on a score's button; decorative, since the button carries the label. */
export function scoreIcon(scale: Scale, score: number): TemplateResult | string {
  if (scale === 'nps') return String(score);
  if (scale === 'stars-5') {
    return html`<svg viewBox="0 0 40 40" aria-hidden="true"><path class="star" d="M20 3l5 11 12 1-9 8 3 12-11-7-11 7 3-12-9-8 12-1z"/></svg>`;
  }
  if (scale === 'thumbs') {
    return html`<svg viewBox="0 0 40 40" aria-hidden="true" class=${score ? 'up' : 'down'}><path class="thumb" d="M6 18h6v16H6zM15 18l6-11c2 0 4 1 4 4l-1 5h9c2 0 3 2 3 4l-3 11c-1 2-2 3-4 3H15z"/></svg>`;
  }
  const level = mood(scale, score);
  const mouth = level === 2 ? 'M13 27h14' : `M12 27Q20 ${mouths[level]} 28 27`;
  return html`<svg viewBox="0 0 40 40" aria-hidden="true" class="face mood-${level}">
    <circle cx="20" cy="20" r="17"/><circle class="eye" cx="14" cy="16" r="2.2"/><circle class="eye" cx="26" cy="16" r="2.2"/>
    <path class="mouth" d=${mouth} /></svg>`;
}
