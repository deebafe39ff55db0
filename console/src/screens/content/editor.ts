import {msg, str} from '@lit/localize';
import {html, nothing, type PropertyValues, type TemplateResult} from 'lit';
import {customElement, property, state} from 'lit/decorators.js';
import {AdminClient, api, ApiProblem, newIdempotencyKey, type Schemas, type Text} from '../../api.js';
import {ConsoleScreen, uniqueId} from '../../element.js';
import {formatNumber, getLocale} from '../../i18n.js';
import {languageName} from '../../ui/labels.js';
import '../../ui/copy-button.js';
import '../../ui/datetime-field.js';
import '../../ui/problem.js';
import '../../ui/text-field.js';
import {KINDS, libraryTimeZone, pickText, requestBody, scaleRange, statusLabel, type AdminContent, type Draft, type FormDraft, type IdeaBoxDraft, type KindId, type PollDraft, type RatingDraft} from './kinds.js';

/** A draft handed from an editor whose save was refused to the new one it opens ("duplicate as new"). */
let handedOver: Draft | undefined;

const SLUG = /^[a-z0-9](?:[a-z0-9-]{1,62}[a-z0-9])$/;

/**
 * The one editor of polls, rating prompts and idea boxes: /t/{tenant}/polls/new, …/polls/new?from={id}
 * (a duplicate: the same texts, a new id, no answers) and …/polls/{id}. Nothing typed is lost: a
 * failed save keeps the form as it was, leaving with unsaved changes asks first, and a save that lost
 * a race with another editor (412) shows the other version on request while keeping this one to copy.
 */
@customElement('console-content-editor')
export class ContentEditor extends ConsoleScreen {
  @property() kind: KindId = 'poll';
  /** The id being edited; empty for a new one. */
  @property() itemId = '';
  /** For a new one: the id to duplicate, or `draft` for a handed-over draft. */
  @property() from = '';
  @state() private draft?: Draft;
  @state() private stored?: AdminContent;
  @state() private problem?: unknown;
  @state() private loadProblem?: unknown;
  @state() private busy = false;
  @state() private timeZone = 'Europe/Helsinki';
  /** The library's languages (its settings), which every text field asks for. */
  @state() private languages: readonly string[] = ['fi', 'sv', 'en'];
  /** After a 412: what this editor had typed, kept visible to copy. */
  @state() private conflict?: Draft;
  @state() private conflictReloaded = false;
  private etag?: string;
  private savedSnapshot = '';
  private idempotencyKey = newIdempotencyKey();
  private readonly ids = {slug: uniqueId('slug'), maxChoices: uniqueId('max'), results: uniqueId('results'), low: uniqueId('low'), commentMax: uniqueId('cmax'), comment: uniqueId('comment'), maxLength: uniqueId('maxlen')};

  private get k() {
    return KINDS[this.kind];
  }

  private get isNew() {
    return !this.itemId;
  }

  private get dirty() {
    return !!this.draft && JSON.stringify(this.draft) !== this.savedSnapshot;
  }

  override connectedCallback() {
    super.connectedCallback();
    addEventListener('beforeunload', this.onBeforeUnload);
    addEventListener('click', this.onLeaveClick, true);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    removeEventListener('beforeunload', this.onBeforeUnload);
    removeEventListener('click', this.onLeaveClick, true);
  }

  private onBeforeUnload = (event: BeforeUnloadEvent) => {
    if (this.dirty) event.preventDefault();
  };

  /** A link that leaves this editor while it has unsaved changes asks first (before the app routes it). */
  private onLeaveClick = (event: MouseEvent) => {
    const link = (event.target as Element).closest?.('a');
    if (!link || !this.dirty || link.target || link.hasAttribute('download') || link.pathname + link.search === location.pathname + location.search) return;
    if (!confirm(msg('You have unsaved changes. Leave this page and lose them?'))) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  };

  /** The page title follows the heading once the data is in (the app set it from "Loading…"). */
  protected override updated(changed: PropertyValues) {
    if (changed.has('draft') && this.draft) {
      const heading = this.querySelector('h1')?.textContent?.trim();
      if (heading) document.title = `${heading} – ${msg('Kirjasto console')}`;
    }
  }

