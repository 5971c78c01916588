// Zone helpers shared by the exporter and the zone-sync job, so both filter the same way.

/**
 * The built-in zones every Technitium instance lists. `internal: true` only appears on Primary-typed
 * zones of the list, so they are filtered BY NAME, the same way on every instance.
 */
export const BUILTIN_ZONES: ReadonlySet<string> = new Set([
  'localhost',
  '0.in-addr.arpa',
  '127.in-addr.arpa',
  '255.in-addr.arpa',
  '1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.ip6.arpa',
]);

export function normaliseZoneName(name: string): string {
  return name.toLowerCase().replace(/\.$/, '');
}

export function isBuiltinZone(name: string): boolean {
  return BUILTIN_ZONES.has(normaliseZoneName(name));
}

export interface ZoneInfo {
  readonly name: string;
  readonly type: string;
  readonly soaSerial?: number;
  readonly disabled?: boolean;
  readonly syncFailed?: boolean;
  readonly isExpired?: boolean;
}

/** Non-built-in zones of an instance (what technitium_zones counts). */
export function userZones(zones: readonly ZoneInfo[]): ZoneInfo[] {
  return zones.filter((z) => !isBuiltinZone(z.name));
}

/**
 * "Primary zones" in the sense of the contract and of zone-sync: the non-built-in zones of type Primary
 * on the primary instance. They are what the replicas must carry as Secondary zones; the exporter's
 * technitium_replica_zones_missing counts the ones a replica lacks, so both programs agree.
 */
export function replicatedZones(primaryZones: readonly ZoneInfo[]): ZoneInfo[] {
  return userZones(primaryZones).filter((z) => z.type === 'Primary');
}
