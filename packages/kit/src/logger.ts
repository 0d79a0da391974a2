import { pino, type DestinationStream, type Logger, type LoggerOptions } from 'pino';

export type { Logger } from 'pino';

export interface LoggerConfig {
  level?: LoggerOptions['level'];
  service: string;
  /** Where the JSON lines go (default stdout); the launcher sends services' logs to a file. */
  destination?: DestinationStream;
}

/** Root logger of a service; components take `logger.child({ component })`. */
export function createLogger({ level = 'info', service, destination }: LoggerConfig): Logger {
  const options: LoggerOptions = {
    level,
    base: { service },
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', 'headers.authorization', 'headers.cookie', '*.password', '*.token'],
      censor: '[redacted]',
    },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  return destination ? pino(options, destination) : pino(options);
}