  protected override willUpdate(changed: PropertyValues) {
    if (changed.has('kind') || changed.has('itemId') || changed.has('from') || changed.has('tenant')) void this.load();
  }

  private path(id = this.itemId) {
    return AdminClient.tenantPath(this.tenant.id, `/${this.k.path}${id ? `/${encodeURIComponent(id)}` : ''}`);
  }

  private async load() {
    this.loadProblem = undefined;
    this.draft = undefined;
    try {
      this.timeZone = await libraryTimeZone(this.tenant.id, async () => (await api.get<{tenants: {id: string; timeZone: string}[]}>('/tenants')).data);
      this.languages = (await api.get<Schemas['TenantSettings']>(AdminClient.tenantPath(this.tenant.id))).data.languages;
      if (!this.isNew) {
        const {data, etag} = await api.get<AdminContent>(this.path());
        this.useStored(data, etag);
        return;
      }
      let form: FormDraft = this.k.empty();
      if (this.from === 'draft' && handedOver?.form.kind === this.kind) {
        form = handedOver.form;
        handedOver = undefined;
      } else if (this.from) {
        const {data} = await api.get<AdminContent>(this.path(this.from));
        form = this.k.fromStored(data);
      }
      form = structuredClone(form);
      if (form.kind === 'poll') form.options = form.options.map((o) => ({label: o.label}));
      if (form.kind === 'idea-box') form.categories = form.categories.map((c) => ({label: c.label}));
      this.draft = {id: '', opensAt: null, closesAt: null, publishResults: false, form};
      // A duplicate starts with something to save; an empty new form does not need a warning.
      this.savedSnapshot = this.from ? '' : JSON.stringify(this.draft);
    } catch (error) {
      this.loadProblem = error;
    }
  }

  private useStored(data: AdminContent, etag?: string) {
    this.stored = data;
    this.etag = etag;
    this.draft = {id: data.id, opensAt: data.opensAt, closesAt: data.closesAt, publishResults: data.publishResults, form: this.k.fromStored(data)};
    this.savedSnapshot = JSON.stringify(this.draft);
  }

  private setForm(change: Partial<FormDraft>) {
    this.draft = {...this.draft!, form: {...this.draft!.form, ...change} as FormDraft};
  }

  private set(change: Partial<Omit<Draft, 'form'>>) {
    this.draft = {...this.draft!, ...change};
  }

  private get errors(): Map<string, string> {
    return this.problem instanceof ApiProblem ? this.problem.fieldErrors : new Map();
  }

  private async onSubmit(event: SubmitEvent) {
    event.preventDefault();
    const draft = this.draft!;
    if (this.isNew && draft.id.trim() && !SLUG.test(draft.id.trim())) {
      this.problem = new ApiProblem(422, {type: 'urn:kirjasto:problem:validation', title: 'Validation', status: 422, errors: [{path: '/id', message: msg('Use 3–64 characters: a–z, 0–9 and -, not at the start or the end.')}]} as never);
      await this.focusProblem();
      return;
    }
    this.busy = true;
    this.problem = undefined;
    try {
      if (this.isNew) {
        const {data, etag} = await api.request<AdminContent>('POST', this.path(''), {body: requestBody(draft, true), idempotencyKey: this.idempotencyKey});
        this.useStored(data, etag);
        this.notify(msg(str`Saved. Now put it on a page: the embed codes and QR codes are below.`));
        this.navigate(`/t/${encodeURIComponent(this.tenant.id)}/${this.k.path}/${encodeURIComponent(data.id)}/embed`);
        return;
      }
      const {data, etag} = await api.request<AdminContent>('PATCH', this.path(), {body: requestBody(draft, false), ifMatch: this.etag});
      this.useStored(data, etag);
      this.conflict = undefined;
      this.notify(msg('Saved.'));
    } catch (error) {
      this.problem = error;
      if (error instanceof ApiProblem && error.slug === 'precondition-failed') {
        this.conflict = structuredClone(draft);
        this.conflictReloaded = false;
        this.problem = undefined;
      }
      await this.focusProblem();
    } finally {
      this.busy = false;
    }
  }

