import {msg} from '@lit/localize';
import {getLocale} from '../i18n.js';

/**
 * Numbers, shares and points for charts and tables in the console's language (Intl), and the two
 * words that must never be confused: a cell hidden for having too few answers, and a cell with none.
 */
export const tooFewText = () => msg('too few answers to show');
export const noAnswersText = () => msg('no answers');

export const formatInteger = (n: number) => new Intl.NumberFormat(getLocale(), {maximumFractionDigits: 0}).format(n);
export const formatDecimal = (n: number, digits = 1) =>
  new Intl.NumberFormat(getLocale(), {minimumFractionDigits: digits, maximumFractionDigits: digits}).format(n);
/** A share 0..1 as a percentage: 0.8 → "80 %" (fi), "80%" (en). */
export const formatShare = (share: number) => new Intl.NumberFormat(getLocale(), {style: 'percent', maximumFractionDigits: 0}).format(share);
/** NPS and other points with their sign: +35, −12, 0. */
export const formatPoints = (n: number) => new Intl.NumberFormat(getLocale(), {signDisplay: 'exceptZero', maximumFractionDigits: 0}).format(n);
/** A change against the previous period, signed. */
export const formatChange = (n: number, digits = 0) =>
  new Intl.NumberFormat(getLocale(), {signDisplay: 'exceptZero', minimumFractionDigits: digits, maximumFractionDigits: digits}).format(n);
