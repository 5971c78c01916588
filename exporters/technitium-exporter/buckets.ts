// Turning Technitium's rolling "last hour" statistics into counters.
//
// What Technitium 14.3 answers (Dns/StatsManager.cs, GetLastHourMinuteWiseStats and DoMaintenance):
// `/api/dashboard/stats/get?type=LastHour&utc=true` gives `mainChartData` with 60 one-minute buckets, the 60
// minutes that ENDED before the current one (from now-60 min, truncated to the minute, to the minute that just
// ended). Each label is the bucket's END (`lastDateTime.AddMinutes(1)`): with utc=true an ISO UTC time such as
// "2026-08-22T15:07:00.0000000Z" for the minute 15:06-15:07 (`labelFormat` "HH:mm" is only a display hint).
// A bucket is read from a ring of 60 per-minute counters indexed by minute-of-hour, and only once a maintenance
// timer (every 10 s, MAINTENANCE_TIMER_PERIODIC_INTERVAL) has locked that minute's counter and copied it into
// the ring. Until that tick, for up to 10 s after each minute ends, the NEWEST bucket shows what its slot held
// before: the same minute of the previous hour (or 0 when that slot is empty). The older 59 are final.
//
// The design:
//
// * Every bucket is keyed by the ABSOLUTE minute (Unix minutes) of its label. A label that only carries
//   "HH:mm" is anchored on the answer: the last label is placed at the minute nearest to the server's clock
//   (HTTP Date header) with that HH:mm, the others at consecutive minutes before it. So a label that repeats an
//   hour (or a day) later is a different minute. (Keying by the end rather than the start shifts every minute by
//   one, the same way every time, so nothing is counted twice or lost.)
// * The newest bucket is never counted: a poll cannot tell whether the timer has locked it yet, and before it
//   has, the bucket holds an hour-old minute's counts. It is counted by the next poll, as the second newest.
// * Per instance we remember the WATERMARK: the newest minute already counted. A poll counts exactly the
//   completed buckets newer than the watermark and moves it forward. A missed poll is caught up on the next one;
//   a catch-up can only reach back as far as the 59 final minutes the answer holds (older minutes are reported
//   as a gap, never invented).
// * Values are checked before anything is counted: whole numbers, not negative, and at most
//   MAX_PER_MINUTE; otherwise the whole answer is a parse error and nothing of it is counted (an answer of 1e308
//   would otherwise turn the counters to +Inf for good).
// * First poll after exporter start (no watermark): nothing is counted, the watermark is set to the newest
//   counted minute. Counters start at 0 and grow from there; counting the last hour at start-up would
//   re-add minutes a previous exporter process already counted (Prometheus sees the restart as a counter
//   reset and would add them again). With --state-file the watermark survives restarts and the minutes
//   missed while the exporter was down are caught up (up to 59).
// * Technitium restart: its buckets for minutes <= watermark are ignored whatever they now contain (no
//   double count); newer minutes count once.
// * Clock skew between exporter and Technitium does not matter (minutes come from Technitium's labels and
//   Date header, never from the exporter's clock). If Technitium's own clock jumps backwards so that its
//   newest counted minute is older than the watermark, the watermark is re-anchored on it (logged),
//   so counting resumes instead of staying silent until the clock catches up.

/**
 * The most queries one instance can plausibly answer in a minute: ten million a second, far beyond what one
 * DNS server handles. A bucket above it (or any count in it) is not a count.
 */
export const MAX_PER_MINUTE = 600_000_000;

export const DATASETS = {
  total: 'Total',
  noError: 'No Error',
  serverFailure: 'Server Failure',
  nxDomain: 'NX Domain',
  refused: 'Refused',
  authoritative: 'Authoritative',
  recursive: 'Recursive',
  cached: 'Cached',
  blocked: 'Blocked',
  dropped: 'Dropped',
} as const;

export type BucketField = keyof typeof DATASETS;
export type BucketValues = Record<BucketField, number>;
export const BUCKET_FIELDS = Object.keys(DATASETS) as BucketField[];

export interface MinuteBucket {
  /** Unix minute (ms / 60000) the bucket covers. */
  readonly minute: number;
  readonly values: BucketValues;
}

export class StatsParseError extends Error {
  override readonly name = 'StatsParseError';
}

const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;
const HHMM_RE = /^(\d{1,2}):(\d{2})$/;
const MINUTE_MS = 60_000;
const DAY_MINUTES = 24 * 60;

function isoMinute(label: string): number | undefined {
  const m = ISO_RE.exec(label);
  if (!m) return undefined;
  let ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]));
  const tz = m[7];
  if (tz && tz !== 'Z') {
    const sign = tz.startsWith('-') ? -1 : 1;
    const digits = tz.slice(1).replace(':', '');
    ms -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4))) * MINUTE_MS;
  }
  return Number.isFinite(ms) ? Math.floor(ms / MINUTE_MS) : undefined;
}