  private async focusProblem() {
    await this.updateComplete;
    const target = this.querySelector<HTMLElement>('.content-conflict h2, console-problem .problem');
    if (target) {
      target.tabIndex = -1;
      target.focus();
    }
  }

  private async reloadTheirs() {
    try {
      const {data, etag} = await api.get<AdminContent>(this.path());
      this.useStored(data, etag);
      this.conflictReloaded = true;
    } catch (error) {
      this.problem = error;
    }
  }

  /** Opens a new editor with this form's contents (after a refusal that protects the answers). */
  private duplicateAsNew() {
    handedOver = structuredClone(this.draft);
    this.savedSnapshot = JSON.stringify(this.draft);
    this.navigate(`/t/${encodeURIComponent(this.tenant.id)}/${this.k.path}/new?from=draft`);
  }

  private heading() {
    const k = this.kind;
    if (!this.isNew) {
      const title = pickText(this.stored ? this.k.title(this.stored) : {}, getLocale());
      return {poll: msg(str`Edit poll: ${title}`), rating: msg(str`Edit rating prompt: ${title}`), 'idea-box': msg(str`Edit idea box: ${title}`)}[k];
    }
    if (this.from) return {poll: msg('Duplicate poll'), rating: msg('Duplicate rating prompt'), 'idea-box': msg('Duplicate idea box')}[k];
    return {poll: msg('New poll'), rating: msg('New rating prompt'), 'idea-box': msg('New idea box')}[k];
  }

  override render() {
    const draft = this.draft;
    const list = `/t/${encodeURIComponent(this.tenant.id)}/${this.k.path}/`;
    return html`<h1>${draft || this.isNew ? this.heading() : msg('Loading…')}</h1>
      <p><a href="/admin${list}">${msg(str`Back to ${this.k.plural()}`)}</a>
        ${!this.isNew && this.stored ? html` · <a href=${this.href(`/${this.k.path}/${encodeURIComponent(this.itemId)}/embed`)}>${msg('Embed and preview')}</a>` : nothing}</p>
      <console-problem .problem=${this.loadProblem} .retry=${() => this.load()}></console-problem>
      ${this.conflict ? this.renderConflict(this.conflict) : nothing}
      ${draft ? this.renderForm(draft) : this.loadProblem ? nothing : html`<p role="status">${msg('Loading…')}</p>`}`;
  }

  private renderConflict(yours: Draft) {
    const text = draftAsText(yours);
    return html`<section class="content-conflict problem" aria-labelledby="conflict-title">
      <h2 id="conflict-title">${msg('Someone else saved this while you were editing')}</h2>
      <p>${msg('Your change was not saved, so that it does not overwrite theirs. Your text is below: copy what you need, load their version, then make your change again and save.')}</p>
      <div class="actions">
        ${this.conflictReloaded
          ? html`<p role="status">${msg('Their version is now in the form.')}</p>
              <button type="button" class="secondary" @click=${() => (this.conflict = undefined)}>${msg('Hide your text')}</button>`
          : html`<button type="button" @click=${this.reloadTheirs}>${msg('Reload their version')}</button>`}
        <console-copy-button .text=${text} what=${msg('your text')}></console-copy-button>
      </div>
      <h3 id="yours-title">${msg('Your text (not saved)')}</h3>
      <pre class="content-yours" tabindex="0" aria-labelledby="yours-title">${text}</pre>
    </section>`;
  }

  private renderRefusal() {
    const p = this.problem;
    if (!(p instanceof ApiProblem) || (p.slug !== 'poll-has-votes' && p.slug !== 'has-answers')) return nothing;
    const label = {poll: msg('Duplicate as a new poll'), rating: msg('Duplicate as a new rating prompt'), 'idea-box': msg('Duplicate as a new idea box')}[this.kind];
    return html`<div class="content-refusal">
      <p>${msg('To ask it differently, make a new one with your changes: the answers so far stay with this one.')}</p>
      <button type="button" @click=${this.duplicateAsNew}>${label}</button>
    </div>`;
  }

