// The tmpfs-exporter's manifests: the DaemonSet sees every pod's volumes (the kubelet pods directory, read-only,
// with later mounts propagated) and is scraped by kubernetes-service-endpoints; the sidecar patch, applied the way
// Authentik's outpost controller applies kubernetes_json_patches (RFC 6902) to the Deployment it builds, adds a
// container that watches the pod's /dev/shm and the annotations the kubernetes-pods job scrapes it by.
import { describe, expect, it } from 'vitest';
import { globalDefaults } from '../../core/config.ts';
import { technitiumPrograms } from '../technitium/config.ts';
import { tmpfsPrograms as p } from './config.ts';
import { sidecarPatch, tmpfsManifests, type JsonPatchOp } from './manifests.ts';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const objects = (namespace = globalDefaults.namespace) => tmpfsManifests(namespace, p).flatMap((f) => f.objects as Obj[]);
const byKind = (kind: string) => objects().find((o) => o.kind === kind)!;

/** RFC 6902 `add` as the jsonpatch library Authentik uses applies it: `-` appends, an object member is set. */
function applyAdd(doc: Obj, ops: readonly JsonPatchOp[]): Obj {
  const out = structuredClone(doc);
  for (const op of ops) {
    const parts = op.path.split('/').slice(1).map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'));
    const last = parts.pop()!;
    let at: any = out; // eslint-disable-line @typescript-eslint/no-explicit-any
    for (const k of parts) {
      if (!(k in at)) throw new Error(`${op.path}: ${k} does not exist`);
      at = at[k];
    }
    if (Array.isArray(at)) at.splice(last === '-' ? at.length : Number(last), 0, structuredClone(op.value));
    else at[last] = structuredClone(op.value);
  }
  return out;
}

/**
 * The outpost Deployment as Authentik's controller builds it (authentik/outposts/controllers/k8s/deployment.py:
 * pod template metadata with labels only, one container named after the outpost type), after the cluster's own
 * patches for the embedded outpost (stacks/authentik/authentik_provider.tf: the 2Gi dshm volume at /dev/shm).
 */
function outpostDeployment(withDshm: boolean): Obj {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'ak-outpost-authentik-embedded-outpost', namespace: 'authentik' },
    spec: {
      replicas: 2,
      template: {
        metadata: { labels: { 'app.kubernetes.io/name': 'authentik-outpost-proxy', 'goauthentik.io/outpost-type': 'proxy' } },
        spec: {
          containers: [{ name: 'proxy', image: 'ghcr.io/goauthentik/proxy:2026.2.2', ...(withDshm ? { volumeMounts: [{ name: 'dshm', mountPath: '/dev/shm' }] } : {}) }],
          ...(withDshm ? { volumes: [{ name: 'dshm', emptyDir: { medium: 'Memory', sizeLimit: '2Gi' } }] } : {}),
        },
      },
    },
  };
}

describe('tmpfs-exporter manifests', () => {
  it('are deterministic, one file with the DaemonSet and its Service, in the given namespace', () => {
    expect(JSON.stringify(tmpfsManifests('monitoring', p))).toBe(JSON.stringify(tmpfsManifests('monitoring', p)));
    expect(tmpfsManifests('monitoring', p).map((f) => f.file)).toEqual([`${p.name}.yaml`]);
    expect(objects().map((o) => o.kind)).toEqual(['DaemonSet', 'Service']);
    expect(objects('obs').every((o) => o.metadata.namespace === 'obs')).toBe(true);
  });

  it('the DaemonSet reads the kubelet pods directory read-only, seeing tmpfs mounted after it started', () => {
    const pod = byKind('DaemonSet').spec.template.spec;
    const c = pod.containers[0];
    expect(pod.volumes).toEqual([{ name: 'kubelet-pods', hostPath: { path: p.node.kubeletPodsDir, type: 'Directory' } }]);
    expect(c.volumeMounts).toEqual([{ name: 'kubelet-pods', mountPath: p.node.mountPath, readOnly: true, mountPropagation: 'HostToContainer' }]);
    expect(c.args).toContain(`--pods-dir=${p.node.mountPath}`);
    expect(c.args).toContain(`--listen-address=0.0.0.0:${p.port}`);
    // Root with only DAC_READ_SEARCH: pods/<uid>/volumes is 0750 root; nothing is written, nothing escalates.
    expect(c.securityContext).toMatchObject({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'], add: ['DAC_READ_SEARCH'] } });
    expect(pod.securityContext.runAsUser).toBe(0);
    expect(pod.tolerations).toEqual([{ operator: 'Exists' }]);
    expect(pod.automountServiceAccountToken).toBe(false);
  });

  it('the Service is discovered by the kubernetes-service-endpoints job and selects the DaemonSet', () => {
    const svc = byKind('Service');
    const ds = byKind('DaemonSet');
    expect(svc.metadata.name).toBe(p.name);
    expect(svc.metadata.annotations).toMatchObject({ 'prometheus.io/scrape': 'true', 'prometheus.io/port': String(p.port) });
    expect(svc.spec.selector).toEqual(ds.spec.selector.matchLabels);
    expect(ds.spec.template.metadata.labels).toMatchObject(ds.spec.selector.matchLabels);
    expect(ds.spec.template.spec.containers[0].ports[0].containerPort).toBe(p.port);
  });

  it('ship in the one image of exporters/ (the same as the Technitium programs)', () => {
    expect(p.image).toEqual(technitiumPrograms.image);
    expect(p.nodeBinary).toBe(technitiumPrograms.nodeBinary);
    expect(byKind('DaemonSet').spec.template.spec.containers[0].command).toEqual([p.nodeBinary, ...p.nodeFlags, `/app/${p.name}.mjs`]);
    expect(sidecarPatch(p, '')[0]!.value).toMatchObject({ command: [p.nodeBinary, ...p.nodeFlags, `/app/${p.name}.mjs`] });
  });
});

describe('the sidecar as kubernetes_json_patches.deployment', () => {
  it("applied to the embedded outpost, watches its dshm volume read-only and is annotated for the kubernetes-pods job", () => {
    const d = applyAdd(outpostDeployment(true), sidecarPatch(p, 'dshm'));
    const pod = d.spec.template;
    expect(pod.spec.containers.map((c: Obj) => c.name)).toEqual(['proxy', p.name]);
    const c = pod.spec.containers[1];
    expect(c.args).toContain(`--path=${p.sidecar.path}`);
    expect(c.volumeMounts).toEqual([{ name: 'dshm', mountPath: p.sidecar.path, readOnly: true }]);
    expect(pod.spec.volumes.map((v: Obj) => v.name)).toContain('dshm');
    expect(c.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: p.sidecar.runAsUser, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } });
    expect(pod.metadata.annotations).toEqual({ 'prometheus.io/scrape': 'true', 'prometheus.io/port': String(p.port), 'prometheus.io/path': '/metrics' });
    // The controller's own labels and container stay as they were.
    expect(pod.metadata.labels).toEqual(outpostDeployment(true).spec.template.metadata.labels);
    expect(pod.spec.containers[0]).toEqual(outpostDeployment(true).spec.template.spec.containers[0]);
  });

  it('applied to an outpost without a dshm volume, shares the pod runtime /dev/shm and mounts nothing', () => {
    const d = applyAdd(outpostDeployment(false), sidecarPatch(p, ''));
    const c = d.spec.template.spec.containers[1];
    expect(c.name).toBe(p.name);
    expect(c.volumeMounts).toBeUndefined();
    expect(d.spec.template.spec.volumes).toBeUndefined();
  });
});
