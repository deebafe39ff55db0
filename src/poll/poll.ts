import {msg, str} from '@lit/localize';
import {html, nothing, type PropertyValues} from 'lit';
import {atom} from '../shared/atom.js';
import {KirjastoElement} from '../shared/element.js';
import {emit} from '../shared/events.js';
import {baseLang, uiText} from '../shared/i18n.js';
import {notOpenMessage, problemMessage, queuedMessage, refusedMessage} from '../shared/messages.js';
import {StoreController, type LoadState} from '../shared/store.js';
import {pickText, type PickedText} from '../shared/text.js';
import {pollModel, type LoadedPoll, type PollModel, type VoteState} from './poll-store.js';
import {pollStyles} from './poll.styles.js';
import type {Ballot, Poll} from './poll.types.js';
import {percent, renderResults, resultsSummary} from './poll-results.js';

const otherId = '\u0000other';

/**
 * A poll a patron answers with one tap or a few, then sees the results (when the poll shows them).
 *
 * @summary Single or multiple choice poll with results as bars.
 *
 * @fires {CustomEvent<KirjastoPollLoadDetail>} kirjasto-load - The poll was loaded and is shown: `{pollId, poll}`.
 * @fires {CustomEvent<KirjastoPollSubmitDetail>} kirjasto-submit - The patron voted: `{pollId, optionIds, otherText?, queued}` (`queued` when the vote waits in the outbox).
 *
 * @csspart base - The poll's box.
 * @csspart question - The question.
 * @csspart option - One choice (label with its radio button or checkbox).
 * @csspart submit - The vote button.
 * @csspart results - The list of results.
 * @csspart bar - One result bar (a native `progress` element; its colour is `--kirjasto-poll-bar-color`).
 * @csspart status - Confirmations and state messages (a polite live region).
 *
 * @cssproperty [--kirjasto-poll-bar-height=0.75rem] - Height of the result bars.
 * @cssproperty [--kirjasto-poll-bar-color=var(--kirjasto-accent)] - Colour of the result bars.
 */
export class KirjastoPoll extends KirjastoElement {
  static override styles = [KirjastoElement.styles, pollStyles];

  static override properties = {
    poll: {},
    chosen: {state: true},
    otherText: {state: true},
    formError: {state: true},
  };

  /** The poll's id on the server. */
  poll = '';

  private chosen: string[] = [];
  private otherText = '';
  private formError = '';

  #model?: PollModel;
  #shownError?: unknown;
  readonly #loaded = new StoreController<LoadState<LoadedPoll>>(this, atom({phase: 'pending'}));
  readonly #voting = new StoreController<VoteState>(this, atom<VoteState>({sending: 'idle'}));

  protected followContent(): void {
    if (this.poll) this.#show();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('poll') || changed.has('api') || !this.#model) this.#show();
  }

  #show(): void {
    const model = pollModel(this.apiBase, this.poll);
    if (model === this.#model) return;
    this.#model = model;
    this.#loaded.follow(model.remote.state, model.remote);
    this.#voting.follow(model.voting);
    this.resetAnnouncement();
  }

  protected override updated(): void {
    const {data, error} = this.#loaded.value;
    this.announce(data && {pollId: data.poll.id, poll: data.poll}, error);
    // A refusal, of a vote sent now or of one that waited in the outbox, is announced once.
    const {sendError} = this.#voting.value;
    if (sendError && sendError !== this.#shownError) this.emitError(sendError);
    this.#shownError = sendError;
  }

  #onToggle(id: string, checked: boolean, single: boolean): void {
    if (this.#voting.value.sending === 'sending') return;
    // A page's first number format loads the locale's data (over 100 ms on a slow phone): done after
    // the choice is painted, so the results of the vote need not wait for it (later formats are cheap).
    requestAnimationFrame(() => setTimeout(percent, 0, 0));
    this.formError = '';
    if (single) this.chosen = checked ? [id] : [];
    else this.chosen = checked ? [...this.chosen, id] : this.chosen.filter((chosen) => chosen !== id);
  }

  #onOtherInput(event: Event): void {
    this.otherText = (event.target as HTMLInputElement).value;
    if (this.otherText.trim()) this.formError = '';
  }