  private renderForm(draft: Draft) {
    const errors = this.errors;
    const idError = errors.get('/id') ?? (this.problem instanceof ApiProblem && this.problem.slug === 'id-taken' ? this.problem.body?.detail ?? '' : '');
    const answers = this.stored?.answers ?? 0;
    return html`<form class="stack content-form" novalidate @submit=${this.onSubmit}>
      <console-problem .problem=${this.problem}></console-problem>
      ${this.renderRefusal()}
      ${!this.isNew && answers > 0
        ? html`<p class="warning">${this.answersNote(answers)}</p>`
        : nothing}
      ${this.isNew
        ? html`<div class="field">
            <label for=${this.ids.slug}>${msg('Address (id), optional')}</label>
            <p class="hint" id="${this.ids.slug}-hint">${msg('It shows in the embed code and the link. Leave it empty and the server makes one. 3–64 characters: a–z, 0–9 and -, unique on the whole server.')}</p>
            <input id=${this.ids.slug} name="id" autocomplete="off" spellcheck="false" maxlength="64" .value=${draft.id}
              aria-describedby="${this.ids.slug}-hint${idError ? ` ${this.ids.slug}-error` : ''}" aria-invalid=${idError ? 'true' : nothing}
              @input=${(e: Event) => this.set({id: (e.target as HTMLInputElement).value})} />
            ${idError ? html`<p class="field-error" id="${this.ids.slug}-error">${idError}</p>` : nothing}
          </div>`
        : html`<p class="hint">${msg(str`Id: ${draft.id}`)} · <span class="badge ${this.stored?.status}">${statusLabel(this.stored?.status ?? '')}</span></p>`}
      ${draft.form.kind === 'poll' ? this.renderPoll(draft.form, errors) : draft.form.kind === 'rating' ? this.renderRating(draft.form, errors) : this.renderIdeaBox(draft.form, errors)}
      <fieldset class="stack">
        <legend>${msg('Schedule')}</legend>
        <console-datetime-field label=${msg('Opens')} hint=${this.isNew ? msg('Leave empty to open it as soon as it is saved.') : ''} ?clearable=${this.isNew}
          .timeZone=${this.timeZone} .value=${draft.opensAt} error=${errors.get('/opensAt') ?? ''}
          @datetime-change=${(e: CustomEvent<string | null>) => this.set({opensAt: e.detail})}></console-datetime-field>
        <console-datetime-field label=${msg('Closes')} hint=${msg('Leave empty to keep it open until you close it.')} clearable
          .timeZone=${this.timeZone} .value=${draft.closesAt} error=${errors.get('/closesAt') ?? ''}
          @datetime-change=${(e: CustomEvent<string | null>) => this.set({closesAt: e.detail})}></console-datetime-field>
      </fieldset>
      <label class="check"><input type="checkbox" .checked=${draft.publishResults}
        @change=${(e: Event) => this.set({publishResults: (e.target as HTMLInputElement).checked})} />
        ${msg("Show the results on the library's public results page")}</label>
      ${this.kind !== 'idea-box' && !this.isNew
        ? html`<p class="hint">${this.kind === 'poll' ? msg('Results show on the public page once the poll has closed; a result with too few answers is never shown.') : msg('The summary shows per branch, month by month; a month with too few answers is never shown.')}
            <a href="/t/${encodeURIComponent(this.tenant.id)}">${msg('Open the public page')}</a></p>`
        : nothing}
      <div class="actions">
        <button type="submit" ?disabled=${this.busy}>${this.busy ? msg('Saving…') : msg('Save')}</button>
        ${this.dirty && !this.isNew ? html`<span class="hint">${msg('Unsaved changes')}</span>` : nothing}
      </div>
    </form>`;
  }

  private answersNote(answers: number) {
    const n = formatNumber(answers);
    if (this.kind === 'poll') return msg(str`This poll has ${n} votes. You can add options, add missing languages and change the order, but not remove or re-word an option: that would falsify the votes.`);
    if (this.kind === 'rating') return msg(str`This rating prompt has ${n} responses, so its scale can no longer change.`);
    return msg(str`This idea box has ${n} ideas, so a category ideas were filed under cannot be removed.`);
  }