/** The minute nearest to `anchorMinute` whose time of day is hh:mm. */
function nearestMinuteWithTimeOfDay(anchorMinute: number, hh: number, mm: number): number {
  const want = hh * 60 + mm;
  const dayStart = anchorMinute - (((anchorMinute % DAY_MINUTES) + DAY_MINUTES) % DAY_MINUTES);
  let best = dayStart + want;
  for (const c of [best - DAY_MINUTES, best + DAY_MINUTES]) if (Math.abs(c - anchorMinute) < Math.abs(best - anchorMinute)) best = c;
  return best;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * All buckets of a `mainChartData`, oldest first, keyed by absolute minute. `anchorMs` is the server's
 * clock at answer time (Date header), used only for "HH:mm" labels.
 */
export function parseMainChart(mainChartData: unknown, anchorMs: number): MinuteBucket[] {
  if (!isRecord(mainChartData)) throw new StatsParseError('mainChartData is missing');
  const labels = mainChartData.labels;
  const datasets = mainChartData.datasets;
  if (!Array.isArray(labels) || !labels.every((l) => typeof l === 'string')) throw new StatsParseError('mainChartData.labels is not a list of strings');
  if (!Array.isArray(datasets)) throw new StatsParseError('mainChartData.datasets is not a list');
  const n = labels.length;
  if (n === 0) return [];

  let minutes: number[];
  const iso = (labels as string[]).map(isoMinute);
  if (iso.every((m): m is number => m !== undefined)) {
    minutes = iso;
  } else {
    const hhmm = (labels as string[]).map((l) => HHMM_RE.exec(l));
    if (!hhmm.every((m): m is RegExpExecArray => m !== null)) throw new StatsParseError('mainChartData.labels are neither ISO times nor HH:mm');
    const last = hhmm[n - 1]!;
    const lastMinute = nearestMinuteWithTimeOfDay(Math.floor(anchorMs / MINUTE_MS), Number(last[1]), Number(last[2]));
    minutes = hhmm.map((_, i) => lastMinute - (n - 1 - i));
    hhmm.forEach((m, i) => {
      const tod = (((minutes[i]! % DAY_MINUTES) + DAY_MINUTES) % DAY_MINUTES);
      if (tod !== Number(m[1]) * 60 + Number(m[2])) throw new StatsParseError('mainChartData.labels are not consecutive minutes');
    });
  }
  for (let i = 1; i < n; i++) {
    if (minutes[i]! <= minutes[i - 1]!) throw new StatsParseError('mainChartData.labels are not in increasing order');
  }

  const series = {} as Record<BucketField, number[]>;
  for (const field of BUCKET_FIELDS) {
    const ds = datasets.find((d) => isRecord(d) && d.label === DATASETS[field]);
    if (!isRecord(ds) || !Array.isArray(ds.data) || ds.data.length !== n) {
      throw new StatsParseError(`dataset "${DATASETS[field]}" is missing or has the wrong length`);
    }
    const data = ds.data as unknown[];
    const bad = data.find((v) => !(typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 && v <= MAX_PER_MINUTE));
    if (bad !== undefined) {
      throw new StatsParseError(`dataset "${DATASETS[field]}" holds ${String(JSON.stringify(bad)).slice(0, 40)}, not a count of one minute (a whole number from 0 to ${MAX_PER_MINUTE})`);
    }
    series[field] = data as number[];
  }
  return minutes.map((minute, i) => {
    const values = {} as BucketValues;
    for (const f of BUCKET_FIELDS) values[f] = series[f][i]!;
    return { minute, values };
  });
}

export type IngestKind = 'initial' | 'counted' | 'reanchored' | 'empty';

export interface IngestResult {
  readonly kind: IngestKind;
  /** Buckets to add to the counters (each minute exactly once over the life of the tracker). */
  readonly counted: readonly MinuteBucket[];
  /** Completed minutes after the watermark that the answer no longer holds (lost: outage > 59 min). */
  readonly gapMinutes: number;
  readonly watermark: number | undefined;
}

/** Watermark bookkeeping for one instance. */
export class MinuteTracker {
  constructor(public watermark: number | undefined = undefined) {}

  ingest(buckets: readonly MinuteBucket[]): IngestResult {
    // The newest bucket may still hold an hour-old minute (see above): never counted.
    const completed = buckets.slice(0, -1);
    if (completed.length === 0) return { kind: 'empty', counted: [], gapMinutes: 0, watermark: this.watermark };
    const newest = completed[completed.length - 1]!.minute;
    if (this.watermark === undefined) {
      this.watermark = newest;
      return { kind: 'initial', counted: [], gapMinutes: 0, watermark: newest };
    }
    if (newest < this.watermark) {
      this.watermark = newest;
      return { kind: 'reanchored', counted: [], gapMinutes: 0, watermark: newest };
    }
    const w = this.watermark;
    const counted = completed.filter((b) => b.minute > w);
    const oldest = completed[0]!.minute;
    const gapMinutes = oldest > w + 1 ? oldest - w - 1 : 0;
    this.watermark = newest;
    return { kind: 'counted', counted, gapMinutes, watermark: newest };
  }
}
