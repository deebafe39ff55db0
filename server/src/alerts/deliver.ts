import nodemailer, {type Transporter} from 'nodemailer';
import {Webhook} from 'standardwebhooks';
import type {Config} from '../config.js';
import type {Queryable} from '../db/db.js';
import {emailLang, emailOf} from './email-text.js';
import type {Delivery} from './queue.js';

/** How long one attempt may take: well under the worker's lease, so a slow receiver is never sent to twice at once. */
export const SEND_TIMEOUT_MS = 10_000;

/** A failure not worth retrying (the endpoint was removed, email is not configured). */
export class FinalFailure extends Error {}

/** Sends one delivery: an email over SMTP, or a webhook signed per Standard Webhooks. Throws on failure. */
export class Sender {
  private transport?: Transporter;

  constructor(
    private readonly db: Queryable,
    private readonly config: Pick<Config, 'smtpUrl' | 'smtpFrom'>,
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

  private async webhook(delivery: Delivery): Promise<void> {
    const [endpoint] = await this.db.query<{url: string; secret: string; enabled: boolean}>(
      'select url, secret, enabled from alert_webhooks where id = $1 and tenant_id = $2',
      [delivery.target, delivery.tenantId],
    );
    if (!endpoint) throw new FinalFailure('The webhook endpoint was removed.');
    if (!endpoint.enabled) throw new FinalFailure('The webhook endpoint is turned off.');
    const body = JSON.stringify(delivery.payload);
    const at = new Date();
    const signature = new Webhook(endpoint.secret).sign(delivery.messageId, at, body);
    let response: Response;
    try {
      response = await fetch(endpoint.url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'User-Agent': 'kirjasto-widgets',
          'webhook-id': delivery.messageId,
          'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
          'webhook-signature': signature,
        },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
      });
    } catch (error) {
      const cause = (error as {cause?: {code?: string}}).cause?.code;
      throw new Error(`Could not reach the endpoint: ${cause ?? (error as Error).name}`);
    }
    await response.body?.cancel().catch(() => {});
    if (response.status < 200 || response.status > 299) throw new Error(`The endpoint answered ${response.status}.`);
  }
}
