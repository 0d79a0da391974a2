import type { Logger } from '@market/kit';
import { maskPhone } from './domain/phone';

export interface PhoneCode {
  userId: string;
  /** E.164. */
  phone: string;
  code: string;
  expiresAt: Date;
}

/** Delivers a verification code to a phone (SMS through the notification service, later). */
export interface PhoneCodeSender {
  send(message: PhoneCode): Promise<void>;
}

/**
 * The embedded sender: nothing leaves the machine; the code is logged (info) for the developer
 * to type in. The number is masked in the log, the code is not (that is the point).
 */
export function loggingPhoneCodeSender(logger: Logger): PhoneCodeSender {
  const log = logger.child({ component: 'phone-codes' });
  return {
    send: async ({ userId, phone, code, expiresAt }) => {
      log.info(
        { userId, phone: maskPhone(phone), code, expiresAt: expiresAt.toISOString() },
        'phone verification code (embedded: logged, not sent)',
      );
    },
  };
}
