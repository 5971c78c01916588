// Redaction: registered secrets, credential parameters and the userinfo of anything URL-shaped never reach a line.
import { describe, expect, it } from 'vitest';
import { Logger } from './log.ts';

describe('Logger redaction', () => {
  const lines: string[] = [];
  const log = new Logger((l) => lines.push(l), 'json', () => 0);
  log.addSecret('s3cret-value');

  it.each([
    ['http://user:pa55word@pushgateway:9091/metrics', 'http://[REDACTED]@pushgateway:9091/metrics'],
    ['fetch https://admin@host/x failed', 'fetch https://[REDACTED]@host/x failed'],
    ['POST /api/user/login user=admin&pass=hunter2', 'POST /api/user/login user=admin&pass=[REDACTED]'],
    ['Authorization: Bearer abc.def', 'Authorization: Bearer [REDACTED]'],
    ['the value s3cret-value leaked', 'the value [REDACTED] leaked'],
    ['http://host:9091/metrics/job/x and me@example.org', 'http://host:9091/metrics/job/x and me@example.org'],
  ])('%s', (input, want) => {
    expect(log.redact(input)).toBe(want);
  });

  it('redacts messages and string fields, in both formats', () => {
    log.warn('push to http://u:p4ss@h failed', { url: 'http://u:p4ss@h', token: 'token=abcdef' });
    new Logger((l) => lines.push(l), 'plain', () => 0).error('x', { url: 'https://u:p4ss@h/' });
    expect(lines.join('\n')).not.toMatch(/p4ss|abcdef/);
    expect(lines).toHaveLength(2);
  });
});