  private textField(label: string, value: Text, pointer: string, errors: Map<string, string>, onChange: (t: Text) => void, options: {required?: boolean; multiline?: boolean} = {}): TemplateResult {
    // The library's languages, and any other a text already has (a language turned off keeps its texts).
    const languages = [...this.languages, ...Object.keys(value).filter((l) => !this.languages.includes(l))];
    return html`<console-text-field label=${label} .value=${value} .languages=${languages} pointer=${pointer} .errors=${errors}
      ?required=${options.required} ?multiline=${options.multiline}
      @text-change=${(e: CustomEvent<Text>) => {
        e.stopPropagation();
        onChange(e.detail);
      }}></console-text-field>`;
  }

  /** Options or categories: each a multilingual label, moved and removed by buttons. */
  private renderItems(items: {id?: string; label: Text}[], pointer: string, errors: Map<string, string>, names: {item: (n: number) => string; add: string; min: number}, update: (next: {id?: string; label: Text}[]) => void) {
    const move = async (from: number, to: number, which: 'up' | 'down') => {
      const next = [...items];
      const [moved] = next.splice(from, 1);
      next.splice(to, 0, moved);
      update(next);
      await this.updateComplete;
      const buttons = this.querySelectorAll<HTMLButtonElement>(`[data-list="${pointer}"] [data-move="${which}"]`);
      (buttons[to] && !buttons[to].disabled ? buttons[to] : this.querySelectorAll<HTMLButtonElement>(`[data-list="${pointer}"] [data-move]`)[to * 2])?.focus();
    };
    const remove = async (index: number) => {
      update(items.filter((_, i) => i !== index));
      await this.updateComplete;
      this.querySelector<HTMLButtonElement>(`[data-list="${pointer}"] + .actions button`)?.focus();
    };
    const add = async () => {
      update([...items, {label: {}}]);
      await this.updateComplete;
      const inputs = this.querySelectorAll<HTMLInputElement>(`[data-list="${pointer}"] > li:last-child input`);
      inputs[0]?.focus();
    };
    return html`${errors.get(pointer) ? html`<p class="field-error">${errors.get(pointer)}</p>` : nothing}
      <ol class="content-items" data-list=${pointer}>
        ${items.map((item, i) => {
          const name = names.item(i + 1);
          return html`<li>
            ${this.textField(name, item.label, `${pointer}/${i}/label`, errors, (label) => update(items.map((x, j) => (j === i ? {...x, label} : x))), {required: true})}
            <div class="actions item-actions">
              <button type="button" class="secondary" data-move="up" ?disabled=${i === 0} @click=${() => move(i, i - 1, 'up')}>${msg('Move up')}<span class="visually-hidden">: ${name}</span></button>
              <button type="button" class="secondary" data-move="down" ?disabled=${i === items.length - 1} @click=${() => move(i, i + 1, 'down')}>${msg('Move down')}<span class="visually-hidden">: ${name}</span></button>
              <button type="button" class="secondary" ?disabled=${items.length <= names.min} @click=${() => remove(i)}>${msg('Remove')}<span class="visually-hidden">: ${name}</span></button>
            </div>
          </li>`;
        })}
      </ol>
      <div class="actions"><button type="button" class="secondary" @click=${add}>${names.add}</button></div>`;
  }

