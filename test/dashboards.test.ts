// The dashboards against the alerts they draw, the checks, and what the build writes: one config value moves
// an alert's threshold and its panel's line together; every alert a panel shows links to that panel; the
// the generated relabel configs spare what panels read; the ConfigMaps are what the sidecar loads; a dashboard problem fails
// the build and writes nothing.
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse as parseYaml, parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { globalDefaults } from '../core/config.ts';
import { formatDuration, isDuration, seconds } from '../core/duration.ts';
import { withDashboards, withDefaults } from '../core/domain.ts';
import { DashboardDraft, query, type DashboardDef } from '../core/grafana/dashboard.ts';
import { panelUrl } from '../core/grafana/links.ts';
import * as sdk from '../core/grafana/sdk.ts';
import { validatorsSource } from '../core/grafana/schemas/compile.ts';
import { runDashboardChecks } from '../core/checks/dashboard/index.ts';
import { allPanels } from '../core/checks/dashboard/model.ts';
import { assemble, build, BuildError, panelQueries, render, type BuildInput } from '../core/pipeline.ts';
import { selectors } from '../core/promql.ts';
import { catalogue, producers } from '../metrics/catalogue.ts';
import { dns as dnsAlerts } from '../alerts/dns/index.ts';
import * as queries from '../alerts/dns/queries.ts';
import { authentik as authentikAlerts } from '../alerts/authentik/index.ts';
import * as aq from '../alerts/authentik/queries.ts';
import { heartbeatSeries } from '../core/heartbeats.ts';
import type { Heartbeat } from '../metrics/types.ts';
import { packageInput } from '../domains.ts';
import { tempDir } from '../testing/tmp.ts';

const repo = resolve(import.meta.dirname, '..');
const input = packageInput({ promtool: false });
const { groups, dashboards } = assemble(input);
const alerts = new Map(groups.flatMap((g) => g.rules.flatMap((r) => (r.kind === 'alert' ? [[r.alert, r] as const] : []))));

/** The JSON of the panel with this id. */
const panelJson = (d: DashboardDef, id: number) => allPanels(d.json).find(({ panel }) => panel.id === id)?.panel as Record<string, unknown> | undefined;

describe('the package dashboards', () => {
  it('pass every dashboard check (schemas included)', () => {
    const findings = runDashboardChecks(dashboards, {
      rules: { mode: 'package', catalogue, scrapeIntervalSeconds: seconds(globalDefaults.scrapeInterval, 's'), pushedJobs: input.pushedJobs },
      alerts: new Set(alerts.keys()),
    });
    expect(findings).toEqual([]);
  });

  it("are the domains' dashboards (DNS: Technitium and CoreDNS; Authentik), then the package's alerts overview", () => {
    const uids = dashboards.map((d) => d.uid);
    expect(uids.slice(0, 3)).toEqual(['homelab-dns', 'homelab-coredns', 'homelab-authentik']);
    expect(uids.at(-1)).toBe('homelab-alerts');
  });

  it('show every alert of the Authentik domain, and the heartbeats of the producers only it reads, on its dashboard', () => {
    const authentik = dashboards.find((d) => d.uid === 'homelab-authentik')!;
    const shown = authentik.panels.flatMap((p) => p.shows).sort();
    const ctx = { global: globalDefaults, config: authentikAlerts.defaults };
    const own = authentikAlerts.ruleGroups(ctx).flatMap((g) => g.rules.flatMap((r) => (r.kind === 'alert' ? [r.alert] : [])));
    const heartbeats = [authentikAlerts.heartbeats!(ctx)[producers.tmpfsExporter.id]!, producers.traefik.heartbeat, producers.blackboxWalloff.heartbeat].map((h) => h.alert);
    expect(own.length).toBeGreaterThan(10);
    expect(shown).toEqual([...own, ...heartbeats].sort());
  });

  it('lay out the panels of every line across the whole width (24 columns)', () => {
    for (const d of dashboards) {
      const lines = new Map<number, number>();
      for (const { panel } of allPanels(d.json)) {
        const g = panel.gridPos!;
        lines.set(g.y, (lines.get(g.y) ?? 0) + g.w);
      }
      for (const [y, width] of lines) expect(width, `${d.uid}: the line at y ${y}`).toBe(24);
    }
  });

  it('give every alert a panel shows a dashboard_url to that panel, and no other alert one', () => {
    const shown = new Set<string>();
    for (const d of dashboards) {
      for (const p of d.panels) {
        for (const a of p.shows) {
          expect(alerts.get(a)?.annotations.dashboard_url, a).toBe(panelUrl(globalDefaults, d.uid, p.id));
          expect(panelJson(d, p.id)?.title).toBe(p.title);
          shown.add(a);
        }
      }
    }
    expect(shown.size).toBeGreaterThan(0);
    const linked = [...alerts.values()].filter((r) => r.annotations.dashboard_url !== undefined).map((r) => r.alert);
    expect(linked.sort()).toEqual([...shown].sort());
  });

  it('leave alerts no panel shows without a dashboard_url', () => {
    const extra = withDefaults(withDashboards(dnsAlerts, (ctx) => [new DashboardDraft(ctx.global, { uid: 'x', title: 'X', description: 'x' }).build()]));
    const { groups: g } = assemble({ ...input, domains: [extra], packageDashboards: [] });
    expect(g.flatMap((x) => x.rules).filter((r) => r.kind === 'alert' && 'dashboard_url' in r.annotations)).toEqual([]);
  });
});

