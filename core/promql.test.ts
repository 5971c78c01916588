// typeErrors judges the whole expression however long the parse takes: CodeMirror parses an editor state for at
// most 20 ms of wall-clock time when it is created, and on a busy machine (two cores, tests running beside the
// build) that cut a parse short, so the build refused a sound panel query now and then.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { typeErrors } from './promql.ts';

const sound = 'histogram_quantile(0.99, sum by (le, server) (rate(coredns_dns_request_duration_seconds_bucket{namespace="kube-system"}[5m])))';

/** A clock that jumps 25 ms at every reading: every time budget runs out at once. */
function slowClock(): void {
  let now = Date.now();
  vi.spyOn(Date, 'now').mockImplementation(() => (now += 25));
}

describe('typeErrors on a slow machine', () => {
  afterEach(() => vi.restoreAllMocks());

  it('accepts a sound expression when every parse budget runs out', () => {
    slowClock();
    expect(typeErrors(sound)).toEqual([]);
  });

  it('still reports a real type error then', () => {
    slowClock();
    expect(typeErrors('sum(rate(technitium_dns_queries_total)) > 1').map((e) => e.message)).toEqual(['expected type matrix in call to function "rate", got vector']);
  });
});
