// URL flags never carry credentials, and their errors never repeat the value (it may hold a password).
import { describe, expect, it } from 'vitest';
import { parsePositiveInt, parseUrlFlag } from './cli.ts';

describe('parseUrlFlag', () => {
  it('takes http(s) URLs without userinfo', () => {
    expect(parseUrlFlag('--pushgateway', 'http://pgw.monitoring:9091').host).toBe('pgw.monitoring:9091');
  });

  it.each(['http://user:hunter2@pgw:9091', 'http://hunter2@pgw:9091', 'https://:hunter2@pgw'])('refuses %s without quoting it', (url) => {
    expect(() => parseUrlFlag('--pushgateway', url)).toThrow(/user or password/);
    try {
      parseUrlFlag('--pushgateway', url);
    } catch (err) {
      expect((err as Error).message).not.toContain('hunter2');
    }
  });

  it('refuses other schemes and non-URLs, without quoting them', () => {
    expect(() => parseUrlFlag('--x', 'ftp://h')).toThrow(/http or https/);
    expect(() => parseUrlFlag('--x', 'not a url hunter2')).toThrow(/not a URL/);
    expect(() => parseUrlFlag('--x', 'not a url hunter2')).not.toThrow(/hunter2/);
  });
});

describe('parsePositiveInt', () => {
  it('takes 1 and refuses 0, fractions and words', () => {
    expect(parsePositiveInt('--n', '1', 5)).toBe(1);
    expect(parsePositiveInt('--n', undefined, 5)).toBe(5);
    for (const bad of ['0', '1.5', '-3', 'ten']) expect(() => parsePositiveInt('--n', bad, 5)).toThrow(/--n/);
  });
});