describe('a threshold is written once', () => {
  /**
   * Every leaf of a domain's config with a changed value: numbers doubled (plus one), durations doubled, strings
   * extended, booleans flipped; lists entry by entry.
   */
  function variants<C>(value: unknown, path: string[] = []): { path: string; config: (c: C) => C }[] {
    if (value === null) return [];
    if (typeof value === 'object') return Object.entries(value as object).flatMap(([k, v]) => variants<C>(v, [...path, k]));
    const change = (v: unknown): unknown =>
      typeof v === 'number' ? v * 2 + 1 : isDuration(v) ? formatDuration(seconds(v, 'x') * 2) : typeof v === 'string' ? `${v}x` : typeof v === 'boolean' ? !v : v;
    const set = (o: unknown, i: number): unknown => {
      if (i === path.length) return change(o);
      const copy = (Array.isArray(o) ? [...o] : { ...(o as object) }) as Record<string, unknown>;
      copy[path[i]!] = set(copy[path[i]!], i + 1);
      return copy;
    };
    return [{ path: path.join('.'), config: (c) => set(c, 0) as C }];
  }

  const shownBy = new Map(dashboards.flatMap((d) => d.panels.flatMap((p) => p.shows.map((a) => [a, { d, id: p.id }] as const))));
  /** What a panel draws: its queries and field config (thresholds, dashed series), not the words around them, which may quote a value the queries do not follow. */
  const drawn = (d: DashboardDef, id: number) => {
    const p = panelJson(d, id) as { targets?: unknown; fieldConfig?: unknown };
    return JSON.stringify({ targets: p.targets, fieldConfig: p.fieldConfig });
  };
  /**
   * Known gaps, each with why: a config value that changes an alert its panel does not follow. Each must still be
   * one (the test fails when the panel follows), so the list shrinks as they are closed.
   */
  const notFollowed: readonly { path: RegExp; alert: string; why: string }[] = [
    {
      path: /^dns\.programs\.technitium\.instances\.\d+\.(server|role)$/,
      alert: 'TechnitiumInstanceDown',
      why: "the alert's absent() branch names each configured instance; the panel draws technitium_up alone, so an instance the exporter does not report is missing from it rather than shown down",
    },
  ];
  // The domains as domains.ts joins them to their dashboards, each leaf of one config changed in turn.
  const cases = input.domains.flatMap((d) => variants<object>(d.domain.defaults).map((v) => [`${d.domain.id}.${v.path}`, d.domain.id, v] as const));

  it('vary every leaf of the DNS and Authentik configs, inside lists too', () => {
    expect([...new Set(cases.map(([, id]) => id))].sort()).toEqual(['authentik', 'dns']);
    expect(cases.map(([p]) => p)).toEqual(expect.arrayContaining(['authentik.authentik.outposts.0.name', 'authentik.authentik.outposts.1.shmVolume', 'authentik.authentik.outposts.0.sessionsInPostgres']));
  });

  it.each(cases)('%s: every alert it changes changes on its panel too', (path, id, v) => {
    let changed: ReturnType<typeof assemble>;
    try {
      changed = assemble({ ...input, domains: input.domains.map((d) => (d.domain.id === id ? { domain: d.domain, config: v.config(d.config) } : d)) });
    } catch (e) {
      // A value the config refuses (one of a fixed set, like zoneTransfer) builds nothing to compare.
      if (e instanceof BuildError && e.message.includes(path.split('.').at(-1)!)) return;
      throw e;
    }
    const changedAlerts = new Map(changed.groups.flatMap((g) => g.rules.flatMap((r) => (r.kind === 'alert' ? [[r.alert, r] as const] : []))));
    for (const [name, before] of alerts) {
      const at = shownBy.get(name);
      if (!at || changedAlerts.get(name)?.expr === before.expr) continue; // no panel draws it, or unchanged
      const after = drawn(changed.dashboards.find((d) => d.uid === at.d.uid)!, at.id);
      const gap = notFollowed.find((g) => g.alert === name && g.path.test(path));
      if (gap) expect(after, `${path}: panel ${at.id} of ${at.d.uid} now follows ${name}; drop it from notFollowed`).toBe(drawn(at.d, at.id));
      else expect(after, `${path} changes ${name}, but not what panel ${at.id} of ${at.d.uid} draws`).not.toBe(drawn(at.d, at.id));
    }
  });

  it('draws the config value itself as the threshold of a panel', () => {
    const c = dnsAlerts.defaults;
    const a = authentikAlerts.defaults;
    const steps = (uid: string, title: string) => {
      const d = dashboards.find((x) => x.uid === uid)!;
      const p = panelJson(d, d.panels.find((x) => x.title === title)!.id) as { fieldConfig: { defaults: { thresholds: { steps: { value: number | null }[] } } } };
      return p.fieldConfig.defaults.thresholds.steps.map((s) => s.value);
    };
    expect(steps('homelab-dns', 'SERVFAIL share per instance')).toEqual([null, c.queries.servfailRatio]);
    expect(steps('homelab-dns', 'Memory against limit')).toEqual([null, c.technitium.memoryNearLimitRatio]);
    expect(steps('homelab-dns', 'Time since the last successful run')).toEqual([null, seconds(c.zoneSync.staleAfter, 'staleAfter')]);
    expect(steps('homelab-coredns', 'Forward failure share by upstream')).toEqual([null, c.coredns.forwardFailureRatio]);
    expect(steps('homelab-coredns', 'Replicas available')).toEqual([null, c.coredns.criticalReplicas + 1, c.coredns.minReplicas]);
    const horizon = seconds(a.volumes.fullSoonHorizon, 'fullSoonHorizon');
    expect(steps('homelab-authentik', 'Outpost /dev/shm used')).toEqual([null, a.outposts.shmFillingUpRatio]);
    expect(steps('homelab-authentik', 'Outpost /dev/shm full in')).toEqual([null, horizon]);
    expect(steps('homelab-authentik', 'Files in /dev/shm of outposts with PostgreSQL sessions')).toEqual([null, a.outposts.sessionFilesThreshold]);
    expect(steps('homelab-authentik', 'Outpost memory against its limit')).toEqual([null, a.outposts.memoryNearLimitRatio]);
    expect(steps('homelab-authentik', `Outpost restarts in ${a.outposts.restartsWindow}`)).toEqual([null, a.outposts.restarts]);
    expect(steps('homelab-authentik', 'Routers answering mostly 400 or 401')).toEqual([null, a.forwardAuth.minRouters]);
    expect(steps('homelab-authentik', 'Share of 400 and 401 answers per router')).toEqual([null, a.forwardAuth.routerShare]);
    expect(steps('homelab-authentik', 'Authentik UI: 502/503/504 share')).toEqual([null, a.server.root5xxRatio]);
    expect(steps('homelab-authentik', 'Used share per volume')).toEqual([null, a.volumes.fillingUpRatio]);
    expect(steps('homelab-authentik', 'Volumes full in')).toEqual([null, horizon]);
  });

  it('draws fragments that are, word for word, parts of the alert expressions', () => {
    const c = dnsAlerts.defaults;
    const words = (s: string) => s.replace(/\s+/g, ' ').trim();
    const dnsPairs: [string, string][] = [
      [queries.servfailRatioByServer(c), 'TechnitiumHighServfailRatio'],
      [queries.busyServers(c), 'TechnitiumHighServfailRatio'],
      [queries.technitiumMemoryRatio(c), 'TechnitiumMemoryNearLimit'],
      [queries.zoneSerialDistance, 'TechnitiumZoneSerialMismatch'],
      [queries.zoneSyncSinceSuccess(c), 'TechnitiumZoneSyncNoRecentSuccess'],
      [queries.zoneSyncSincePush(c), 'TechnitiumZoneSyncRunFailed'],
      [queries.corednsForwardFailureRatio(c), 'CoreDNSForwardFailing'],
      [queries.corednsBusyUpstreams(c), 'CoreDNSForwardFailing'],
      [queries.corednsAllUpstreamsDown(c), 'CoreDNSAllUpstreamsDown'],
      [queries.corednsHealthcheckFailures(c), 'CoreDNSForwardHealthcheckFailing'],
      [queries.corednsServedStale(c), 'CoreDNSServingStale'],
    ];
    const a = authentikAlerts.defaults;
    const outposts = aq.outpostPodMatchers(a);
    const sidecar = aq.outpostSidecar(a);
    const heartbeat = (h: Heartbeat): [string, string] => [heartbeatSeries(h), h.alert];
    const authentikPairs: [string, string][] = [
      [aq.nodeShare(), 'MemoryBackedVolumeFillingUp'],
      [aq.pathShare(), 'MemoryBackedVolumeFillingUp'],
      [aq.nodeFullSoon(a), 'MemoryBackedVolumeFullSoon'],
      [aq.pathFullSoon(a), 'MemoryBackedVolumeFullSoon'],
      [aq.tmpfsPollErrors(a), 'TmpfsExporterCannotRead'],
      [aq.nodeShare(outposts), 'AuthentikOutpostShmFillingUp'],
      [aq.pathShare(sidecar), 'AuthentikOutpostShmFillingUp'],
      [aq.nodeFullSoon(a, outposts), 'AuthentikOutpostShmFullSoon'],
      [aq.pathFullSoon(a, sidecar), 'AuthentikOutpostShmFullSoon'],
      [aq.readyOutpostPods(a), 'AuthentikOutpostShmUnwatched'],
      [aq.watchedOutpostShm(a), 'AuthentikOutpostShmUnwatched'],
      [aq.sessionOutpostShmEntries(a), 'AuthentikOutpostSessionFilesInShm'],
      [aq.outpostMemoryRatio(a), 'AuthentikOutpostMemoryNearLimit'],
      [aq.outpostRestarts(a), 'AuthentikOutpostRestartingOften'],
      [aq.routersMostly(a, '400'), 'AuthentikForwardAuth400s'],
      [aq.routersMostly(a, '401'), 'AuthentikForwardAuthEmergencyAccess'],
      [aq.routerCodeShare(a, '400'), 'AuthentikForwardAuth400s'],
      [aq.routerCodeShare(a, '401'), 'AuthentikForwardAuthEmergencyAccess'],
      [aq.busyRouters(a), 'AuthentikForwardAuth400s'],
      [`kube_deployment_spec_replicas{${aq.serverDeployment(a)}}`, 'AuthentikServerReplicasBelowDesired'],
      [`kube_deployment_status_replicas_available{${aq.serverDeployment(a)}}`, 'AuthentikServerDown'],
      [aq.uiErrorRatio(a), 'AuthentikUIErrorRatioHigh'],
      [aq.uiRequestRate(a), 'AuthentikUIErrorRatioHigh'],
      [aq.wallOffProbes(a), 'PublicPathRedirectsToAuthentik'],
      heartbeat(authentikAlerts.heartbeats!({ global: globalDefaults, config: a })[producers.tmpfsExporter.id]!),
      heartbeat(producers.traefik.heartbeat),
      heartbeat(producers.blackboxWalloff.heartbeat),
    ];
    for (const [fragment, alert] of [...dnsPairs, ...authentikPairs]) expect(words(alerts.get(alert)!.expr), `${alert} reads ${fragment}`).toContain(words(fragment));
    // And the Authentik dashboard draws each of them.
    const panelExprs = panelQueries(dashboards.find((d) => d.uid === 'homelab-authentik')!).map((q) => words(q.expr));
    for (const [fragment, alert] of authentikPairs) expect(panelExprs.some((e) => e.includes(words(fragment))), `a panel of homelab-authentik reads ${fragment} (${alert})`).toBe(true);
  });
});

