import type { Logger } from '@market/kit';
import nodemailer, { type Transporter } from 'nodemailer';

/** One message: plain text for every client, HTML for the rest. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
}

/**
 * Sends the account mails (verification, password reset, link confirmation). Deliberately small: the
 * notification service will take delivery over behind the same interface.
 */
export interface Mailer {
  send(message: MailMessage): Promise<void>;
  close?(): Promise<void>;
}

/** SMTP through nodemailer (`smtp://user:pass@host:587`, `smtps://…` for implicit TLS). */
export class SmtpMailer implements Mailer {
  private readonly transport: Transporter;

  constructor(
    smtpUrl: string,
    private readonly from: string,
  ) {
    this.transport = nodemailer.createTransport(smtpUrl);
  }

  async send(message: MailMessage): Promise<void> {
    await this.transport.sendMail({ from: this.from, ...message });
  }

  close(): Promise<void> {
    this.transport.close();
    return Promise.resolve();
  }
}

/**
 * Embedded and development mode: nothing is sent, the message (with its link) is logged at info level so
 * whoever runs the platform locally can follow it. Never used when SMTP_URL is set.
 */
export class LogMailer implements Mailer {
  constructor(private readonly logger: Logger) {}

  send(message: MailMessage): Promise<void> {
    this.logger.info({ to: message.to, subject: message.subject, text: message.text }, 'mail not sent (no SMTP_URL): logged instead');
    return Promise.resolve();
  }
}

/** SMTP when `smtpUrl` is set, the logging mailer otherwise (with a warning in production). */
export function openMailer(options: { smtpUrl?: string | undefined; from: string; production: boolean; logger: Logger }): Mailer {
  if (options.smtpUrl) return new SmtpMailer(options.smtpUrl, options.from);
  if (options.production) {
    options.logger.warn('SMTP_URL is unset: account mails (verification, password reset) are only logged, never delivered');
  }
  return new LogMailer(options.logger.child({ component: 'mail' }));
}
