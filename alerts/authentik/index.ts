// The Authentik domain: memory-backed volumes of any pod (our tmpfs-exporter), Authentik's outposts, forward-auth
// as Traefik sees it, the server and the walled-off public paths. Listed in domains.ts.
import { defineDomain, type InhibitRule } from '../../core/domain.ts';
import { producers } from '../../metrics/catalogue.ts';
import { sidecarPatch, tmpfsManifests } from '../../exporters/tmpfs-exporter/manifests.ts';
import { authentikRuleGroups } from './alerts.ts';
import { authentikDefaults, type AuthentikConfig } from './config.ts';

/**
 * Per outpost, the operations to append to its record's `kubernetes_json_patches.deployment` list (Authentik's
 * outpost controller owns the Deployment, so the tmpfs-exporter sidecar can only be added there).
 */
export function outpostPatchFiles(c: AuthentikConfig) {
  return c.authentik.outposts.map((o) => ({
    path: `authentik/outpost-${o.name}.kubernetes_json_patches.deployment.json`,
    content: `${JSON.stringify(sidecarPatch(c.programs, o.shmVolume), null, 2)}\n`,
  }));
}

/** One notice per problem: the outpost's own (critical) alert mutes the generic one for the same pod, the filling alert the trend alert for the same volume, and Authentik down what follows from it. */
function inhibitRules(): InhibitRule[] {
  const mute = (source: string, target: string, equal: string[]): InhibitRule => ({ source_matchers: [`alertname = ${source}`], target_matchers: [`alertname = ${target}`], equal });
  return [
    mute('AuthentikOutpostShmFillingUp', 'MemoryBackedVolumeFillingUp', ['namespace', 'pod']),
    mute('AuthentikOutpostShmFullSoon', 'MemoryBackedVolumeFullSoon', ['namespace', 'pod']),
    mute('MemoryBackedVolumeFillingUp', 'MemoryBackedVolumeFullSoon', ['namespace', 'pod', 'volume']),
    mute('AuthentikOutpostShmFillingUp', 'AuthentikOutpostShmFullSoon', ['namespace', 'pod']),
    mute('AuthentikServerDown', 'AuthentikUIErrorRatioHigh', []),
    mute('AuthentikServerDown', 'AuthentikServerReplicasBelowDesired', []),
  ];
}

export const authentik = defineDomain({
  id: 'authentik',
  title: 'Authentik and memory-backed volumes',
  defaults: authentikDefaults,
  ruleGroups: authentikRuleGroups,
  inhibitRules,
  manifests: ({ global, config }) => tmpfsManifests(global.namespace, config.programs),
  configFiles: ({ config }) => outpostPatchFiles(config),
  // The DaemonSet's heartbeat, under the name it is deployed with: build_info is set at start, so it is present
  // whenever a node-mode exporter is scraped and kept. (The outposts' sidecars have their own alert, which
  // compares the outpost pods with the sidecars reporting.)
  heartbeats: ({ global, config }) => ({
    [producers.tmpfsExporter.id]: {
      kind: 'series',
      alert: 'TmpfsExporterDown',
      metric: 'tmpfs_exporter_build_info',
      matchers: { job: producers.tmpfsExporter.scrapeJob, namespace: global.namespace, service: config.programs.name },
    },
  }),
});