describe('what the build writes for the dashboards', () => {
  const root = tempDir('build-');
  build(root, input);
  const gen = join(root, 'generated');

  it('writes each dashboard as generated/grafana/dashboards/<uid>.json', () => {
    expect(readdirSync(join(gen, 'grafana', 'dashboards')).sort()).toEqual(dashboards.map((d) => `${d.uid}.json`).sort());
    for (const d of dashboards) expect(JSON.parse(readFileSync(join(gen, 'grafana', 'dashboards', `${d.uid}.json`), 'utf8'))).toEqual(d.json);
  });

  it('writes one sidecar ConfigMap per dashboard: its label, its folder, its JSON under <uid>.json', () => {
    for (const d of dashboards) {
      const docs = parseAllDocuments(readFileSync(join(gen, 'kubernetes', 'monitoring', `grafana-dashboard-${d.uid}.yaml`), 'utf8')).map((x) => x.toJS());
      expect(docs).toHaveLength(1);
      const cm = docs[0] as { kind: string; metadata: { namespace: string; labels: Record<string, string>; annotations: Record<string, string> }; data: Record<string, string> };
      expect(cm.kind).toBe('ConfigMap');
      expect(cm.metadata.namespace).toBe(globalDefaults.namespace);
      expect(cm.metadata.labels).toEqual({ grafana_dashboard: '1' });
      expect(cm.metadata.annotations).toEqual({ grafana_folder: globalDefaults.grafanaFolder });
      expect(Object.keys(cm.data)).toEqual([`${d.uid}.json`]);
      expect(cm.data[`${d.uid}.json`]).toBe(readFileSync(join(gen, 'grafana', 'dashboards', `${d.uid}.json`), 'utf8'));
    }
    const k = parseYaml(readFileSync(join(gen, 'kubernetes', 'monitoring', 'kustomization.yaml'), 'utf8')) as { resources: string[] };
    for (const d of dashboards) expect(k.resources).toContain(`grafana-dashboard-${d.uid}.yaml`);
  });

  it('spares, in the generated relabel configs, every metric a panel reads', () => {
    const keep = parseYaml(readFileSync(join(gen, 'prometheus', 'scrape-metric-relabel-configs.yml'), 'utf8')) as Record<string, { reads: string[] }>;
    let checked = 0;
    for (const d of dashboards) {
      for (const q of panelQueries(d)) {
        for (const sel of selectors(q.expr)) {
          const def = catalogue.lookup(sel.metric!)!;
          if (def.producer.scrapeJob === 'rule-evaluation' || sel.metric === 'up') continue; // made by Prometheus itself
          expect(keep[def.producer.scrapeJob]?.reads, `${d.uid} panel ${q.panelId} reads ${sel.metric}`).toContain(sel.metric);
          checked++;
        }
      }
    }
    // Read by panels only, never by an alert: the relabel configs spare them because of the dashboards.
    expect(keep['kubernetes-service-endpoints']?.reads).toContain('coredns_dns_request_duration_seconds_bucket');
    expect(keep['kubernetes-service-endpoints']?.reads).toContain('technitium_dns_query_outcomes_total');
    expect(checked).toBeGreaterThan(30);
  });
});

