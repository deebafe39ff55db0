import nodemailer, {type Transporter} from 'nodemailer';
import {Webhook} from 'standardwebhooks';
import type {Config} from '../config.js';
import type {Queryable} from '../db/db.js';
import {fetchPublic, InternalAddressError} from '../http/public-address.js';
import {emailLang, emailOf} from './email-text.js';
import type {Delivery} from './queue.js';
import {internalMessage, refusedLiteral} from './webhook-address.js';

/** How long one attempt may take: well under the worker's lease, so a slow receiver is never sent to twice at once. */
export const SEND_TIMEOUT_MS = 10_000;

/** A failure not worth retrying (the endpoint was removed, email is not configured). */
export class FinalFailure extends Error {}

/** Sends one delivery: an email over SMTP, or a webhook signed per Standard Webhooks. Throws on failure. */
export class Sender {
  private transport?: Transporter;

  constructor(
    private readonly db: Queryable,
    private readonly config: Pick<Config, 'smtpUrl' | 'smtpFrom' | 'webhookAllowHttp' | 'webhookAllowPrivate'>,
  ) {}

  async send(delivery: Delivery): Promise<void> {
    if (delivery.channel === 'email') await this.email(delivery);
    else await this.webhook(delivery);
  }

  close(): void {
    this.transport?.close();
    this.transport = undefined;
  }

  private async email(delivery: Delivery): Promise<void> {
    if (!this.config.smtpUrl) throw new FinalFailure('Email is not configured on this server (KIRJASTO_SMTP_URL).');
    this.transport ??= nodemailer.createTransport({
      url: this.config.smtpUrl,
      connectionTimeout: SEND_TIMEOUT_MS,
      greetingTimeout: SEND_TIMEOUT_MS,
      socketTimeout: SEND_TIMEOUT_MS,
    });
    const [tenant] = await this.db.query<{name: string; languages: string[]}>('select name, languages from tenants where id = $1', [delivery.tenantId]);
    if (!tenant) throw new FinalFailure('The library no longer exists.');
    const {subject, text} = emailOf(delivery.payload, tenant.name, emailLang(tenant.languages));
    await this.transport.sendMail({
      from: this.config.smtpFrom,
      to: delivery.target,
      subject,
      text,
      headers: {'X-Kirjasto-Event': delivery.eventType, 'Auto-Submitted': 'auto-generated'},
      messageId: `<${delivery.messageId}@kirjasto>`,
    });
  }

  /** Never follows a redirect (a 3xx is a failure), so an endpoint cannot send it on to an internal address. */
  private async webhook(delivery: Delivery): Promise<void> {
    const [endpoint] = await this.db.query<{url: string; secret: string; enabled: boolean}>(
      'select url, secret, enabled from alert_webhooks where id = $1 and tenant_id = $2',
      [delivery.target, delivery.tenantId],
    );
    if (!endpoint) throw new FinalFailure('The webhook endpoint was removed.');
    if (!endpoint.enabled) throw new FinalFailure('The webhook endpoint is turned off.');
    // Checked again at every send: the operator's settings or the name's DNS may have changed since it was saved.
    const url = new URL(endpoint.url);
    const refused = refusedLiteral(url, this.config);
    if (refused) throw new FinalFailure(refused.message);
    const body = JSON.stringify(delivery.payload);
    const at = new Date();
    const signature = new Webhook(endpoint.secret).sign(delivery.messageId, at, body);
    let status: number;
    try {
      const response = await fetchPublic({allowInternal: this.config.webhookAllowPrivate})(url.href, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'Content-Length': String(Buffer.byteLength(body)),
          'User-Agent': 'kirjasto-widgets',
          'webhook-id': delivery.messageId,
          'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
          'webhook-signature': signature,
        },
        body,
        signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
      });
      status = response.status;
      await response.body?.cancel(); // the status is the answer
    } catch (error) {
      // fetchPublic rejects as fetch does, with a TypeError whose cause says why.
      const reason = error instanceof TypeError && error.cause ? error.cause : error;
      if (reason instanceof InternalAddressError) throw new FinalFailure(internalMessage(reason.address));
      const {code, name} = reason as {code?: string; name: string};
      throw new Error(`Could not reach the endpoint: ${code === 'ABORT_ERR' ? `no answer within ${SEND_TIMEOUT_MS / 1000} s` : (code ?? name)}`);
    }
    if (status < 200 || status > 299) throw new Error(`The endpoint answered ${status}.`);
  }
}
