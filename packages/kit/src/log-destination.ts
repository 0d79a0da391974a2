import { Writable } from 'node:stream';
import type { DestinationStream } from 'pino';

const LEVELS: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO ', 40: 'WARN ', 50: 'ERROR', 60: 'FATAL' };
const OMIT = new Set(['level', 'time', 'service', 'msg', 'pid', 'hostname']);

/** One pino JSON line as `12:00:01 INFO  agency  message {extra fields}` for a terminal. */
export function prettyLogLine(line: string): string {
  let record: Record<string, unknown>;
  try {
    record = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return line;
  }
  const time = typeof record.time === 'string' ? record.time.slice(11, 19) : '';
  const level = LEVELS[Number(record.level)] ?? String(record.level);
  const service = typeof record.service === 'string' ? record.service.padEnd(12) : ''.padEnd(12);
  const extra = Object.fromEntries(Object.entries(record).filter(([key]) => !OMIT.has(key)));
  const err = extra.err as { stack?: string } | undefined;
  delete extra.err;
  const fields = Object.keys(extra).length ? ` ${JSON.stringify(extra)}` : '';
  return `${time} ${level} ${service} ${typeof record.msg === 'string' ? record.msg : ''}${fields}${err?.stack ? `\n${err.stack}` : ''}`;
}

/** A destination that prints pino's JSON lines readably on `out` (development only: slower than JSON). */
export function prettyDestination(out: NodeJS.WritableStream = process.stdout): DestinationStream {
  return new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      for (const line of chunk.toString().split('\n')) if (line) out.write(`${prettyLogLine(line)}\n`);
      callback();
    },
  });
}