  async #onSubmit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const model = this.#model;
    if (!model || model.voting.get().sending === 'sending') return;
    const otherText = this.chosen.includes(otherId) ? this.otherText.trim() : '';
    const optionIds = this.chosen.filter((id) => id !== otherId);
    if (!optionIds.length && !otherText) {
      this.formError = this.chosen.includes(otherId) ? msg('Kirjoita ensin oma vastauksesi.') : msg('Valitse ensin vaihtoehto.');
      this.renderRoot.querySelector('input')?.focus();
      return;
    }
    const ballot: Ballot = {optionIds, otherText: otherText || undefined};
    const sent = await model.vote(ballot, this.channel ?? 'web', this.location);
    const {sending} = model.voting.get();
    if (sent && sent.status !== 'refused' && (sending === 'sent' || sending === 'queued')) {
      emit(this, 'kirjasto-submit', {pollId: this.poll, poll: this.poll, ...ballot, queued: sending === 'queued'});
      void this.focusAfterUpdate('[part=question]');
    }
  }

  protected override render() {
    const {phase, data, error} = this.#loaded.value;
    const state = this.#voting.value;
    // One expression for what the phase shows: each expression is a marker node, times fifty on a page.
    const shown =
      phase === 'pending'
        ? this.renderLoading()
        : phase === 'error' && error
          ? this.renderError(error, () => this.#model?.remote.load(true))
          : phase === 'ready' && data
            ? this.#renderPoll(state, data)
            : nothing;
    return html`<section part="base" lang=${baseLang()} aria-busy=${phase === 'pending' ? 'true' : 'false'}>
      ${shown}
      <p part="status" class="message success" role="status">${phase === 'ready' && data ? uiText(this.#statusText(state, data)) : ''}</p>
    </section>`;
  }

  #renderPoll(state: VoteState, {poll, results}: LoadedPoll) {
    const showForm = poll.status === 'open' && !state.ballot;
    if (showForm) return this.#renderForm(state, poll);
    return html`<p part="question" class="question" tabindex="-1">${this.text(poll.question)}</p>
      ${this.#renderOutcome(state, poll, results)}`;
  }

  #renderForm(state: VoteState, poll: Poll) {
    const single = poll.maxChoices === 1;
    const full = !single && this.chosen.length >= poll.maxChoices;
    const sending = state.sending === 'sending';
    // Bindings side by side leave no space between them: each space would be a text node of its own.
    // The question's and labels' spans are written out here rather than taken from `text()`: a template
    // of its own for each of a page's texts would cost a template instance and a marker node each.
    const option = (id: string, label: PickedText) => {
      const checked = this.chosen.includes(id);
      return html`<label part="option" class="option">
        <input
          type=${single ? 'radio' : 'checkbox'}
          name="choice"
          .value=${id}
          .checked=${checked}
          ?disabled=${full && !checked}
          @change=${(e: Event) => this.#onToggle(id, (e.target as HTMLInputElement).checked, single)}
        /><span lang=${label.lang ?? nothing}>${label.text}</span></label>`;
    };
    const hint = single ? nothing : html`<p class="hint muted" id="hint">${msg(str`Valitse enintään ${poll.maxChoices}.`)}</p>`;
    const other = poll.allowOther ? option(otherId, {text: msg('Muu, kirjoita oma')}) : nothing;
    const otherField =
      poll.allowOther && this.chosen.includes(otherId)
        ? html`<label class="other">
            <span>${msg('Oma vastauksesi')}</span>
            <input type="text" maxlength=${poll.otherMaxLength} .value=${this.otherText} @input=${this.#onOtherInput} />
          </label>`
        : nothing;
    const alert = (message: string) => html`<p class="message error" role="alert">${uiText(message)}</p>`;
    const limitNote = full ? html`<p class="hint muted">${msg('Enempää et voi valita.')}</p>` : nothing;
    const formAlert = this.formError ? alert(this.formError) : nothing;
    const sendError = state.sending === 'error' && state.sendError;
    const sendAlert = sendError ? alert(state.refusedLater ? refusedMessage(sendError) : problemMessage(sendError)) : nothing;
    const question = pickText(poll.question, this.languages);
    // The submit button is not disabled while sending: a disabled button loses focus to <body>.
    return html`<form @submit=${this.#onSubmit} novalidate>
      <fieldset aria-describedby=${single ? nothing : 'hint'}>
        <legend part="question" class="question"><span lang=${question.lang ?? nothing}>${question.text}</span></legend>
        ${hint}${poll.options.map((o) => option(o.id, pickText(o.label, this.languages)))}${other}${otherField}
      </fieldset>
      ${limitNote}${formAlert}${sendAlert}<button part="submit" type="submit" aria-disabled=${sending ? 'true' : 'false'}>${sending ? msg('Lähetetään…') : msg('Äänestä')}</button>
    </form>`;
  }

  #renderOutcome(state: VoteState, poll: Poll, results: LoadedPoll['results']) {
    if (poll.status === 'scheduled') return html`<p class="muted">${uiText(notOpenMessage('scheduled', poll.opensAt))}</p>`;
    const closedNote = poll.status === 'closed' ? html`<p class="muted">${uiText(notOpenMessage('closed'))}</p>` : nothing;
    if (state.sending === 'queued') return closedNote;
    if (results) return html`${closedNote}${renderResults(poll, results, state.ballot, (t) => this.text(t))}`;
    const why =
      poll.resultsVisibility === 'never'
        ? msg('Tämän kyselyn tuloksia ei julkaista.')
        : msg('Tulokset näytetään, kun kysely päättyy.');
    return html`${closedNote}<p class="muted">${uiText(why)}</p>`;
  }

  #statusText(state: VoteState, {poll, results}: LoadedPoll): string {
    if (state.sending === 'queued') return queuedMessage(state.queuedBecause);
    if (state.sending !== 'sent') return '';
    const thanks = msg('Kiitos äänestäsi!');
    return results ? `${thanks} ${resultsSummary(poll, results, this.languages)}` : thanks;
  }
}
