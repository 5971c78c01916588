// A producer that goes quiet is an alert, not silence. For every producer that an alert reads, the build
// generates one alert on its heartbeat (metrics/types.ts Heartbeat): it fires when the heartbeat has been
// missing for `heartbeatScrapes` scrape intervals, names the producer, and lists the alerts that are blind
// while it lasts; an inhibit rule mutes those alerts meanwhile (what they would say is not news). A producer also
// scraped by other jobs (Producer.alsoScrapedBy: the tmpfs-exporter's sidecars) has a heartbeat for its main job
// only: its alerts may still fire from the others, so they are listed but never muted. Nor is a critical alert:
// one that fires while the heartbeat is missing fires on data it still has.
import type { Catalogue, Heartbeat, Producer } from '../metrics/types.ts';
import type { GlobalConfig } from './config.ts';
import type { InhibitRule } from './domain.ts';
import { formatDuration, seconds } from './duration.ts';
import { PromqlSyntaxError, selectors } from './promql.ts';
import { alert, group, type AlertRule, type RuleGroup } from './rules.ts';

export interface HeartbeatPlan {
  readonly producer: Producer;
  readonly heartbeat: Heartbeat;
  /**
   * The alerts that cannot fire while it lasts: those reading this producer's metrics, and those reading a
   * producer whose series come through it (Producer.via), with that producer's own heartbeat alert.
   */
  readonly blind: readonly string[];
  /** The heartbeat covers the producer's main scrape job only (it has others): the blind alerts are not muted. */
  readonly partial: boolean;
  /**
   * The blind alerts its inhibit rule mutes: none when partial, never a critical one (a critical alert that fires
   * while the heartbeat is missing fires on data it still has, e.g. a counter created at start).
   */
  readonly muted: readonly string[];
}

/** Which producers the alerts read, and the heartbeat of each (a domain's declaration wins over the catalogue's). */
export function planHeartbeats(
  groups: readonly RuleGroup[],
  catalogue: Catalogue,
  declared: ReadonlyMap<string, Heartbeat>,
): { plans: HeartbeatPlan[]; problems: string[] } {
  const readers = new Map<string, { producer: Producer; alerts: string[] }>();
  const critical = new Set(groups.flatMap((g) => g.rules.flatMap((r) => (r.kind === 'alert' && r.labels?.severity === 'critical' ? [r.alert] : []))));
  for (const g of groups) {
    for (const r of g.rules) {
      if (r.kind !== 'alert') continue;
      let sels;
      try {
        sels = selectors(r.expr);
      } catch (e) {
        if (e instanceof PromqlSyntaxError) continue; // promql/syntax reports it
        throw e;
      }
      for (const sel of sels) {
        const producer = sel.metric ? catalogue.lookup(sel.metric)?.producer : undefined;
        if (!producer || producer.heartbeat === 'self') continue;
        const entry = readers.get(producer.id) ?? { producer, alerts: [] };
        if (!entry.alerts.includes(r.alert)) entry.alerts.push(r.alert);
        readers.set(producer.id, entry);
      }
    }
  }
  // A producer that relays others (the Pushgateway) needs a heartbeat when any of them is read.
  for (const { producer } of [...readers.values()]) {
    const relay = producer.via ? catalogue.metrics.find((m) => m.producer.id === producer.via)?.producer : undefined;
    if (relay && !readers.has(relay.id)) readers.set(relay.id, { producer: relay, alerts: [] });
  }
  const problems: string[] = [];
  const heartbeatOf = (producer: Producer, alerts: readonly string[]): Heartbeat | undefined => {
    const h = declared.get(producer.id) ?? (producer.heartbeat === 'self' ? undefined : producer.heartbeat);
    if (!h) problems.push(`producer ${producer.id} is read by ${alerts.join(', ') || 'the producers it relays'} but declares no heartbeat: give it one in metrics/catalogue.ts, or in the domain that deploys it (Domain.heartbeats)`);
    return h;
  };
  const sorted = [...readers.values()].sort((a, b) => a.producer.id.localeCompare(b.producer.id));
  const beats = new Map(sorted.map(({ producer, alerts }) => [producer.id, heartbeatOf(producer, alerts)]));
  const plans: HeartbeatPlan[] = [];
  for (const { producer, alerts } of sorted) {
    const heartbeat = beats.get(producer.id);
    if (!heartbeat) continue;
    const relayed = sorted.filter((r) => r.producer.via === producer.id);
    const blind = [...alerts, ...relayed.flatMap((r) => [...r.alerts, ...(beats.get(r.producer.id) ? [beats.get(r.producer.id)!.alert] : [])])];
    const partial = (producer.alsoScrapedBy?.length ?? 0) > 0;
    const unique = [...new Set(blind)];
    plans.push({ producer, heartbeat, blind: unique, partial, muted: partial ? [] : unique.filter((a) => !critical.has(a)) });
  }
  return { plans, problems };
}

