// What each Technitium API call of these programs requires of the user, as Technitium 14.3's APIDOCS.md
// ("PERMISSIONS:" of each call) documents it and its source enforces it (WebServiceDashboardApi.cs GetStats,
// WebServiceZonesApi.cs ListZones / CreateZoneAsync / SetZoneOptions / ResyncZone: first the right on the
// Zones section, then the per-zone right on the zone itself). Written once: the programs' failure messages,
// their --help and exporters/README.md all come from here.

export type Flag = 'View' | 'Modify' | 'Delete';

export interface CallRights {
  readonly path: string;
  /** Right on the section (Administration > Permissions), e.g. "Zones: Modify". */
  readonly section: string;
  /** Right needed on each zone the call touches (the zone's own permissions), when the call checks one. */
  readonly zone?: Flag;
}

export const callRights = {
  stats: { path: '/api/dashboard/stats/get', section: 'Dashboard: View' },
  listZones: { path: '/api/zones/list', section: 'Zones: View', zone: 'View' },
  createZone: { path: '/api/zones/create', section: 'Zones: Modify' },
  setZoneOptions: { path: '/api/zones/options/set', section: 'Zones: Modify', zone: 'Delete' },
  resyncZone: { path: '/api/zones/resync', section: 'Zones: Modify', zone: 'Modify' },
} as const satisfies Record<string, CallRights>;

/** "Zones: Modify and per-zone Delete" (on `zone`, when given). */
export function rightsText(r: CallRights, zone?: string): string {
  return r.zone ? `${r.section} and per-zone ${r.zone}${zone ? ` on ${zone}` : ''}` : r.section;
}

/**
 * Technitium's errorMessage when the user lacks a right, on the section or on the zone (DnsWebServiceException
 * "Access was denied." throughout WebServiceZonesApi.cs and WebServiceDashboardApi.cs; built-in zones answer
 * "Access was denied to manage internal DNS Server zone.").
 */
export const ACCESS_DENIED = 'Access was denied.';

export function isAccessDenied(errorMessage: string | undefined): boolean {
  return errorMessage !== undefined && errorMessage.startsWith('Access was denied');
}

/**
 * Why a group membership is the practical answer: Technitium grants per-zone rights on a new zone only to its
 * creator and the groups Administrators and DNS Administrators (WebServiceZonesApi.cs CreateZoneAsync), and
 * per-zone View on the built-in zones only to those two groups (DnsWebService.cs InspectAndFixZonePermissions).
 * A user given per-zone rights zone by zone loses sight of every zone created after that.
 */
export const groupAdvice =
  'Technitium gives per-zone rights on a new zone only to its creator and the groups Administrators and DNS Administrators, ' +
  'so make the user a member of DNS Administrators (it then holds View, Modify and Delete on every zone, present and future); ' +
  'Dashboard: View comes from the group Everyone, which every user is in by default';

/** The rights each program needs, as lines for --help and the README. */
export const exporterRights: readonly string[] = [
  `${callRights.stats.path}: ${rightsText(callRights.stats)}`,
  `${callRights.listZones.path}: ${rightsText(callRights.listZones)} on every zone, built-in zones included (else technitium_zones_hidden > 0)`,
];

export const zoneSyncRights: readonly string[] = [
  `${callRights.stats.path}: ${rightsText(callRights.stats)} (the instance's own zone count), on every instance`,
  `${callRights.listZones.path}: ${rightsText(callRights.listZones)} on every zone, on every instance`,
  `${callRights.setZoneOptions.path}: ${rightsText(callRights.setZoneOptions)} on every primary zone (zoneTransfer) and every replica Secondary zone (primaryNameServerAddresses)`,
  `${callRights.createZone.path}: ${rightsText(callRights.createZone)} on the replicas`,
  `${callRights.resyncZone.path}: ${rightsText(callRights.resyncZone)} on every replica Secondary zone`,
];
