// Zone helpers shared by the exporter and the zone-sync job, so both name, filter and compare zones the same way.
import { isIP } from 'node:net';

/**
 * The built-in zones every Technitium instance creates at start (AuthZoneManager.LoadAllInternalZones).
 * `internal: true` only appears on Primary-typed zones of the list, so they are filtered BY NAME, the same way
 * on every instance.
 */
export const BUILTIN_ZONES: ReadonlySet<string> = new Set([
  'localhost',
  '0.in-addr.arpa',
  '127.in-addr.arpa',
  '255.in-addr.arpa',
  '1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.ip6.arpa',
]);

/** DNS names are case-insensitive and may be written with the root's trailing dot: compare them without both. */
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
 * technitium_replica_zones_missing counts the ones a replica lacks, so both programs agree. (Forwarder,
 * Stub, Catalog and Secondary zones of the primary are not replicated: they hold no data of their own to
 * transfer, or are copies themselves.)
 */
export function replicatedZones(primaryZones: readonly ZoneInfo[]): ZoneInfo[] {
  return userZones(primaryZones).filter((z) => z.type === 'Primary');
}

/**
 * The values of a zone's `zoneTransfer` option in Technitium 14.3 (enum AuthZoneTransfer, Dns/Zones/ApexZone.cs).
 * Technitium parses the parameter with Enum.TryParse and silently ignores anything else, so it is checked here.
 */
export const ZONE_TRANSFER_MODES = ['Deny', 'Allow', 'AllowOnlyZoneNameServers', 'UseSpecifiedNetworkACL', 'AllowZoneNameServersAndUseSpecifiedNetworkACL'] as const;
export type ZoneTransferMode = (typeof ZONE_TRANSFER_MODES)[number];

/** The modes that read zoneTransferNetworkACL (ApexZone.GetZoneTranferACL; DnsServer.IsZoneTransferAllowed). */
const ACL_MODES: ReadonlySet<ZoneTransferMode> = new Set(['UseSpecifiedNetworkACL', 'AllowZoneNameServersAndUseSpecifiedNetworkACL']);

/** An ACL entry as Technitium's NetworkAccessControl takes it: an address or network, `!` in front to deny. */
export function isAclEntry(entry: string): boolean {
  const m = /^!?([^/]+)(?:\/(\d{1,3}))?$/.exec(entry);
  if (!m) return false;
  const family = isIP(m[1]!);
  if (family === 0) return false;
  return m[2] === undefined || Number(m[2]) <= (family === 4 ? 32 : 128);
}

/**
 * A zoneTransfer mode and its ACL, checked as Technitium 14.3 would use them; throws naming the allowed values.
 * Modes are matched case-insensitively (as Enum.TryParse does) and returned in Technitium's spelling; numbers,
 * which Enum.TryParse would also take, are refused. `acl` undefined: `defaultAcl` for the modes that read an
 * ACL, none for the others.
 */
export function zoneTransferSetting(mode: string, acl: readonly string[] | undefined, defaultAcl: readonly string[] = []): { mode: ZoneTransferMode; acl: string[] } {
  const canonical = ZONE_TRANSFER_MODES.find((m) => m.toLowerCase() === mode.trim().toLowerCase());
  if (!canonical) throw new Error(`--zone-transfer ${JSON.stringify(mode.slice(0, 64))} is not a zoneTransfer value of Technitium 14.3; use one of: ${ZONE_TRANSFER_MODES.join(', ')}`);
  const entries = (acl ?? (ACL_MODES.has(canonical) ? defaultAcl : [])).map((e) => e.trim()).filter(Boolean);
  const bad = entries.filter((e) => !isAclEntry(e));
  if (bad.length) throw new Error(`--zone-transfer-acl: ${bad.map((b) => JSON.stringify(b)).join(', ')} is not an address or network (e.g. 10.10.0.0/16, 10.0.20.1, !10.0.30.0/24)`);
  if (ACL_MODES.has(canonical) && entries.length === 0) {
    throw new Error(`--zone-transfer ${canonical} needs --zone-transfer-acl (the addresses or networks allowed to transfer); without one Technitium denies every transfer`);
  }
  if (!ACL_MODES.has(canonical) && entries.length > 0) {
    throw new Error(`--zone-transfer-acl is used only with ${[...ACL_MODES].join(' or ')}; ${canonical} ignores it`);
  }
  return { mode: canonical, acl: entries };
}