const selectorText = (matchers: Readonly<Record<string, string>>) =>
  Object.entries(matchers).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(', ');

/** The series the heartbeat reads (a dashboard panel draws them, word for word as the alert selects them). */
export function heartbeatSeries(h: Heartbeat): string {
  switch (h.kind) {
    case 'series':
      return `${h.metric}{${selectorText(h.matchers)}}`;
    case 'scrape':
      return `up{${selectorText(h.matchers)}}`;
    case 'push':
      return `push_time_seconds{${selectorText(h.matchers)}}`;
  }
}

/** The PromQL that is true while the heartbeat is missing. */
export function heartbeatExpr(h: Heartbeat): string {
  switch (h.kind) {
    case 'series':
      return `absent(${heartbeatSeries(h)})`;
    case 'scrape':
      return `absent(${heartbeatSeries(h)} == 1)`;
    case 'push':
      return `absent(time() - ${heartbeatSeries(h)} < ${seconds(h.maxAge, `heartbeat of ${h.alert}: maxAge`)})`;
  }
}

/** In words: what is missing. */
export function heartbeatText(h: Heartbeat): string {
  switch (h.kind) {
    case 'series':
      return `no ${h.metric}{${selectorText(h.matchers)}} series (its scrape fails, its target is gone, or the scrape's relabelling drops it)`;
    case 'scrape':
      return `up{${selectorText(h.matchers)}} is not 1 (its scrape fails or its target is gone)`;
    case 'push':
      return `its last push to the Pushgateway group {${selectorText(h.matchers)}} is over ${h.maxAge} old, or there is none`;
  }
}

export function heartbeatAlert(global: GlobalConfig, plan: HeartbeatPlan): AlertRule {
  const h = plan.heartbeat;
  const waitSeconds = global.heartbeatScrapes * seconds(global.scrapeInterval, 'global.scrapeInterval');
  const wait = formatDuration(waitSeconds);
  // A push heartbeat goes missing maxAge after the last push, and fires `wait` later: say how old the push is then.
  const silent = h.kind === 'push' ? formatDuration(seconds(h.maxAge, `heartbeat of ${h.alert}: maxAge`) + waitSeconds) : wait;
  const n = plan.blind.length;
  return {
    ...alert(global, {
      name: h.alert,
      expr: heartbeatExpr(h),
      for: wait,
      severity: 'warning',
      labels: { producer: plan.producer.id },
      summary: `${plan.producer.id}: no heartbeat for ${silent}; ${n} alert${n === 1 ? '' : 's'} blind`,
      description:
        `No heartbeat from ${plan.producer.id} for ${silent}: ${heartbeatText(h)}. The producer: ${plan.producer.description}. ` +
        (plan.partial
          ? `Until it is back, ${n === 1 ? 'this alert is' : 'these alerts are'} blind to what job ${plan.producer.scrapeJob} scrapes, ` +
            `and not muted (job ${plan.producer.alsoScrapedBy!.join(', ')} still delivers some of their series): ${plan.blind.join(', ')}.`
          : mutedText(plan)),
    }),
    // Generated from the catalogue's declaration, not written in a file: point build errors there.
    origin: { file: 'core/heartbeats.ts' },
  };
}

/** Which blind alerts the inhibit rule mutes, and which critical ones it leaves alone. */
function mutedText(plan: HeartbeatPlan): string {
  const m = plan.muted.length;
  const kept = plan.blind.filter((a) => !plan.muted.includes(a));
  return [
    m ? `Until it is back, ${m === 1 ? 'this alert reads what is missing and is' : 'these alerts read what is missing and are'} muted: ${plan.muted.join(', ')}.` : '',
    kept.length ? `${kept.length === 1 ? 'This critical alert reads it too and is' : 'These critical alerts read it too and are'} not muted (one that fires has data): ${kept.join(', ')}.` : '',
  ].filter(Boolean).join(' ');
}

export function heartbeatGroup(global: GlobalConfig, plans: readonly HeartbeatPlan[]): RuleGroup | undefined {
  if (plans.length === 0) return undefined;
  return { ...group('heartbeats', plans.map((p) => heartbeatAlert(global, p))), origin: { file: 'core/heartbeats.ts' } };
}

/** While a producer is silent, its blind warnings are muted: the heartbeat alert says what they cannot see. */
export function heartbeatInhibits(plans: readonly HeartbeatPlan[]): InhibitRule[] {
  return plans.filter((p) => p.muted.length > 0).map((p) => ({
    source_matchers: [`alertname = ${p.heartbeat.alert}`],
    target_matchers: [`alertname =~ "${p.muted.join('|')}"`],
    equal: [],
  }));
}
