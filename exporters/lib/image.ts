// The one image every program of exporters/ ships in (exporters/Dockerfile bundles them all into it) and the
// Node binary of its distroless base. A program's config refers to these instead of repeating them.
// (exporters/technitium/config.ts still carries its own copy; exporters/tmpfs-exporter/manifests.test.ts
// checks that the two agree until it reads these too.)

export interface ProgramImage {
  readonly repository: string;
  readonly tag: string;
  readonly pullPolicy: 'IfNotPresent' | 'Always';
}

export const exportersImage: ProgramImage = { repository: 'ghcr.io/viktorbarzin/homelab-exporters', tag: '0.1.0', pullPolicy: 'IfNotPresent' };

/** Node in gcr.io/distroless/nodejs20-debian12 (the image's runtime stage). */
export const distrolessNode = '/nodejs/bin/node';

/** The distroless `nonroot` user. */
export const nonRootUser = 65532;