describe('a dashboard problem stops the build', () => {
  const badDashboard = (ctx: { global: typeof globalDefaults }) => {
    const d = new DashboardDraft(ctx.global, { uid: 'homelab-dns-extra', title: 'DNS extra', description: 'x' });
    d.timeseries({ title: 'Typo', description: 'x', unit: 'reqps', width: 24, queries: [query('sum(rate(technitium_dns_query_total[10m]))', 'all')] });
    return d.build();
  };
  const withBad = (): BuildInput => ({ ...input, packageDashboards: [...(input.packageDashboards ?? []), badDashboard] });

  it('names the dashboard, the panel, the field and the fix', () => {
    let error: unknown;
    try {
      render(withBad());
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(BuildError);
    const e = error as BuildError;
    expect(e.dashboardFindings.map((f) => [f.check, f.dashboard, f.panel?.title, f.field])).toEqual([['selector/unknown-metric', 'homelab-dns-extra', 'Typo', 'panels[0].targets[0].expr']]);
    expect(e.message).toMatch(/test\/dashboards\.test\.ts:\d+: dashboard "homelab-dns-extra", panel 1 "Typo", field "panels\[0\]\.targets\[0\]\.expr": .*technitium_dns_query_total.* \[selector\/unknown-metric\]\.\n {4}fix: /);
  });

  it('and writes nothing', () => {
    const root = tempDir('build-');
    build(root, input);
    const snapshot = () => (readdirSync(root, { recursive: true }) as string[]).sort().map((f) => [f, (() => { try { return readFileSync(join(root, f), 'utf8'); } catch { return '<dir>'; } })()]);
    const before = snapshot();
    expect(() => build(root, withBad())).toThrow(BuildError);
    expect(snapshot()).toEqual(before);
  });
});

describe("Grafana's schemas and the SDK", () => {
  it('the compiled validators are current (npm run schemas:grafana)', () => {
    const { js, dts } = validatorsSource();
    expect(readFileSync(join(repo, 'core', 'grafana', 'schemas', 'validators.gen.js'), 'utf8')).toBe(js);
    expect(readFileSync(join(repo, 'core', 'grafana', 'schemas', 'validators.gen.d.ts'), 'utf8')).toBe(dts);
  });

  it('the SDK packages as loaded hold every type and default of the full ones, and the listed builders', () => {
    // The full packages, in a process of their own (here the partial ones are already in the module cache).
    const kinds = Object.keys(sdk.loadedBuilders) as (keyof typeof sdk.loadedBuilders)[];
    const script = `const out = {}; for (const k of ${JSON.stringify(kinds)}) out[k] = Object.keys(require('@grafana/grafana-foundation-sdk/' + k)); console.log(JSON.stringify(out));`;
    const r = spawnSync(process.execPath, ['-e', script], { cwd: repo, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const full = JSON.parse(r.stdout) as Record<string, string[]>;
    for (const kind of kinds) {
      const listed: readonly string[] = sdk.loadedBuilders[kind];
      const expected = full[kind]!.filter((n) => !n.endsWith('Builder') || listed.includes(n)).sort();
      expect(Object.keys(sdk[kind]).sort(), kind).toEqual(expected);
      for (const b of listed) expect(full[kind], `${kind}.${b} exists`).toContain(b);
    }
  });

});
