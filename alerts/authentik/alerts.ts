// Authentik alerts: memory-backed volumes of any pod (the tmpfs-exporter), Authentik's outposts (/dev/shm, the
// session store, memory, restarts), forward-auth as Traefik sees it, the server, and public paths walled off.
// The 2026-04-18 outage (an outpost's /dev/shm full of session files, every forward-auth answered 400, nothing
// alerted for 40 h) is why the first two groups exist; docs/design/legacy-findings.md items 5 and 8 say why the
// legacy rules could not see it.
import type { DomainContext } from '../../core/domain.ts';
import { alert, group, promql, type RuleGroup } from '../../core/rules.ts';
import type { AuthentikConfig } from './config.ts';
import {
  indent,
  nodeFullSoon,
  nodeShareAbove,
  outpostPodMatchers,
  outpostSidecar,
  pathFullSoon,
  pathShareAbove,
  podInfo,
  postgresSessionOutposts,
  routersAnswering,
  serverDeployment,
  watchedOutpostShm,
} from './queries.ts';

/** A ratio as on-call reads it: 0.05 -> "5%". */
export const percent = (ratio: number) => `${Math.round(ratio * 1000) / 10}%`;

/** How a volume is named in a message: its emptyDir name (node mode) or its mountpoint (path mode). */
const volumeName = '{{ $labels.volume }}';

