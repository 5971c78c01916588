import { describe, expect, it } from 'vitest';
import { fixture } from '../../testing/technitium-simulator.ts';
import { MAX_PER_MINUTE, MinuteTracker, parseMainChart, StatsParseError, type MinuteBucket } from './buckets.ts';

const stats = fixture<{ response: { mainChartData: { labels: string[]; labelFormat: string; datasets: { label: string; data: number[] }[] } } }>(
  'dashboard-stats-get.LastHour.json',
);
const chart = stats.response.mainChartData;
const m1500 = Date.parse('2026-08-22T15:00:00Z') / 60_000;

function bucket(minute: number, total = 1): MinuteBucket {
  return { minute, values: { total, noError: total, serverFailure: 0, nxDomain: 0, refused: 0, authoritative: 0, recursive: 0, cached: 0, blocked: 0, dropped: 0 } };
}
const window = (newest: number): MinuteBucket[] => Array.from({ length: 60 }, (_, i) => bucket(newest - 59 + i, newest - 59 + i));

describe('parseMainChart', () => {
  it('keys the fixture buckets by absolute UTC minute (utc=true labels are ISO times, labelFormat is display only)', () => {
    expect(chart.labelFormat).toBe('HH:mm');
    const b = parseMainChart(chart, 0);
    expect(b).toHaveLength(60);
    expect(b[0]!.minute).toBe(m1500);
    expect(b[59]!.minute).toBe(m1500 + 59);
    const total = chart.datasets.find((d) => d.label === 'Total')!.data;
    expect(b.map((x) => x.values.total)).toEqual(total);
    expect(b[2]!.values.serverFailure).toBe(chart.datasets.find((d) => d.label === 'Server Failure')!.data[2]);
  });

  it('anchors bare HH:mm labels on the answer time, so 15:05 and 16:05 are different minutes', () => {
    const hhmm = { ...chart, labels: chart.labels.map((l) => l.slice(11, 16)) };
    const nextHour = { ...chart, labels: chart.labels.map((l) => `16:${l.slice(14, 16)}`) };
    const at1559 = parseMainChart(hhmm, Date.parse('2026-08-22T15:59:20Z'));
    const at1659 = parseMainChart(nextHour, Date.parse('2026-08-22T16:59:20Z'));
    // the same "15:05" label a day later is a new minute too
    expect(parseMainChart(hhmm, Date.parse('2026-08-23T15:59:20Z'))[5]!.minute).toBe(m1500 + 5 + 24 * 60);
    expect(at1559[5]!.minute).toBe(m1500 + 5);
    expect(at1659[5]!.minute).toBe(m1500 + 65);
    // an answer whose Date header already says 16:00:00 while the last bucket is 15:59 still lands on 15:59
    expect(parseMainChart(hhmm, Date.parse('2026-08-22T16:00:00Z'))[59]!.minute).toBe(m1500 + 59);
  });

  it('rejects shapes it cannot trust (a parse error, never zeros)', () => {
    expect(() => parseMainChart(undefined, 0)).toThrow(StatsParseError);
    expect(() => parseMainChart({ ...chart, datasets: chart.datasets.filter((d) => d.label !== 'Refused') }, 0)).toThrow(/Refused/);
    expect(() => parseMainChart({ ...chart, labels: [...chart.labels].reverse() }, 0)).toThrow(/increasing/);
    const bad = chart.datasets.map((d) => (d.label === 'Total' ? { ...d, data: d.data.slice(1) } : d));
    expect(() => parseMainChart({ ...chart, datasets: bad }, 0)).toThrow(/wrong length/);
    const str = chart.datasets.map((d) => (d.label === 'Total' ? { ...d, data: d.data.map(String) } : d));
    expect(() => parseMainChart({ ...chart, datasets: str }, 0)).toThrow(/not a count of one minute/);
  });

  it('takes only counts of one minute: whole, not negative, at most MAX_PER_MINUTE (1e308 never reaches a counter)', () => {
    const withTotal = (v: number) => ({ ...chart, datasets: chart.datasets.map((d) => (d.label === 'Total' ? { ...d, data: d.data.map((x, i) => (i === 7 ? v : x)) } : d)) });
    expect(parseMainChart(withTotal(MAX_PER_MINUTE), 0)[7]!.values.total).toBe(MAX_PER_MINUTE);
    expect(parseMainChart(withTotal(0), 0)[7]!.values.total).toBe(0);
    for (const v of [MAX_PER_MINUTE + 1, 1e308, -1, 0.5, Number.MAX_SAFE_INTEGER + 2]) {
      expect(() => parseMainChart(withTotal(v), 0), String(v)).toThrow(StatsParseError);
    }
    expect(MAX_PER_MINUTE).toBeLessThan(Number.MAX_SAFE_INTEGER / 1e6); // a million plausible minutes stay exact
  });
});

describe('MinuteTracker', () => {
  it('counts nothing on the first answer, only sets the watermark to the newest completed minute', () => {
    const t = new MinuteTracker();
    const r = t.ingest(window(100));
    expect(r.kind).toBe('initial');
    expect(r.counted).toEqual([]);
    expect(t.watermark).toBe(99);
  });

  it('never counts the newest bucket (it may still hold the previous hour) and counts each other minute once', () => {
    const t = new MinuteTracker(99);
    expect(t.ingest(window(100)).counted).toEqual([]); // same answer again: minute 100 is still the newest
    const r = t.ingest(window(103));
    expect(r.counted.map((b) => b.minute)).toEqual([100, 101, 102]);
    expect(t.ingest(window(103)).counted).toEqual([]);
  });

  it('catches up at most the 59 completed minutes an answer holds and reports the gap', () => {
    const t = new MinuteTracker(99);
    const r = t.ingest(window(200));
    expect(r.counted).toHaveLength(59);
    expect(r.counted[0]!.minute).toBe(141);
    expect(r.gapMinutes).toBe(41);
  });

  it('re-anchors when the newest completed minute is older than the watermark (server clock went back)', () => {
    const t = new MinuteTracker(150);
    const r = t.ingest(window(120));
    expect(r.kind).toBe('reanchored');
    expect(r.counted).toEqual([]);
    expect(t.ingest(window(122)).counted.map((b) => b.minute)).toEqual([120, 121]);
  });
});
