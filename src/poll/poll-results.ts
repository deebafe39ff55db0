import {msg, str} from '@lit/localize';
import {html, type TemplateResult} from 'lit';
import {intlLocales, uiText} from '../shared/i18n.js';
import {pickText} from '../shared/text.js';
import type {Text} from '../shared/types.js';
import type {Ballot, Poll, Results} from './poll.types.js';

interface Row {
  id: string;
  label: Text | string;
  count: number;
  share: number;
}

function rows(poll: Poll, results: Results): Row[] {
  const counts = new Map(results.options.map((option) => [option.id, option.count]));
  const share = (count: number) => (results.total ? count / results.total : 0);
  const list: Row[] = poll.options.map((option) => {
    const count = counts.get(option.id) ?? 0;
    return {id: option.id, label: option.label, count, share: share(count)};
  });
  if (poll.allowOther) list.push({id: '', label: msg('Muu'), count: results.otherCount, share: share(results.otherCount)});
  return list;
}

export const percent = (share: number): string => new Intl.NumberFormat(intlLocales(), {style: 'percent', maximumFractionDigits: 0}).format(share);

/** "1 vote", "2 votes": the plural form comes from Intl.PluralRules, so Sami's dual has its own string. */
export function votesText(count: number): string {
  const n = new Intl.NumberFormat(intlLocales()).format(count);
  switch (new Intl.PluralRules(intlLocales()).select(count)) {
    case 'one':
      return msg(str`${n} ääni`, {id: 'votes-one'});
    case 'two':
      return msg(str`${n} ääntä`, {id: 'votes-two'});
    default:
      return msg(str`${n} ääntä`, {id: 'votes-other'});
  }
}

/** The results as bars with counts and percentages; the patron's own choices are marked. */
export function renderResults(
  poll: Poll,
  results: Results,
  ballot: Ballot | undefined,
  text: (text: Text) => TemplateResult,
): TemplateResult {
  const mine = new Set(ballot?.optionIds ?? []);
  if (ballot?.otherText) mine.add('');
  return html`<ul part="results" class="results">
      ${rows(poll, results).map(
        (row) => html`<li class="result">
          <div class="result-text">
            <span class="result-label">${typeof row.label === 'string' ? uiText(row.label) : text(row.label)}${mine.has(row.id)
                ? // The space is an expression: the template minifier drops a template's leading white space.
                  html`${' '}<span class="mine">${msg('(sinun valintasi)')}</span>`
                : ''}</span>
            <span class="result-figures">${percent(row.share)} · ${votesText(row.count)}</span>
          </div>
          <progress part="bar" class="bar" max="1" .value=${row.share} aria-hidden="true"></progress>
        </li>`,
      )}
    </ul>
    <p class="total muted">${msg(str`Yhteensä: ${votesText(results.total)}`)}</p>`;
}

/** The results as one sentence for the live region, so screen-reader users hear them after voting. */
export function resultsSummary(poll: Poll, results: Results, languages: readonly string[]): string {
  const parts = rows(poll, results).map((row) => {
    const label = typeof row.label === 'string' ? row.label : pickText(row.label, languages).text;
    return `${label} ${percent(row.share)}`;
  });
  return msg(str`Tulokset: ${parts.join(', ')}.`);
}