export function authentikRuleGroups({ global, config: c }: DomainContext<AuthentikConfig>): RuleGroup[] {
  const v = c.volumes;
  const o = c.outposts;
  const f = c.forwardAuth;
  const s = c.server;
  const ns = c.authentik.namespace;
  const outposts = outpostPodMatchers(c);
  const sessionOutposts = postgresSessionOutposts(c);
  const container = c.authentik.outpostContainer;

  const volumes = group('memory-backed-volumes', [
    alert(global, {
      name: 'MemoryBackedVolumeFillingUp',
      expr: promql`
        ${nodeShareAbove(v.fillingUpRatio)}
        or
        ${pathShareAbove(v.fillingUpRatio)}
      `,
      for: v.fillingUpFor,
      severity: 'warning',
      summary: `tmpfs ${volumeName} of {{ $labels.namespace }}/{{ $labels.pod }}: {{ $value | humanizePercentage }} full`,
      description:
        `The memory-backed (tmpfs) volume ${volumeName} of pod {{ $labels.pod }} in namespace {{ $labels.namespace }} ` +
        `is {{ $value | humanizePercentage }} full (threshold ${percent(v.fillingUpRatio)}). When it is full, every write ` +
        'there fails with ENOSPC: whatever the pod keeps in it (sessions, caches, browser shared memory) stops working, ' +
        "and what it holds counts against the pod's memory limit.",
    }),
    alert(global, {
      name: 'MemoryBackedVolumeFullSoon',
      expr: promql`
        ${nodeFullSoon(c)}
        or
        ${pathFullSoon(c)}
      `,
      for: v.fullSoonFor,
      severity: 'warning',
      summary: `tmpfs ${volumeName} of {{ $labels.namespace }}/{{ $labels.pod }}: full in {{ $value | humanizeDuration }}`,
      description:
        `At its trend over the last ${v.trendWindow}, the memory-backed (tmpfs) volume ${volumeName} of pod {{ $labels.pod }} ` +
        `in namespace {{ $labels.namespace }} is full in about {{ $value | humanizeDuration }} (within ${v.fullSoonHorizon}). ` +
        'Then every write there fails with ENOSPC. Volumes less than ' +
        `${percent(v.fullSoonMinRatio)} used are left out: a burst into a nearly empty volume extrapolates to anything.`,
    }),
    alert(global, {
      name: 'TmpfsExporterCannotRead',
      expr: promql`
        sum by (namespace, service, pod, node, instance, reason) (rate(tmpfs_exporter_poll_errors_total[${v.exporterErrorsWindow}])) > 0
      `,
      for: v.exporterErrorsFor,
      severity: 'warning',
      summary: 'tmpfs-exporter {{ $labels.instance }}: cannot read volumes ({{ $labels.reason }})',
      description:
        'The tmpfs-exporter at {{ $labels.instance }} (node {{ $labels.node }}{{ if $labels.pod }}, pod {{ $labels.pod }}{{ end }}) keeps failing to read ' +
        'memory-backed volumes ({{ $labels.reason }}: pods_dir is the kubelet pods directory or a pod folder, statfs a ' +
        'volume, readdir its entries). Volumes it cannot read have no series, so the MemoryBackedVolume and outpost ' +
        '/dev/shm alerts cannot fire for them.',
    }),
  ]);

  const outpostGroup = group('authentik-outposts', [
    alert(global, {
      name: 'AuthentikOutpostShmFillingUp',
      expr: promql`
        max by (namespace, pod) (
          ${indent(nodeShareAbove(o.shmFillingUpRatio, outposts), 2)}
          or
          ${indent(pathShareAbove(o.shmFillingUpRatio, outpostSidecar(c)), 2)}
        )
      `,
      for: o.shmFillingUpFor,
      severity: 'critical',
      summary: 'Authentik outpost {{ $labels.pod }}: /dev/shm {{ $value | humanizePercentage }} full',
      description:
        'The /dev/shm of Authentik outpost pod {{ $labels.pod }} is {{ $value | humanizePercentage }} full ' +
        `(threshold ${percent(o.shmFillingUpRatio)}). The outpost keeps its sessions there as files; when it is full, ` +
        'every forward-auth request gets HTTP 400 and every protected service refuses every login (2026-04-18).',
    }),
    alert(global, {
      name: 'AuthentikOutpostShmFullSoon',
      expr: promql`
        max by (namespace, pod) (
          ${indent(nodeFullSoon(c, outposts), 2)}
          or
          ${indent(pathFullSoon(c, outpostSidecar(c)), 2)}
        )
      `,
      for: o.shmFullSoonFor,
      severity: 'critical',
      summary: 'Authentik outpost {{ $labels.pod }}: /dev/shm full in {{ $value | humanizeDuration }}',
      description:
        `At its trend over the last ${v.trendWindow}, the /dev/shm of Authentik outpost pod {{ $labels.pod }} is full in about ` +
        `{{ $value | humanizeDuration }} (within ${v.fullSoonHorizon}). Then every forward-auth request gets HTTP 400 and ` +
        'every protected service refuses every login.',
    }),
    // The sidecar is added by hand, through each outpost record's json patches (generated/authentik/): a Ready
    // outpost without it would leave the two critical alerts above silent, so its absence is an alert of its own.
    alert(global, {
      name: 'AuthentikOutpostShmUnwatched',
      expr: promql`
        max by (namespace, pod) (kube_pod_status_ready{${outposts}, condition="true"} == 1)
        unless on(namespace, pod)
        ${watchedOutpostShm(c)}
      `,
      for: o.shmUnwatchedFor,
      severity: 'warning',
      summary: 'Authentik outpost {{ $labels.pod }}: no tmpfs-exporter reports its /dev/shm',
      description:
        'Authentik outpost pod {{ $labels.pod }} is Ready, but no tmpfs-exporter reports its /dev/shm: neither the ' +
        `${c.programs.name} sidecar (its outpost record's kubernetes_json_patches, generated/authentik/) nor the ` +
        `${c.programs.name} DaemonSet (only for a memory-backed emptyDir at /dev/shm). AuthentikOutpostShmFillingUp and ` +
        'AuthentikOutpostShmFullSoon cannot fire for this pod: a full /dev/shm would stop every login unannounced, as on 2026-04-18.',
    }),
    alert(global, {
      name: 'AuthentikOutpostSessionFilesInShm',
      expr: promql`
        max by (namespace, pod) (
          (
            max by (pod_uid) (tmpfs_volume_directory_entries{pod_uid=~".+"})
            * on(pod_uid) group_left(namespace, pod)
            ${podInfo(outpostPodMatchers(c, sessionOutposts))}
          )
          or
          tmpfs_volume_directory_entries{${outpostSidecar(c, sessionOutposts).join(', ')}}
        )
        > ${o.sessionFilesThreshold}
      `,
      for: o.sessionFilesFor,
      severity: 'warning',
      summary: 'Authentik outpost {{ $labels.pod }}: {{ $value }} files in /dev/shm, sessions not in PostgreSQL',
      description:
        'The /dev/shm of Authentik outpost pod {{ $labels.pod }} holds {{ $value }} entries (threshold ' +
        `${o.sessionFilesThreshold}). This outpost should keep its sessions in PostgreSQL; files there mean it fell back ` +
        'to its file store (its outpost record lost managed = "goauthentik.io/outposts/embedded", by an upgrade or an ' +
        'edit in the UI). Sessions are then per pod (users bounce between replicas) and the files grow until /dev/shm ' +
        'is full and every login is refused, as on 2026-04-18.',
    }),
    alert(global, {
      name: 'AuthentikOutpostMemoryNearLimit',
      expr: promql`
        max by (namespace, pod, container) (container_memory_working_set_bytes{${outposts}, container="${container}"})
          / on(namespace, pod, container)
        max by (namespace, pod, container) (kube_pod_container_resource_limits{${outposts}, container="${container}", resource="memory"})
          > ${o.memoryNearLimitRatio}
      `,
      for: o.memoryNearLimitFor,
      severity: 'warning',
      summary: 'Authentik outpost {{ $labels.pod }}: memory at {{ $value | humanizePercentage }} of its limit',
      description:
        'Container {{ $labels.container }} of Authentik outpost pod {{ $labels.pod }} uses {{ $value | humanizePercentage }} ' +
        `of its memory limit (threshold ${percent(o.memoryNearLimitRatio)}). Files in a memory-backed /dev/shm count ` +
        'against it. At the limit the kernel OOM-kills the outpost: forward-auth fails until it restarts, and sessions ' +
        'kept in /dev/shm are lost.',
    }),
    alert(global, {
      name: 'AuthentikOutpostRestartingOften',
      expr: promql`
        max by (namespace, pod, container) (increase(kube_pod_container_status_restarts_total{${outposts}, container="${container}"}[${o.restartsWindow}]))
          > ${o.restarts}
      `,
      for: o.restartsFor,
      severity: 'warning',
      summary: 'Authentik outpost {{ $labels.pod }}: {{ $value | printf "%.0f" }} restarts in ' + o.restartsWindow,
      description:
        `Container {{ $labels.container }} of Authentik outpost pod {{ $labels.pod }} restarted {{ $value | printf "%.0f" }} times in ${o.restartsWindow} ` +
        `(threshold ${o.restarts}). Each restart drops its forward-auth answers for a while; a crash loop or OOM kills ` +
        '(a full /dev/shm counts against memory) keep protected services flapping.',
    }),
  ]);

  const forwardAuth = group('authentik-forward-auth', [
    alert(global, {
      name: 'AuthentikForwardAuth400s',
      expr: routersAnswering(c, '400'),
      for: f.badRequestFor,
      severity: 'critical',
      summary: 'Authentik forward-auth: {{ $value }} Traefik routers answer mostly HTTP 400',
      description:
        `{{ $value }} Traefik routers answered more than ${percent(f.routerShare)} of their requests with HTTP 400 over ` +
        `the last ${f.rateWindow}. Many routers failing the same way at once is their shared forward-auth middleware: the ` +
        'Authentik outpost answers 400 (a full /dev/shm did this on 2026-04-18) and every protected service refuses every login.',
    }),
    alert(global, {
      name: 'AuthentikForwardAuthEmergencyAccess',
      expr: routersAnswering(c, '401'),
      for: f.fallbackFor,
      severity: 'critical',
      summary: 'Authentik forward-auth: Emergency Access fallback, {{ $value }} routers answer mostly 401',
      description:
        `{{ $value }} Traefik routers answered more than ${percent(f.routerShare)} of their requests with HTTP 401 over ` +
        `the last ${f.rateWindow}. The auth-proxy in front of the outpost answers 401 (Basic auth "Emergency Access") when ` +
        'the outpost gives 502/503/504: the outpost has no ready endpoint or does not answer, and users of every protected ' +
        'service get a password prompt instead of Authentik.',
    }),
  ]);

  const server = serverDeployment(c);
  const serverGroup = group('authentik-server', [
    alert(global, {
      name: 'AuthentikServerReplicasBelowDesired',
      expr: promql`
        kube_deployment_spec_replicas{${server}}
          - kube_deployment_status_replicas_available{${server}}
          > 0
      `,
      for: s.replicasFor,
      severity: 'warning',
      summary: `Authentik server ${ns}/${c.authentik.serverDeployment}: {{ $value }} replica(s) unavailable`,
      description:
        `The Authentik server Deployment ${c.authentik.serverDeployment} in ${ns} has {{ $value }} fewer available replicas ` +
        `than desired for ${s.replicasFor}. Logins still work on the others; one more loss can take Authentik down. Usually ` +
        'a node is unschedulable, an image pull fails or a quota is hit.',
    }),
    alert(global, {
      name: 'AuthentikServerDown',
      expr: promql`
        kube_deployment_status_replicas_available{${server}} == 0
        or
        (absent(kube_deployment_status_replicas_available{${server}}) and on() count(kube_deployment_status_replicas_available))
      `,
      for: s.downFor,
      severity: 'critical',
      summary: `Authentik server ${ns}/${c.authentik.serverDeployment}: no available replica`,
      description:
        `The Authentik server Deployment ${c.authentik.serverDeployment} in ${ns} has no available replica, or does not ` +
        'exist while kube-state-metrics reports other Deployments. No login flow, no token, no admin UI; outposts cannot ' +
        'start new sessions, so every protected service refuses users without one.',
    }),
    alert(global, {
      name: 'AuthentikUIErrorRatioHigh',
      expr: promql`
        sum(rate(traefik_router_requests_total{router="${s.rootRouter}", code=~"50[234]"}[${s.rootRateWindow}]))
          / sum(rate(traefik_router_requests_total{router="${s.rootRouter}"}[${s.rootRateWindow}]))
          > ${s.root5xxRatio}
        and
        sum(rate(traefik_router_requests_total{router="${s.rootRouter}"}[${s.rootRateWindow}])) > ${s.rootMinRequestsPerSecond}
      `,
      for: s.root5xxFor,
      severity: 'warning',
      summary: 'Authentik UI: {{ $value | humanizePercentage }} of requests to its / router get 502/503/504',
      description:
        `{{ $value | humanizePercentage }} of the requests to Traefik router ${s.rootRouter} got 502/503/504 over the last ` +
        `${s.rootRateWindow} (threshold ${percent(s.root5xxRatio)}, at more than ${s.rootMinRequestsPerSecond} requests/s). ` +
        'Traefik has no ready Authentik server behind it: users see a blank login page or a 30 s hang.',
    }),
    alert(global, {
      name: 'PublicPathRedirectsToAuthentik',
      expr: promql`
        probe_failed_due_to_regex{job="${c.wallOff.job}"} == 1
      `,
      for: c.wallOff.for,
      severity: 'warning',
      labels: { lane: 'security' },
      summary: 'Public path walled off by Authentik: {{ $labels.service }} ({{ $labels.instance }})',
      description:
        'The must-stay-public URL {{ $labels.instance }} (carve-out {{ $labels.service }}) now answers with a redirect ' +
        'to Authentik (blackbox probe: Location matches Authentik). Its auth = "none" carve-out regressed: native ' +
        'clients, webhooks and strangers can no longer reach it. Confirm with: curl -sI {{ $labels.instance }}',
    }),
  ]);

  return [volumes, outpostGroup, forwardAuth, serverGroup];
}

