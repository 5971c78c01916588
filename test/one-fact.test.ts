// One fact, one place: the names our programs run under are written once (exporters/technitium/config.ts and
// the global namespace), and both the manifests that create them and the alerts that select them follow a change.
import { describe, expect, it } from 'vitest';
import { globalDefaults } from '../core/config.ts';
import { render } from '../core/pipeline.ts';
import { dns } from '../alerts/dns/index.ts';
import { authentik } from '../alerts/authentik/index.ts';
import { packageInput } from '../domains.ts';

function renderWith(namespace: string, exporterName: string, job: string) {
  const programs = { ...dns.defaults.programs, exporter: { ...dns.defaults.programs.exporter, name: exporterName }, zoneSync: { ...dns.defaults.programs.zoneSync, job } };
  return render({ ...packageInput(), global: { ...globalDefaults, namespace }, domains: [{ domain: dns, config: { ...dns.defaults, programs } }] }).generated;
}

describe('one fact, one place', () => {
  const out = renderWith('obs', 'dns-exporter', 'dns-zone-sync');
  const rules = out.get('prometheus/alerting_rules.yml')!;

  it("the exporter's heartbeat selector follows the namespace and Service name its manifest uses", () => {
    const svc = out.get('kubernetes/monitoring/dns-exporter.yaml')!;
    expect(svc).toMatch(/kind: Service\nmetadata:\n  name: dns-exporter\n  namespace: obs\n/);
    expect(rules).toContain('absent(technitium_dns_queries_total{job="kubernetes-service-endpoints", namespace="obs", service="dns-exporter"})');
    expect(rules).not.toContain('technitium-exporter"');
  });

  it('the zone-sync job name follows into the CronJob, its push and every alert selector', () => {
    const cronjob = out.get('kubernetes/monitoring/dns-zone-sync-cronjob.yaml')!;
    expect(cronjob).toContain('name: dns-zone-sync\n');
    expect(cronjob).toContain('- --job=dns-zone-sync\n');
    const group = `job="dns-zone-sync", instance="${dns.defaults.programs.zoneSync.pushInstance}"`;
    expect(rules).toContain(`technitium_zone_sync_status{${group}} == 1`);
    expect(rules).toContain(`absent(technitium_zone_sync_last_success_timestamp_seconds{${group}})`);
    expect(rules).not.toContain('job="technitium-zone-sync"');
  });
});

describe('one fact, one place: Authentik', () => {
  it("an outpost's name follows into the alerts' pod selectors and the name of its sidecar patch; the sidecar's path into both", () => {
    const c = authentik.defaults;
    const config = {
      ...c,
      authentik: { ...c.authentik, outposts: [{ ...c.authentik.outposts[0]!, name: 'sso-outpost' }, c.authentik.outposts[1]!] },
      programs: { ...c.programs, sidecar: { ...c.programs.sidecar, path: '/run/shm' } },
    };
    const out = render({ ...packageInput(), domains: [{ domain: authentik, config }] }).generated;
    const rules = out.get('prometheus/alerting_rules.yml')!;
    expect(rules).toContain('pod=~"ak-outpost-(sso-outpost|public)-[a-z0-9]+-[a-z0-9]+"');
    expect(rules).toContain('pod=~"ak-outpost-(sso-outpost)-[a-z0-9]+-[a-z0-9]+"'); // the one with PostgreSQL sessions
    expect(rules).not.toContain('authentik-embedded-outpost');
    expect(rules).toContain('mountpoint="/run/shm"');
    expect([...out.keys()].filter((k) => k.startsWith('authentik/')).sort()).toEqual([
      'authentik/outpost-public.kubernetes_json_patches.deployment.json',
      'authentik/outpost-sso-outpost.kubernetes_json_patches.deployment.json',
    ]);
    expect(out.get('authentik/outpost-sso-outpost.kubernetes_json_patches.deployment.json')).toContain('"--path=/run/shm"');
  });
});
