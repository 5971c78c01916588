import { describe, expect, it } from 'vitest';
import { globalDefaults } from '../../core/config.ts';
import { technitiumPrograms as p } from './config.ts';
import { technitiumManifests } from './manifests.ts';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function all(namespace = globalDefaults.namespace): Obj[] {
  return technitiumManifests(namespace, p).flatMap((f) => f.objects as Obj[]);
}
const byKind = (kind: string) => all().find((o) => o.kind === kind)!;

function walk(v: unknown, visit: (path: string, value: unknown) => void, path = ''): void {
  visit(path, v);
  if (Array.isArray(v)) v.forEach((x, i) => walk(x, visit, `${path}[${i}]`));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, visit, `${path}.${k}`);
}

describe('exporter manifests', () => {
  it('are deterministic and name their files', () => {
    expect(JSON.stringify(technitiumManifests(globalDefaults.namespace, p))).toBe(JSON.stringify(technitiumManifests(globalDefaults.namespace, p)));
    expect(technitiumManifests(globalDefaults.namespace, p).map((f) => f.file)).toEqual(['technitium-exporter.yaml', 'technitium-zone-sync-cronjob.yaml']);
    expect(Object.keys(byKind('Deployment'))).toEqual(['apiVersion', 'kind', 'metadata', 'spec']);
  });

  it('expose the exporter through a scrape-annotated Service named technitium-exporter in cfg.namespace', () => {
    const svc = byKind('Service');
    expect(svc.metadata.name).toBe('technitium-exporter');
    expect(svc.metadata.namespace).toBe(globalDefaults.namespace);
    expect(svc.metadata.annotations['prometheus.io/scrape']).toBe('true');
    expect(svc.metadata.annotations['prometheus.io/port']).toBe(String(p.exporter.port));
    const dep = byKind('Deployment');
    const c = dep.spec.template.spec.containers[0];
    expect(c.ports[0].containerPort).toBe(p.exporter.port);
    expect(c.args).toContain(`--listen-address=0.0.0.0:${p.exporter.port}`);
    expect(svc.spec.selector).toEqual(dep.spec.selector.matchLabels);
    expect(dep.spec.template.metadata.labels).toMatchObject(dep.spec.selector.matchLabels);
    for (const i of p.technitium.instances) expect(c.args).toContain(`--instance=${i.server}=${i.role}=${i.url}`);
    const other = all('obs');
    expect(other.every((o) => o.metadata.namespace === 'obs')).toBe(true);
  });

  it('run the zone sync as a CronJob every 30 minutes that never overlaps', () => {
    const cj = byKind('CronJob');
    expect(cj.metadata.name).toBe(p.zoneSync.job);
    // The program pushes under the same name the alerts select on (one fact, one place).
    expect(cj.spec.jobTemplate.spec.template.spec.containers[0].args).toContain(`--job=${p.zoneSync.job}`);
    expect(cj.spec.schedule).toBe('*/30 * * * *');
    expect(cj.spec.concurrencyPolicy).toBe('Forbid');
    expect(cj.spec.jobTemplate.spec.template.spec.restartPolicy).toBe('Never');
    expect(cj.spec.jobTemplate.spec.template.spec.containers[0].args).toContain(`--pushgateway=${p.zoneSync.pushgatewayUrl}`);
  });

  it('push under job and instance, point the replicas at the technitium-primary Service, allow transfers by ACL only', () => {
    const args: string[] = byKind('CronJob').spec.jobTemplate.spec.template.spec.containers[0].args;
    expect(args).toContain(`--push-instance=${p.zoneSync.pushInstance}`);
    expect(args).toContain(`--primary-address=${p.technitium.primaryService}.${p.technitium.namespace}.svc.cluster.local`);
    expect(p.technitium.primaryService).toBe('technitium-primary');
    expect(args).toContain(`--zone-transfer=${p.zoneSync.zoneTransfer}`);
    expect(args).toContain(`--zone-transfer-acl=${p.zoneSync.zoneTransferAcl.join(',')}`);
    expect(p.zoneSync.zoneTransfer).not.toBe('Allow');
    // a value Technitium would ignore fails the build, naming the field
    const bad = { ...p, zoneSync: { ...p.zoneSync, zoneTransfer: 'AllowAll' } };
    expect(() => technitiumManifests('monitoring', bad)).toThrow(/programs\.zoneSync\.zoneTransfer .*"AllowAll".*Deny, Allow, AllowOnlyZoneNameServers, UseSpecifiedNetworkACL, AllowZoneNameServersAndUseSpecifiedNetworkACL/);
    const noAcl = { ...p, zoneSync: { ...p.zoneSync, zoneTransferAcl: [] } };
    expect(() => technitiumManifests('monitoring', noAcl)).toThrow(/needs --zone-transfer-acl/);
  });

  it('log in with a user from a Secret that an ExternalSecret brings from Vault secret/platform', () => {
    const programs = [
      { pod: byKind('Deployment').spec.template.spec, c: p.exporter.credentials, name: p.exporter.name },
      { pod: byKind('CronJob').spec.jobTemplate.spec.template.spec, c: p.zoneSync.credentials, name: p.zoneSync.job },
    ];
    const externalSecrets = all().filter((o) => o.kind === 'ExternalSecret');
    expect(externalSecrets.map((o) => o.metadata.name).sort()).toEqual(programs.map((x) => x.c.secret.name).sort());
    for (const { pod, c, name } of programs) {
      const container = pod.containers[0];
      expect(container.env).toContainEqual({ name: 'TECHNITIUM_USER', valueFrom: { secretKeyRef: { name: c.secret.name, key: c.secret.userKey } } });
      expect(container.env.map((e: Obj) => e.name)).not.toContain('TECHNITIUM_TOKEN');
      const volume = pod.volumes.find((v: Obj) => v.secret?.secretName === c.secret.name);
      expect(volume.secret.items).toEqual([{ key: c.secret.passwordKey, path: 'password' }]);
      const mount = container.volumeMounts.find((m: Obj) => m.name === volume.name);
      expect(container.args).toContain(`--password-file=${mount.mountPath}/password`);
      const es = externalSecrets.find((o) => o.metadata.name === c.secret.name)!;
      expect(es.apiVersion).toBe('external-secrets.io/v1');
      expect(es.metadata.labels['app.kubernetes.io/name']).toBe(name);
      expect(es.spec.secretStoreRef).toEqual({ name: 'vault-kv', kind: 'ClusterSecretStore' });
      expect(es.spec.target.name).toBe(c.secret.name);
      expect(es.spec.data).toEqual([
        { secretKey: c.secret.userKey, remoteRef: { key: 'platform', property: 'technitium_username' } },
        { secretKey: c.secret.passwordKey, remoteRef: { key: 'platform', property: 'technitium_password' } },
      ]);
    }
    // not configured: no ExternalSecret (the Secret is made out of band), the pods still read it
    const off = (c: typeof p.exporter.credentials) => ({ ...c, externalSecret: { ...c.externalSecret, enabled: false } });
    const manual = { ...p, exporter: { ...p.exporter, credentials: off(p.exporter.credentials) }, zoneSync: { ...p.zoneSync, credentials: off(p.zoneSync.credentials) } };
    const objects = technitiumManifests('monitoring', manual).flatMap((f) => f.objects as Obj[]);
    expect(objects.filter((o) => o.kind === 'ExternalSecret')).toEqual([]);
    expect(objects.filter((o) => o.kind === 'Deployment' || o.kind === 'CronJob')).toHaveLength(2);
  });

  it('take secrets by reference only, run as non-root with resources set', () => {
    const pods = [byKind('Deployment').spec.template.spec, byKind('CronJob').spec.jobTemplate.spec.template.spec];
    for (const pod of pods) {
      expect(pod.securityContext.runAsNonRoot).toBe(true);
      expect(pod.securityContext.runAsUser).toBeGreaterThan(0);
      for (const c of pod.containers) {
        expect(c.securityContext).toMatchObject({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } });
        expect(c.resources.requests.memory).toBeDefined();
        expect(c.resources.limits.memory).toBeDefined();
        expect(c.resources.limits.cpu).toBeDefined();
        for (const e of c.env ?? []) if (/TOKEN|PASSWORD/.test(e.name)) expect(e.value, e.name).toBeUndefined();
      }
    }
    expect(all().some((o) => o.kind === 'Secret')).toBe(false);
    walk(all(), (path, v) => {
      if (typeof v === 'string') expect(v, path).not.toMatch(/token=|pass=|[0-9a-f]{40,}/i);
    });
  });
});

describe('manifests and Dockerfile agree', () => {
  it('run the node binary and bundle files the image contains', async () => {
    const { readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const dockerfile = readFileSync(join(import.meta.dirname, '..', 'Dockerfile'), 'utf8');
    expect(dockerfile).toContain(`ENTRYPOINT ["${p.nodeBinary}"]`);
    expect(dockerfile).toContain(`USER ${p.runAsUser}:${p.runAsUser}`);
    const commands = [byKind('Deployment').spec.template.spec.containers[0].command, byKind('CronJob').spec.jobTemplate.spec.template.spec.containers[0].command];
    for (const [bin, file] of commands) {
      expect(bin).toBe(p.nodeBinary);
      expect(dockerfile).toContain(String(file).replace('/app/', '/out/'));
    }
  });
});
