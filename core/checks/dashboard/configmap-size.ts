// dashboard/configmap-size: each dashboard's ConfigMap stays under 256 KiB. A ConfigMap may hold 1 MiB, but
// client-side `kubectl apply` copies the object into its last-applied-configuration annotation, and all
// annotations of an object together may hold at most 262,144 bytes ("metadata.annotations: Too long").
import type { DashboardCheck, DashboardProblem } from './model.ts';

export const maxConfigMapBytes = 256 * 1024;

export const check: DashboardCheck = {
  id: 'dashboard/configmap-size',
  summary: 'each dashboard ConfigMap is under 256 KiB (kubectl apply\'s annotation limit)',
  run: (dashboards, ctx) =>
    dashboards.flatMap((d): DashboardProblem[] => {
      const bytes = ctx.configMapBytes?.(d);
      if (bytes === undefined || bytes < maxConfigMapBytes) return [];
      return [{ dashboard: d, field: '(ConfigMap)', message: `its ConfigMap is ${bytes} bytes, at least ${maxConfigMapBytes} (256 KiB): client-side kubectl apply fails on it`, fix: 'split the dashboard in two, or drop panels' }];
    }),
};