  private renderPoll(form: PollDraft, errors: Map<string, string>) {
    const visibility = {
      'after-vote': msg('After the patron has voted'),
      always: msg('Always, also before voting'),
      'after-close': msg('Only after the poll has closed'),
      never: msg('Never (only staff see them)'),
    };
    return html`${this.textField(msg('Question'), form.question, '/question', errors, (question) => this.setForm({question}), {required: true})}
      <fieldset class="stack">
        <legend>${msg('Options')}</legend>
        <p class="hint">${msg('At least 2, at most 20. Patrons see them in this order.')}</p>
        ${this.renderItems(form.options, '/options', errors, {item: (n) => msg(str`Option ${n}`), add: msg('Add an option'), min: 2}, (options) => this.setForm({options}))}
      </fieldset>
      <div class="field">
        <label for=${this.ids.maxChoices}>${msg('How many options a patron may choose')}</label>
        <input id=${this.ids.maxChoices} type="number" inputmode="numeric" min="1" max=${form.options.length + Number(form.allowOther)} .value=${String(form.maxChoices)}
          aria-invalid=${errors.has('/maxChoices') ? 'true' : nothing} aria-describedby=${errors.has('/maxChoices') ? `${this.ids.maxChoices}-error` : nothing}
          @input=${(e: Event) => this.setForm({maxChoices: Number((e.target as HTMLInputElement).value) || 1})} />
        ${errors.has('/maxChoices') ? html`<p class="field-error" id="${this.ids.maxChoices}-error">${errors.get('/maxChoices')}</p>` : nothing}
      </div>
      <label class="check"><input type="checkbox" .checked=${form.allowOther} @change=${(e: Event) => this.setForm({allowOther: (e.target as HTMLInputElement).checked})} />
        ${msg('Allow an "other" answer in the patron\'s own words')}</label>
      <div class="field">
        <label for=${this.ids.results}>${msg('When patrons see the results')}</label>
        <select id=${this.ids.results} @change=${(e: Event) => this.setForm({resultsVisibility: (e.target as HTMLSelectElement).value as PollDraft['resultsVisibility']})}>
          ${Object.entries(visibility).map(([value, label]) => html`<option value=${value} ?selected=${form.resultsVisibility === value}>${label}</option>`)}
        </select>
      </div>`;
  }

  private renderRating(form: RatingDraft, errors: Map<string, string>) {
    const scales: [RatingDraft['scale'], string][] = [
      ['smileys-4', msg('Four faces, from unhappy to happy (scores 1–4)')],
      ['smileys-5', msg('Five faces, from very unhappy to very happy (scores 1–5)')],
      ['stars-5', msg('One to five stars (scores 1–5)')],
      ['nps', msg('How likely to recommend, from 0 to 10 (Net Promoter Score)')],
      ['thumbs', msg('Thumbs up or thumbs down (scores 1 and 0)')],
    ];
    const locked = (this.stored?.answers ?? 0) > 0;
    const range = scaleRange(form.scale);
    return html`${this.textField(msg('Question'), form.question, '/question', errors, (question) => this.setForm({question}), {required: true})}
      <fieldset class="stack">
        <legend>${msg('Scale')}</legend>
        ${locked ? html`<p class="hint">${msg('The scale cannot change once there are responses.')}</p>` : nothing}
        ${errors.get('/scale') ? html`<p class="field-error">${errors.get('/scale')}</p>` : nothing}
        ${scales.map(([value, label]) => html`<label class="check"><input type="radio" name="scale" value=${value} .checked=${form.scale === value} ?disabled=${locked && form.scale !== value}
          @change=${() => this.setForm({scale: value, lowThreshold: null})} /> ${label}</label>`)}
      </fieldset>
      <div class="field">
        <label for=${this.ids.comment}>${msg('Comment box')}</label>
        <select id=${this.ids.comment} @change=${(e: Event) => this.setForm({comment: (e.target as HTMLSelectElement).value as RatingDraft['comment']})}>
          <option value="off" ?selected=${form.comment === 'off'}>${msg('No comment box')}</option>
          <option value="always" ?selected=${form.comment === 'always'}>${msg('Always offer a comment box')}</option>
          <option value="after-low" ?selected=${form.comment === 'after-low'}>${msg('Only after a low score')}</option>
        </select>
      </div>
      ${form.comment === 'after-low'
        ? html`<div class="field">
            <label for=${this.ids.low}>${msg('A low score is this or below')}</label>
            <p class="hint" id="${this.ids.low}-hint">${msg(str`From ${range.min} to ${range.max - 1}. Empty: the lower half of the scale.`)}</p>
            <input id=${this.ids.low} type="number" inputmode="numeric" min=${range.min} max=${range.max - 1} .value=${form.lowThreshold === null ? '' : String(form.lowThreshold)}
              aria-describedby="${this.ids.low}-hint${errors.has('/lowThreshold') ? ` ${this.ids.low}-error` : ''}" aria-invalid=${errors.has('/lowThreshold') ? 'true' : nothing}
              @input=${(e: Event) => {
                const v = (e.target as HTMLInputElement).value;
                this.setForm({lowThreshold: v === '' ? null : Number(v)});
              }} />
            ${errors.has('/lowThreshold') ? html`<p class="field-error" id="${this.ids.low}-error">${errors.get('/lowThreshold')}</p>` : nothing}
          </div>`
        : nothing}
      ${form.comment !== 'off'
        ? html`<div class="field">
            <label for=${this.ids.commentMax}>${msg('Longest comment, in characters')}</label>
            <input id=${this.ids.commentMax} type="number" inputmode="numeric" min="1" max="2000" .value=${String(form.commentMaxLength)}
              @input=${(e: Event) => this.setForm({commentMaxLength: Number((e.target as HTMLInputElement).value) || 500})} />
          </div>`
        : nothing}`;
  }

