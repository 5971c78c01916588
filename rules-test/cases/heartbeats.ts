// The generated heartbeat alerts (core/heartbeats.ts), one per producer the package's alerts read: each fires
// when its heartbeat is gone for heartbeatScrapes scrape intervals (a scrape failing, a target vanishing, a
// pusher going quiet) and stays quiet while the heartbeat is there. The cases come from the same plans the
// build generates the alerts from, so a new producer brings its cases; what on-call reads is written out here.
import { formatDuration, seconds } from '../../core/duration.ts';
import type { Heartbeat } from '../../metrics/types.ts';
import { assemble } from '../../core/pipeline.ts';
import { packageInput } from '../../domains.ts';
import { gauge, ourRules, RuleTestSuite, series, type InputSeries } from '../builder.ts';
import type { Duration } from '../../core/duration.ts';

const input = packageInput();
const assembled = assemble(input);
const plans = assembled.heartbeats;
/** Heartbeats never mute a critical alert: one that fires while the heartbeat is missing has data. */
const critical = new Set(assembled.groups.flatMap((g) => g.rules.flatMap((r) => (r.kind === 'alert' && r.labels.severity === 'critical' ? [r.alert] : []))));
export const suite = new RuleTestSuite('heartbeats').expect(Object.fromEntries(plans.map((p) => [p.heartbeat.alert, { severity: 'warning' as const }])));
const rules = ourRules();
const i = suite.cfg.scrapeInterval;
const wait = seconds(i) * suite.cfg.heartbeatScrapes; // seconds without a heartbeat before the alert fires
const d = (s: number) => formatDuration(s) as Duration;
const labelText = (m: Readonly<Record<string, string>>) => Object.entries(m).map(([k, v]) => `${k}="${v}"`).join(', ');

function missingText(h: Heartbeat): string {
  if (h.kind === 'series') return `no ${h.metric}{${labelText(h.matchers)}} series (its scrape fails, its target is gone, or the scrape's relabelling drops it)`;
  if (h.kind === 'scrape') return `up{${labelText(h.matchers)}} is not 1 (its scrape fails or its target is gone)`;
  return `its last push to the Pushgateway group {${labelText(h.matchers)}} is over ${h.maxAge} old, or there is none`;
}

for (const { producer, heartbeat: h, blind, partial } of plans) {
  // absent() of a plain selector carries its equality matchers; of a comparison, no labels. The rule adds producer.
  const labels = h.kind === 'series' ? { ...h.matchers, producer: producer.id } : { producer: producer.id };
  // A push heartbeat is missing maxAge after the last push and fires `wait` later: on-call reads the push's age then.
  const silent = formatDuration(h.kind === 'push' ? seconds(h.maxAge, 'maxAge') + wait : wait);
  const n = blind.length;
  const muted = blind.filter((a) => !critical.has(a));
  const kept = blind.filter((a) => critical.has(a));
  const firing = {
    labels,
    summary: `${producer.id}: no heartbeat for ${silent}; ${n} alert${n === 1 ? '' : 's'} blind`,
    description:
      `No heartbeat from ${producer.id} for ${silent}: ${missingText(h)}. The producer: ${producer.description}. ` +
      (partial
        ? `Until it is back, ${n === 1 ? 'this alert is' : 'these alerts are'} blind to what job ${producer.scrapeJob} scrapes, and not muted ` +
          `(job ${producer.alsoScrapedBy!.join(', ')} still delivers some of their series): ${blind.join(', ')}.`
        : [
            muted.length ? `Until it is back, ${muted.length === 1 ? 'this alert reads what is missing and is' : 'these alerts read what is missing and are'} muted: ${muted.join(', ')}.` : '',
            kept.length ? `${kept.length === 1 ? 'This critical alert reads it too and is' : 'These critical alerts read it too and are'} not muted (one that fires has data): ${kept.join(', ')}.` : '',
          ].filter(Boolean).join(' ')),
  };
  const heartbeatSeries = (values: string): InputSeries =>
    h.kind === 'scrape' ? series('up', { ...h.matchers, instance: '10.42.0.5:9100' }, values) : series('push_time_seconds', h.matchers, values);

  if (h.kind === 'series') {
    const own = (values: string) => series(h.metric, { ...h.matchers, instance: '10.42.0.5:9100' }, values);
    const up = (values: string) => series('up', { ...h.matchers, instance: '10.42.0.5:9100' }, values);
    suite
      // A stale marker at 10m: the series is gone at once (a scrape that fails marks its series stale).
      .case(`${h.alert} fires: ${producer.id}'s series end at 10m`, rules, { input: [own(`1x4 stale`), up(gauge(i, [1, '10m'], [0, '40m']))] })
      .fires(h.alert, d(600 + wait + 180), firing)
      .pending(h.alert, d(600 + wait - 240), labels);
    suite
      .case(`${h.alert} fires: ${producer.id} answers its scrape, but none of its series arrive (relabelled away)`, rules, { input: [up(gauge(i, [1, '40m']))] })
      .fires(h.alert, d(wait + 180), firing);
    suite
      .case(`${h.alert} quiet: ${producer.id}'s series arrive all along`, rules, { input: [own(gauge(i, [1, '40m'])), up(gauge(i, [1, '40m']))] })
      .neverActive(h.alert, '39m', 'the heartbeat is there');
  } else if (h.kind === 'scrape') {
    suite
      .case(`${h.alert} fires: the ${producer.id} scrape fails from 10m`, rules, { input: [heartbeatSeries(gauge(i, [1, '10m'], [0, '40m']))] })
      .fires(h.alert, d(600 + wait + 180), firing)
      .pending(h.alert, d(600 + wait - 240), labels);
    suite
      .case(`${h.alert} fires: the ${producer.id} target is gone from service discovery`, rules, {
        input: [series('up', { job: 'some-other-job', instance: '10.42.0.6:9100' }, gauge(i, [1, '40m']))],
      })
      .fires(h.alert, d(wait + 180), firing);
    suite
      .case(`${h.alert} quiet: ${producer.id} is scraped all along`, rules, { input: [heartbeatSeries(gauge(i, [1, '40m']))] })
      .neverActive(h.alert, '39m', 'the heartbeat is there');
  } else {
    const maxAge = seconds(h.maxAge);
    // push_time_seconds is the push's Unix time; promtool's clock starts at 0. Pushed once at 0, then silent:
    const step = seconds(i);
    const end = Math.ceil((maxAge + wait + 600) / step) * step;
    suite
      .case(`${h.alert} fires: ${producer.id} pushed once at 0 and then stopped`, rules, { input: [heartbeatSeries(gauge(i, [0, d(end)]))] })
      .fires(h.alert, d(maxAge + wait + 180), firing)
      .pending(h.alert, d(maxAge + wait - 240), labels)
      // At 0.6 of the allowed age, a push is late but not missing.
      .quiet(h.alert, d(Math.round((0.6 * maxAge) / 60) * 60), 'the last push is younger than its allowed age');
    suite
      .case(`${h.alert} quiet: ${producer.id} pushes every scrape interval`, rules, { input: [heartbeatSeries(`0+${seconds(i)}x${Math.ceil(end / seconds(i))}`)] })
      .neverActive(h.alert, d(end - 60), 'every push is fresh');
  }
}
