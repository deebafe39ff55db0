import {msg} from '@lit/localize';
import {html, nothing} from 'lit';
import {customElement, property} from 'lit/decorators.js';
import {ApiProblem} from '../api.js';
import {ConsoleElement} from '../element.js';

/**
 * What a failed request means for the staff member, in the console's language, with what to do next.
 * The server's detail follows in the element below, since it names the exact cause.
 */
export function problemMessage(problem: unknown): string {
  if (!(problem instanceof ApiProblem)) return msg('Something went wrong. What you typed is kept; try again.');
  switch (problem.slug) {
    case 'network':
      return msg('No connection to the server. What you typed is kept: try again when the connection is back.');
    case 'validation':
      return msg('Some fields need fixing: see the marked fields.');
    case 'precondition-failed':
      return msg('Someone else saved a change to this while you were editing. Your text is kept: reload to see their version, then make your change again.');
    case 'poll-has-votes':
    case 'has-answers':
      return msg('This already has answers, so this change would falsify them.');
    case 'id-taken':
      return msg('That address (id) is already in use on this server. Choose another one.');
    case 'forbidden':
      return msg('Your role does not allow this.');
    case 'unauthorized':
      return msg('Your session has ended. Sign in again.');
    case 'rate-limited':
      return msg('Too many attempts. Wait a moment and try again.');
    case 'sign-in-failed':
      return msg('The email address or the password is wrong.');
    case 'not-found':
      return msg('It is no longer there: someone may have removed it.');
    default:
      return problem.status >= 500 ? msg('The server had a problem. What you typed is kept; try again in a moment.') : msg('The server refused this.');
  }
}

/** A failed request as an alert: the console's words, the server's detail, and an optional retry. */
@customElement('console-problem')
export class ConsoleProblem extends ConsoleElement {
  @property({attribute: false}) problem?: unknown;
  /** When set, a "Try again" button calls it. */
  @property({attribute: false}) retry?: () => void;

  override render() {
    if (!this.problem) return nothing;
    const detail = this.problem instanceof ApiProblem ? this.problem.body?.detail : undefined;
    return html`<div class="problem" role="alert">
      <p>${problemMessage(this.problem)}</p>
      ${detail ? html`<p class="detail">${detail}</p>` : nothing}
      ${this.retry ? html`<button type="button" class="secondary" @click=${this.retry}>${msg('Try again')}</button>` : nothing}
    </div>`;
  }
}