  private renderIdeaBox(form: IdeaBoxDraft, errors: Map<string, string>) {
    return html`${this.textField(msg('Topic'), form.topic, '/topic', errors, (topic) => this.setForm({topic}), {required: true})}
      ${this.textField(msg('Description (optional)'), form.description, '/description', errors, (description) => this.setForm({description}), {multiline: true})}
      <fieldset class="stack">
        <legend>${msg('Categories (optional)')}</legend>
        <p class="hint">${msg('Patrons may file their idea under one. At most 20.')}</p>
        ${this.renderItems(form.categories, '/categories', errors, {item: (n) => msg(str`Category ${n}`), add: msg('Add a category'), min: 0}, (categories) => this.setForm({categories}))}
      </fieldset>
      <fieldset class="stack">
        <legend>${msg('Moderation')}</legend>
        <label class="check"><input type="radio" name="moderation" .checked=${form.moderation === 'pre'} @change=${() => this.setForm({moderation: 'pre'})} />
          ${msg('Before: ideas show only after a moderator has published them')}</label>
        <label class="check"><input type="radio" name="moderation" .checked=${form.moderation === 'post'} @change=${() => this.setForm({moderation: 'post'})} />
          ${msg('After: ideas show at once, and a moderator can hide them')}</label>
      </fieldset>
      <div class="field">
        <label for=${this.ids.maxLength}>${msg('Longest idea, in characters')}</label>
        <input id=${this.ids.maxLength} type="number" inputmode="numeric" min="10" max="4000" .value=${String(form.maxLength)}
          aria-invalid=${errors.has('/maxLength') ? 'true' : nothing}
          @input=${(e: Event) => this.setForm({maxLength: Number((e.target as HTMLInputElement).value) || 1000})} />
        ${errors.has('/maxLength') ? html`<p class="field-error">${errors.get('/maxLength')}</p>` : nothing}
      </div>
      <label class="check"><input type="checkbox" .checked=${form.allowContact} @change=${(e: Event) => this.setForm({allowContact: (e.target as HTMLInputElement).checked})} />
        ${msg('Patrons may leave a contact detail for an answer (shown only to moderators)')}</label>`;
  }
}

/** A draft's texts as plain lines, to copy after a conflict. */
function draftAsText(draft: Draft): string {
  const lines: string[] = [];
  const text = (label: string, t: Text) => {
    for (const [lang, value] of Object.entries(t)) if (value.trim()) lines.push(`${label} (${languageName(lang)}): ${value}`);
  };
  const form = draft.form;
  if (form.kind === 'idea-box') {
    text(msg('Topic'), form.topic);
    text(msg('Description (optional)'), form.description);
    form.categories.forEach((c, i) => text(msg(str`Category ${i + 1}`), c.label));
  } else {
    text(msg('Question'), form.question);
    if (form.kind === 'poll') form.options.forEach((o, i) => text(msg(str`Option ${i + 1}`), o.label));
  }
  return lines.join('\n');
}
