# The Helm values the cluster's Prometheus is deployed with today (a Terraform template: ${var} are Terraform
# variables, %{ for } loops, $${x} an escaped ${x}): the project's own copy, read by the deploy test.
# Origin: ViktorBarzin/infra, commit 0cd4afb6684703e1e6c864b1cef1323cf5608d66,
#   stacks/monitoring/modules/monitoring/prometheus_chart_values.tpl
# Helm values
# all values - https://github.com/prometheus-community/helm-charts/blob/main/charts/prometheus/values.yaml
alertmanager:
  replicaCount: 1
  persistentVolume:
    enabled: true
  persistence:
    storageClass: proxmox-lvm-encrypted
    # Previously on NFS (alertmanager-pv / nfs-truenas). Migrated 2026-04-14 [PM-2026-04-14]
    # to proxmox-lvm-encrypted to eliminate circular alerting dependency.
  strategy:
    type: RollingUpdate
  baseURL: "https://alertmanager.viktorbarzin.me"
  ingress:
    enabled: true
    ingressClassName: "traefik"
    annotations:
      traefik.ingress.kubernetes.io/router.middlewares: "traefik-rate-limit@kubernetescrd,traefik-csp-headers@kubernetescrd,traefik-authentik-forward-auth@kubernetescrd"
      traefik.ingress.kubernetes.io/router.entrypoints: "websecure"
      gethomepage.dev/enabled: "true"
      gethomepage.dev/name: "Alertmanager"
      gethomepage.dev/description: "Alert routing"
      gethomepage.dev/icon: "alertmanager.png"
      gethomepage.dev/group: "Core Platform"
      gethomepage.dev/pod-selector: ""
    tls:
      - secretName: "tls-secret"
        hosts:
          - "alertmanager.viktorbarzin.me"
    hosts:
      # - alertmanager.viktorbarzin.me
      - host: alertmanager.viktorbarzin.me
        paths:
          - path: /
            pathType: Prefix
            serviceName: prometheus-server
            servicePort: 80
  config:
    enabled: true
    global:
      smtp_from: "alertmanager@viktorbarzin.me"
      # smtp_smarthost: "smtp.viktorbarzin.me:587"
      smtp_smarthost: "mailserver.mailserver.svc.cluster.local:587"
      smtp_auth_username: "alertmanager@viktorbarzin.me"
      smtp_auth_password: "${alertmanager_mail_pass}"
      smtp_require_tls: true
      slack_api_url: "${alertmanager_slack_api_url}"
    # templates:
    #   - "/etc/alertmanager/template/*.tmpl"
    route:
      group_by: ["alertname"]
      group_wait: 30s
      group_interval: 5m
      # alert-on-change (2026-06-12): warning/info no longer re-notify while they
      # stay firing — a 1y repeat is effectively "notify once, then only on a
      # membership change or resolve". The daily alert-digest CronJob
      # (alert_digest.tf) carries standing state. Criticals keep a slow re-ping
      # (see the severity=critical child route).
      repeat_interval: 8760h
      receiver: slack-warning
      routes:
        # Wave 1 security lane — matches alerts that set `lane = "security"`
        # (K2-K9, V1-V7, S1 from Loki ruler). Posts via the slack-security
        # receiver (distinct [SECURITY] styling) to #alerts; the dedicated
        # #security channel was abandoned 2026-06-25 (shared webhook can't reach
        # it). continue: false so they get the security-styled receiver.
        - receiver: slack-security
          group_wait: 10s
          group_interval: 1m
          repeat_interval: 1h
          matchers:
            - lane = security
          continue: false
        - receiver: slack-critical
          group_wait: 10s
          group_interval: 1m
          # alert-on-change tier (2026-06-12): criticals still re-ping, but every
          # 6h not 1h — a slow nag so a real prod-down issue isn't forgotten,
          # minus the hourly drip. Warnings/info don't re-ping at all.
          repeat_interval: 6h
          matchers:
            - severity = critical
          continue: false
        - receiver: slack-info
          group_wait: 5m
          group_interval: 30m
          # alert-on-change (2026-06-12): info never re-pings while firing; the
          # daily digest carries standing state.
          repeat_interval: 8760h
          matchers:
            - severity = info
          continue: false
    inhibit_rules:
      # Node down suppresses workload and service alerts (cascade protection)
      - source_matchers:
          - alertname = NodeDown
        target_matchers:
          - alertname =~ "NodeNotReady|NodeConditionBad|PodCrashLooping|ContainerOOMKilled|DeploymentReplicasMismatch|StatefulSetReplicasMismatch|DaemonSetMissingPods|ScrapeTargetDown|NodeLowFreeMemory|PostgreSQLDown|RedisDown|HeadscaleDown|HeadscaleReplicasMismatch|AuthentikDown|PoisonFountainDown|HackmdDown|PrivatebinDown|MailServerDown|EmailRoundtripFailing|EmailRoundtripStale|ViktorBarzinApexDrift|ViktorBarzinApexProbeDown|NodeExporterDown|DockerRegistryDown|HomeAssistantDown|HomeAssistantCriticalSensorUnavailable|CloudflaredDown|TechnitiumDNSDown|iDRACRedfishMetricsMissing|iDRACSNMPMetricsMissing|HomeAssistantMetricsMissing"
      # Planned node maintenance (kured drain-reboot or a manual cordon): the
      # window is announced by NodeMaintenanceInProgress (info — one Slack
      # line), and everything a 3-6 min drain+reboot predictably trips is
      # suppressed for its duration (2026-07-12: node4's routine kured reboot
      # produced ~19 distinct alert notifications). Inhibition is
      # Alertmanager-side only — it DELAYS notifications, never drops state:
      # anything still firing when the node uncordons notifies then, and
      # kured's own alert gate + the sentinel gate read PROMETHEUS, so they
      # still see every alert (incl. the RecentNodeReboot 1h settle window).
      # Forgotten-cordon guard: NodeCordonedTooLong (2h) is deliberately NOT
      # in the target list below.
      - source_matchers:
          - alertname = NodeMaintenanceInProgress
        target_matchers:
          - alertname =~ "NodeDown|NodeNotReady|NodeConditionBad|CalicoNodeNotReady|RecentNodeReboot|TraefikDown|AuthentikDown|AuthentikRootRouter5xxHigh|ForwardAuthFallbackActive|MailServerDown|DaemonSetMissingPods|DeploymentReplicasMismatch|StatefulSetReplicasMismatch|PodCrashLooping|ContainerOOMKilled|KernelOOMKiller|ScrapeTargetDown|HighMemoryUsage|HighSystemLoad|HighPowerUsage|ServerHighPowerUsage|KubeletRunningContainersDrop|GPUVRAMLow|MysqlStandaloneDown|PostgreSQLDown|RedisDown|CloudflaredDown|HeadscaleDown|HeadscaleReplicasMismatch|ClusterCannotTolerateNonGpuNodeLoss|PodStuckPending|PVCStuckPending|NodeExporterDown|NodeLowFreeMemory|KubeletImagePullErrors|PodsStuckContainerCreating|TechnitiumZoneCountMismatch|TechnitiumDNSDown|EmailRoundtripFailing|TailscaleSubnetRouterDown|TailscaleLanUnreachableViaTailnet"
      # NFS down causes mass pod failures and NFS-dependent service outages
      - source_matchers:
          - alertname = NFSServerUnresponsive
        target_matchers:
          - alertname =~ "PodCrashLooping|ContainerOOMKilled|DeploymentReplicasMismatch|StatefulSetReplicasMismatch|DaemonSetMissingPods|ScrapeTargetDown|PostgreSQLDown|RedisDown|AuthentikDown|PoisonFountainDown|HackmdDown|PrivatebinDown|MailServerDown|EmailRoundtripFailing|EmailRoundtripStale|ViktorBarzinApexDrift|ViktorBarzinApexProbeDown|HomeAssistantDown|HomeAssistantCriticalSensorUnavailable"
      # Traefik down makes service-level alerts noise
      - source_matchers:
          - alertname = TraefikDown
        target_matchers:
          - alertname =~ "HighServiceErrorRate|HighService4xxRate|HighServiceLatency|TraefikHighOpenConnections|IngressTTFBHigh|IngressTTFBCritical|IngressErrorRate5xxHigh|AnubisChallengeStoreErrors"
      # Traefik down makes ForwardAuth alerts redundant
      - source_matchers:
          - alertname = TraefikDown
        target_matchers:
          - alertname =~ "PoisonFountainDown|ForwardAuthFallbackActive|AuthentikWallingOffPublicPath"
      # Authentik down: every protected ingress behaves oddly (fallback proxies
      # engage). The walling-off probe failing then is a symptom, not a regressed
      # carve-out — suppress it so the root-cause AuthentikDown alert stands alone.
      - source_matchers:
          - alertname = AuthentikDown
        target_matchers:
          - alertname = AuthentikWallingOffPublicPath
      # A stale Traefik replica returns 404 for a fraction of requests; the same
      # bug surfaces as TTFB / 4xx / 5xx / external-divergence symptoms downstream.
      # When TraefikReplicaConfigStale fires, the root cause is identified —
      # suppress the symptom alerts so only the actionable one pages.
      - source_matchers:
          - alertname = TraefikReplicaConfigStale
        target_matchers:
          - alertname =~ "HighServiceErrorRate|HighService4xxRate|HighServiceLatency|TraefikHighOpenConnections|IngressTTFBHigh|IngressTTFBCritical|IngressErrorRate5xxHigh|ForwardAuthFallbackActive|AnubisChallengeStoreErrors|ExternalAccessDivergence"
      # HA down → every sensor goes unavailable. One root-cause alert is enough.
      - source_matchers:
          - alertname = HomeAssistantDown
        target_matchers:
          - alertname =~ "HomeAssistantCriticalSensorUnavailable|HomeAssistantMetricsMissing"
      # PVFillingUp (95% used) is the immediate critical; PVPredictedFull
      # (linear projection over 6h) is the leading indicator. When the disk
      # is actually full, the prediction is redundant.
      - source_matchers:
          - alertname = PVFillingUp
        target_matchers:
          - alertname = PVPredictedFull
        equal: [namespace, persistentvolumeclaim]
      # EmailRoundtripFailing = active outage right now (probe failed).
      # EmailRoundtripStale = derivative ("haven't seen success in 60min").
      # The Failing alert subsumes the Stale alert.
      - source_matchers:
          - alertname = EmailRoundtripFailing
        target_matchers:
          - alertname = EmailRoundtripStale
      # A stale search probe means its Pushgateway gauges are frozen — don't
      # let the (now meaningless) latency/cache alerts fire off stale data.
      - source_matchers:
          - alertname = ImmichSearchProbeStale
        target_matchers:
          - alertname =~ "ImmichSmartSearchSlow|ImmichClipIndexColdCache"
      # Power outage makes on-battery alert redundant
      - source_matchers:
          - alertname = PowerOutage
        target_matchers:
          - alertname = OnBattery
      # Power outage suppresses everything downstream
      - source_matchers:
          - alertname = PowerOutage
        target_matchers:
          - alertname =~ "NodeDown|NFSServerUnresponsive|NodeExporterDown|CloudflaredDown|MetalLBSpeakerDown|MetalLBControllerDown|UPSMetricsMissing|iDRACRedfishMetricsMissing|iDRACSNMPMetricsMissing|ATSMetricsMissing|HomeAssistantMetricsMissing|FuseMainMetricsMissing|FuseGarageMetricsMissing|ThermostatHolMetricsMissing|ThermostatMasterBedroomMetricsMissing|ThermostatOfficeMetricsMissing|ThermostatKidsRoomMetricsMissing|ProxmoxMetricsMissing|iDRACSystemUnhealthy|iDRACServerPoweredOff|ProxmoxExporterDown"
      # iDRAC system-level unhealthy suppresses component-level alerts
      - source_matchers:
          - alertname = iDRACSystemUnhealthy
        target_matchers:
          - alertname =~ "iDRACPowerSupplyUnhealthy|iDRACMemoryUnhealthy|iDRACStorageDriveUnhealthy|FanFailure"
      # Fuse panel fault suppresses overcurrent/temp alerts for that panel
      - source_matchers:
          - alertname = FuseMainFault
        target_matchers:
          - alertname = FuseMainMetricsMissing
      - source_matchers:
          - alertname = FuseGarageFault
        target_matchers:
          - alertname = FuseGarageMetricsMissing
      # Tuya Cloud API down suppresses all per-device metrics-missing alerts
      - source_matchers:
          - alertname = TuyaCloudDown
        target_matchers:
          - alertname =~ "ATSMetricsMissing|FuseMainMetricsMissing|FuseGarageMetricsMissing|ThermostatHolMetricsMissing|ThermostatMasterBedroomMetricsMissing|ThermostatOfficeMetricsMissing|ThermostatKidsRoomMetricsMissing"
      # Containerd broken suppresses downstream pod alerts
      - source_matchers:
          - alertname = KubeletImagePullErrors
        target_matchers:
          - alertname =~ "PodsStuckContainerCreating|DeploymentReplicasMismatch|StatefulSetReplicasMismatch|DaemonSetMissingPods"
      # A node under DiskPressure/MemoryPressure/PIDPressure evicts pods and
      # stalls image GC + pulls — the resulting pod-churn alerts are downstream
      # symptoms. The 2026-06-12 midday cascade fired 25 PodCrashLooping + 14
      # PodImagePullBackOff uninhibited because only NodeDown (not node pressure)
      # was a source. NodeConditionBad already matches all three pressures; keep
      # NodeDiskPressure too for redundancy. No `equal` (matches the NodeDown
      # rule above): the pod-churn alertnames carry no `node` label, and a
      # multi-node pressure event is exactly when cluster-wide suppression helps.
      - source_matchers:
          - alertname =~ "NodeConditionBad|NodeDiskPressure"
        target_matchers:
          - alertname =~ "PodCrashLooping|ContainerOOMKilled|PodImagePullBackOff|PodsStuckContainerCreating|ScrapeTargetDown|DeploymentReplicasMismatch|StatefulSetReplicasMismatch|DaemonSetMissingPods"
      # Two t3 path-probe alerts describe one leg-down condition: T3ProbeLegDown
      # (connected==0, root) and T3ProbeDropBurst (>6 disconnects/15m, symptom).
      # A down leg both reads disconnected AND disconnects repeatedly — suppress
      # the burst for that same leg so one alert fires, not two. ~3,400 alert-min
      # of overlap in the 24h before this (the #1 noise source).
      - source_matchers:
          - alertname = T3ProbeLegDown
        target_matchers:
          - alertname = T3ProbeDropBurst
        equal: [leg]
      # pfSense egress cascade (2026-06-28): a WAN-gateway-down or full
      # internet-egress-down is the root cause; the external-DNS, egress-only
      # divergence, cloudflared-tunnel, email-roundtrip and external-divergence
      # alerts are downstream symptoms of the same black-hole. Suppress them so
      # one root alert pages, not a storm (mirrors the NodeDown/PowerOutage
      # cascades). No `equal` — these symptom alerts carry no shared label.
      - source_matchers:
          - alertname =~ "WANGatewayUnreachable|InternetEgressDown"
        target_matchers:
          - alertname =~ "ExternalDNSResolutionDown|EgressOnlyDivergence|CloudflaredTunnelConnLoss|EmailRoundtripFailing|EmailRoundtripStale|ExternalAccessDivergence"
      # Tailscale subnet-router cascade. The router IS pfSense and its clients
      # reach it over DERP/WAN, so a dead pfSense VM, a dead WAN, or a dead
      # Headscale control plane all take the tailnet path down as a SYMPTOM.
      # Suppress the tailnet alerts under any of those root causes.
      - source_matchers:
          - alertname =~ "PfSenseVMDown|WANGatewayUnreachable|InternetEgressDown|HeadscaleDown"
        target_matchers:
          - alertname =~ "TailscaleSubnetRouterDown|TailscaleLanUnreachableViaTailnet|TailscaleSubnetRouterProbeStale"
      # Router unreachable subsumes per-route unreachability — one alert, not
      # one plus one per advertised route.
      - source_matchers:
          - alertname = TailscaleSubnetRouterDown
        target_matchers:
          - alertname = TailscaleLanUnreachableViaTailnet
      # A stale probe means the gauges are frozen: don't let the (now
      # meaningless) reachability alerts fire off stale samples.
      - source_matchers:
          - alertname = TailscaleSubnetRouterProbeStale
        target_matchers:
          - alertname =~ "TailscaleSubnetRouterDown|TailscaleLanUnreachableViaTailnet"
      # sdc disk I/O: when the spindle is already known to be saturated or
      # serving reads slowly, the volume alerts are describing the same event
      # from a different angle rather than adding information. Suppress them so
      # one busy episode is one Slack line, not four. Inhibition only delays
      # notification — if a volume alert is still firing once saturation clears,
      # it notifies then, which is the interesting case (high throughput that
      # the device is nonetheless keeping up with).
      - source_matchers:
          - alertname =~ "HDDSaturated|HDDReadLatencyHigh"
        target_matchers:
          - alertname =~ "HDDHighIOPS|HDDHighReadRate|HDDHighWriteRate|HDDDailyReadVolume|HDDDailyWriteVolume"
    receivers:
      - name: slack-critical
        slack_configs:
          - send_resolved: true
            channel: "#alerts"
            color: '{{ if eq .Status "firing" }}danger{{ else }}good{{ end }}'
            fallback: '{{ if eq .Status "firing" }}CRITICAL{{ else }}RESOLVED{{ end }}: {{ .GroupLabels.alertname }}'
            title: '{{ if eq .Status "firing" }}[CRITICAL]{{ else }}[RESOLVED]{{ end }} {{ .GroupLabels.alertname }} ({{ .Alerts | len }})'
            text: '{{ range .Alerts }}• {{ .Annotations.summary }}{{ "\n" }}{{ end }}'
      - name: slack-warning
        slack_configs:
          - send_resolved: true
            channel: "#alerts"
            color: '{{ if eq .Status "firing" }}warning{{ else }}good{{ end }}'
            fallback: '{{ if eq .Status "firing" }}WARNING{{ else }}RESOLVED{{ end }}: {{ .GroupLabels.alertname }}'
            title: '{{ if eq .Status "firing" }}[WARNING]{{ else }}[RESOLVED]{{ end }} {{ .GroupLabels.alertname }} ({{ .Alerts | len }})'
            text: '{{ range .Alerts }}• {{ .Annotations.summary }}{{ "\n" }}{{ end }}'
      - name: slack-info
        slack_configs:
          - send_resolved: true
            channel: "#alerts"
            color: '{{ if eq .Status "firing" }}#439FE0{{ else }}good{{ end }}'
            fallback: '{{ if eq .Status "firing" }}INFO{{ else }}RESOLVED{{ end }}: {{ .GroupLabels.alertname }}'
            title: '{{ if eq .Status "firing" }}[INFO]{{ else }}[RESOLVED]{{ end }} {{ .GroupLabels.alertname }} ({{ .Alerts | len }})'
            text: '{{ range .Alerts }}• {{ .Annotations.summary }}{{ "\n" }}{{ end }}'
      - name: slack-security
        slack_configs:
          - send_resolved: true
            # #security was abandoned 2026-06-25 — the shared incoming webhook's
            # Slack app isn't a member of it (channel override 404s). Security-lane
            # alerts keep their distinct [SECURITY] styling but post to #alerts.
            channel: "#alerts"
            color: '{{ if eq .Status "firing" }}{{ if eq (index .Alerts 0).Labels.severity "critical" }}danger{{ else }}warning{{ end }}{{ else }}good{{ end }}'
            fallback: '{{ if eq .Status "firing" }}[SECURITY-{{ (index .Alerts 0).Labels.severity | toUpper }}]{{ else }}[RESOLVED]{{ end }}: {{ .GroupLabels.alertname }}'
            title: '{{ if eq .Status "firing" }}[SECURITY/{{ (index .Alerts 0).Labels.severity | toUpper }}]{{ else }}[RESOLVED]{{ end }} {{ .GroupLabels.alertname }} ({{ .Alerts | len }})'
            text: |-
              {{ range .Alerts }}*{{ .Annotations.summary }}*
              {{ if .Annotations.description }}{{ .Annotations.description }}
              {{ end }}{{ if .Annotations.runbook }}Runbook: {{ .Annotations.runbook }}
              {{ end }}{{ end }}
  # web.external-url seems to be hardcoded, edited deployment manually
  # extraArgs:
  #   web.external-url: "https://prometheus.viktorbarzin.me"
  resources:
    requests:
      cpu: 25m
      memory: 256Mi
    limits:
      memory: 256Mi
# kube-state-metrics idles ~45Mi but briefly spikes past the monitoring-namespace
# LimitRange default (256Mi) during a full object relist (450+ pods, 150+ jobs, all
# secrets/endpoints), so it gets OOMKilled. Each OOM blacks out KSM-derived series
# for ~5min and cascades into a wall of false "<svc>Down" criticals that self-resolve
# (storm 2026-06-26 08:42). Burstable: low request (minimal reservation) + a 512Mi
# limit to absorb the relist peak. No CPU limit (cluster-wide policy).
kube-state-metrics:
  # Export the sablier.enable Deployment label on kube_deployment_labels so the
  # SablierWakeFailed alert can scope to scale-to-zero-enrolled workloads
  # (ADR-0022). KSM exports NO workload labels unless allowlisted here.
  metricLabelsAllowlist:
    - deployments=[sablier.enable]
  resources:
    requests:
      cpu: 100m
      memory: 64Mi
    limits:
      memory: 512Mi
prometheus-node-exporter:
  enabled: true
  resources:
    requests:
      cpu: 25m
      memory: 100Mi
    limits:
      memory: 100Mi
# NOTE: The parent chart forwards subchart values under `prometheus-pushgateway:`,
# not `pushgateway:` — using the wrong key silently no-ops.
prometheus-pushgateway:
  # Without persistence the pushgateway's in-memory metrics are lost on restart.
  # Once-per-day pushers (offsite-backup-sync) stay invisible until their next run,
  # which is why backup_last_success_timestamp{job="offsite-backup-sync"} vanished
  # after the 2026-04-22 node3 kubelet hiccup.
  persistentVolume:
    enabled: true
    size: 2Gi
    storageClass: proxmox-lvm-encrypted
    mountPath: /data
  extraArgs:
    - --persistence.file=/data/pushgateway.bin
    - --persistence.interval=1m
  resources:
    requests:
      cpu: 10m
      memory: 64Mi
    limits:
      memory: 256Mi
server:
  # Opt this Deployment out of Keel. Terraform declares every image in this
  # release (prometheus v2.48.1, config-reloader v0.70.0, and the
  # prometheus-backup sidecar's alpine tag below), so a Keel bump is always
  # reverted by the next apply and the two just take turns.
  #
  # 2026-08-16: Kyverno stamps keel.sh/policy=patch onto every workload in a
  # keel-enrolled namespace (keel-annotations.tf; `monitoring` is enrolled —
  # the stale bullet list in that file's exclude comment predates the
  # 2026-05-17 enrollment expansion). Keel's hourly poll patch-bumped the
  # sidecar docker.io/library/alpine:3.21 -> library/alpine:3.21.7 (note it
  # also drops the registry prefix), the next apply put :3.21 back, and each
  # flip replaced the Prometheus pod: 11 ReplicaSets in 14h, deployment
  # generation 242, and only 213 of an expected ~720 self-scrape samples in 24h
  # (the self-scrape job inherits global scrape_interval: 2m, so 720 is the
  # 24h ceiling) — under a third of the expected collection. Same fight stacks/proxy hit the same day on its gluetun image.
  #
  # The alert consequence is what surfaced it. A restart clears in-memory
  # alert state, so every `for:` timer restarts from zero — DriftStacksMany
  # (for: 30m) re-fired and re-resolved all day (each Slack [RESOLVED] lands
  # within ~2 min of a new ReplicaSet) and DriftStackErrored (for: 2h) could
  # never stay up long enough to fire at all.
  #
  # This annotation is what KEEL reads. The matching LABEL — what Kyverno's
  # exclude rule selects on — is stamped by kubernetes_labels in
  # prometheus.tf, since the chart exposes no deployment-labels surface.
  # Both are needed: excluding the workload stops Kyverno re-adding the
  # annotation, but cannot remove the policy=patch it already stamped.
  deploymentAnnotations:
    keel.sh/policy: never
  # Halve scrape load on apiserver + cAdvisor + node-exporter without losing
  # alerting fidelity. Per-job overrides (snmp-ups 30s, snmp-idrac 1m, etc.)
  # below keep critical metrics fresh; alert `for:` durations were audited and
  # all 1m alerts were bumped to 3m to stay above the new scrape cadence.
  global:
    scrape_interval: 2m
    evaluation_interval: 1m
  # Enable me to delete metrics
  extraFlags:
    - "web.enable-admin-api"
    - "web.enable-lifecycle"
    - "storage.tsdb.allow-overlapping-blocks"
    - "storage.tsdb.retention.size=180GB"
    - "storage.tsdb.wal-compression"
    # Accept remote-write from the Loki ruler (share-link recording rules in
    # loki.tf). In-cluster senders only — the service isn't exposed for write
    # externally (ingress is read-path; Authentik gates it).
    - "web.enable-remote-write-receiver"
    # OTLP metric ingest, for Claude Code's native OpenTelemetry export
    # (docs/adr/0025-claude-session-telemetry.md). Claude sessions on the devvm
    # push claude_code.* counters and histograms to
    # /api/v1/otlp/v1/metrics, reached over the LAN-only
    # prometheus-otlp.viktorbarzin.me ingress. Experimental in v2.48.1 and
    # therefore behind --enable-feature rather than its own flag; it becomes
    # --web.enable-otlp-receiver in Prometheus 3.x, so this line moves at the
    # next major upgrade.
    - "enable-feature=otlp-write-receiver"
  persistentVolume:
    # enabled: false
    existingClaim: prometheus-data-proxmox
    # storageClass: rook-cephfs
  retention: "26w"  # 6 months — reduces compaction writes vs 52w. Size limit (180GB) is the effective cap anyway.
  # NOTE: Memory must be >= 4Gi. The WAL tmpfs (2Gi, medium: Memory) shares
  # the container's cgroup limit. At 3Gi, Prometheus OOM-kills during WAL replay.
  resources:
    requests:
      cpu: 100m
      # Request lowered 4Gi->3Gi 2026-07-26 to free N-1 scheduler headroom
      # (ClusterCannotTolerateNonGpuNodeLoss). Limit stays 4Gi — the ">= 4Gi"
      # note above is about the cgroup LIMIT (WAL-replay OOM), which is preserved;
      # real working-set is 14d median ~1.4Gi / peak ~2.6Gi.
      memory: 3Gi
    limits:
      memory: 4Gi
  livenessProbeInitialDelay: 300
  readinessProbeInitialDelay: 60
  strategy:
    type: Recreate
  baseURL: "https://prometheus.viktorbarzin.me"
  extraVolumes:
      - name: prometheus-wal-tmpfs
        emptyDir:
          medium: Memory
          sizeLimit: 2Gi
      - name: prometheus-backup
        persistentVolumeClaim:
          claimName: monitoring-prometheus-backup-host
  extraVolumeMounts:
    - name: prometheus-wal-tmpfs
      mountPath: /data/wal
    - name: prometheus-backup
      mountPath: /backup
  sidecarContainers:
    prometheus-backup:
      image: docker.io/library/alpine:3.21
      command:
        - /bin/sh
        - -c
        - |
          echo "Prometheus backup sidecar started (monthly, 1st Sunday 04:00 UTC)"
          while true; do
            # Wait for 1st Sunday of month at 04:00 UTC
            while true; do
              dow=$(date -u +%w)       # 0=Sunday
              dom=$(date -u +%d)       # day of month
              hour=$(date -u +%H)
              if [ "$dow" = "0" ] && [ "$dom" -le 7 ] && [ "$hour" -ge 4 ]; then
                break
              fi
              sleep 3600  # check every hour
            done

            echo "$(date) Starting Prometheus TSDB snapshot"
            # Create TSDB snapshot via admin API (wget is built into BusyBox)
            resp=$(wget -qO- --post-data='' http://localhost:9090/api/v1/admin/tsdb/snapshot 2>&1)
            if [ $? -ne 0 ]; then
              echo "$(date) ERROR: Failed to create snapshot: $resp"
              continue
            fi
            # Parse snapshot name without jq: {"status":"success","data":{"name":"20260322T030000Z-..."}}
            snap_name=$(echo "$resp" | grep -o '"name":"[^"]*"' | head -1 | cut -d'"' -f4)
            if [ -z "$snap_name" ]; then
              echo "$(date) ERROR: Could not parse snapshot name from: $resp"
              continue
            fi
            echo "$(date) Snapshot created: $snap_name"

            # Tar snapshot to NFS backup volume
            backup_file="prometheus_$(date +%Y%m%d_%H%M).tar.gz"
            tar cf - -C /data/snapshots/ "$snap_name" | gzip -9 > "/backup/$backup_file"
            echo "$(date) Backup written: $backup_file ($(du -h /backup/$backup_file | cut -f1))"

            # Clean up snapshot from data dir
            rm -rf "/data/snapshots/$snap_name"

            # Rotate: keep 2 most recent backups
            ls -t /backup/prometheus_*.tar.gz 2>/dev/null | tail -n +3 | xargs rm -f 2>/dev/null

            # Push success metric to Pushgateway for alerting
            printf "prometheus_backup_last_success_timestamp %s\n" "$(date +%s)" | wget -qO- --header="Content-Type: text/plain" --post-file=- http://prometheus-prometheus-pushgateway.monitoring:9091/metrics/job/prometheus-backup 2>/dev/null

            echo "$(date) Backup complete. Files in /backup:"
            ls -lh /backup/prometheus_*.tar.gz 2>/dev/null || echo "  (none)"

            # Sleep 24h to avoid re-triggering within the same Sunday window
            sleep 86400
          done
      volumeMounts:
        - name: storage-volume
          mountPath: /data
          readOnly: false
        - name: prometheus-backup
          mountPath: /backup
      resources:
        requests:
          cpu: 10m
          memory: 32Mi
        limits:
          memory: 128Mi
  ingress:
    enabled: true
    ingressClassName: "traefik"
    annotations:
      traefik.ingress.kubernetes.io/router.middlewares: "traefik-rate-limit@kubernetescrd,traefik-csp-headers@kubernetescrd,traefik-authentik-forward-auth@kubernetescrd"
      traefik.ingress.kubernetes.io/router.entrypoints: "websecure"

      gethomepage.dev/enabled: "true"
      gethomepage.dev/description: "Prometheus"
      gethomepage.dev/icon: "prometheus.png"
      gethomepage.dev/name: "Prometheus"
      gethomepage.dev/group: "Core Platform"
      gethomepage.dev/widget.type: "prometheus"
      gethomepage.dev/widget.url: "http://prometheus-server.monitoring.svc.cluster.local:80"
      gethomepage.dev/pod-selector: ""
    tls:
      - secretName: "tls-secret"
        hosts:
          - "prometheus.viktorbarzin.me"
    hosts:
      - "prometheus.viktorbarzin.me"
  alertmanagers:
    - static_configs:
        - targets:
            - "prometheus-alertmanager.monitoring.svc.cluster.local:9093"
          # - "alertmanager.viktorbarzin.me"
      tls_config:
        insecure_skip_verify: true

serverFiles:
  prometheus.yml:
    scrape_configs:
      - job_name: prometheus
        static_configs:
          - targets:
              - localhost:9090
      - job_name: kubernetes-apiservers
        scheme: https
        bearer_token_file: /var/run/secrets/kubernetes.io/serviceaccount/token
        kubernetes_sd_configs:
          - role: endpoints
        relabel_configs:
          - action: keep
            regex: default;kubernetes;https
            source_labels:
              - __meta_kubernetes_namespace
              - __meta_kubernetes_service_name
              - __meta_kubernetes_endpoint_port_name
        tls_config:
          ca_file: /var/run/secrets/kubernetes.io/serviceaccount/ca.crt
          insecure_skip_verify: true
        metric_relabel_configs:
          - source_labels: [__name__]
            regex: '(apiserver_request_duration_seconds|apiserver_request_sli_duration_seconds|apiserver_request_body_size_bytes|etcd_request_duration_seconds|apiserver_watch_list_duration_seconds|apiserver_watch_cache_read_wait_seconds|apiserver_response_sizes|apiserver_watch_events_sizes|apiserver_admission_controller_admission_duration_seconds|workqueue_queue_duration_seconds|workqueue_work_duration_seconds|apiserver_flowcontrol_request_execution_seconds|rest_client_rate_limiter_duration_seconds|rest_client_request_duration_seconds|rest_client_request_size_bytes|rest_client_response_size_bytes)_bucket'
            action: drop
          - source_labels: [__name__]
            regex: 'kubernetes_feature_enabled|apiserver_longrunning_requests'
            action: drop
          # Whitelist: only keep essential apiserver metrics (prevents regression to 250K samples/scrape)
          - source_labels: [__name__]
            regex: 'apiserver_request_total|apiserver_request_duration_seconds_sum|apiserver_request_duration_seconds_count|apiserver_requested_deprecated_apis|workqueue_depth|up|etcd_request_duration_seconds_sum|etcd_request_duration_seconds_count'
            action: keep
      - job_name: kubernetes-nodes
        scheme: https
        bearer_token_file: /var/run/secrets/kubernetes.io/serviceaccount/token
        kubernetes_sd_configs:
          - role: node
        relabel_configs:
          - action: labelmap
            regex: __meta_kubernetes_node_label_(.+)
          - replacement: kubernetes.default.svc:443
            target_label: __address__
          - regex: (.+)
            replacement: /api/v1/nodes/$1/proxy/metrics
            source_labels:
              - __meta_kubernetes_node_name
            target_label: __metrics_path__
        tls_config:
          ca_file: /var/run/secrets/kubernetes.io/serviceaccount/ca.crt
          insecure_skip_verify: true
        metric_relabel_configs:
          - source_labels: [__name__]
            regex: '(storage_operation_duration_seconds|csi_operations_seconds|volume_operation_total_seconds|kubelet_image_pull_duration_seconds|kubelet_http_requests_duration_seconds|rest_client_rate_limiter_duration_seconds|rest_client_request_duration_seconds|rest_client_request_size_bytes|rest_client_response_size_bytes|kubelet_pod_worker_duration_seconds|kubelet_volume_metric_collection_duration_seconds|kubelet_cgroup_manager_duration_seconds)_bucket'
            action: drop
          - source_labels: [__name__]
            regex: 'kubernetes_feature_enabled|kubelet_container_log_filesystem_used_bytes'
            action: drop
          # Whitelist: only keep essential kubelet metrics
          # pvc-autoresizer requires all four kubelet_volume_stats metrics
          # (available_bytes, capacity_bytes, inodes_free, inodes); it skips
          # any PVC missing even one. Without inodes_free + inodes the
          # autoresizer's GetMetrics returns empty for every PVC and the
          # reconcile is a no-op cluster-wide.
          - source_labels: [__name__]
            regex: 'kubelet_volume_stats_capacity_bytes|kubelet_volume_stats_used_bytes|kubelet_volume_stats_available_bytes|kubelet_volume_stats_inodes|kubelet_volume_stats_inodes_used|kubelet_volume_stats_inodes_free|kubelet_running_containers|kubelet_runtime_operations_errors_total|process_cpu_seconds_total|process_resident_memory_bytes|process_start_time_seconds|go_memstats_alloc_bytes|up'
            action: keep
      - job_name: kubernetes-nodes-cadvisor
        scheme: https
        bearer_token_file: /var/run/secrets/kubernetes.io/serviceaccount/token
        kubernetes_sd_configs:
          - role: node
        relabel_configs:
          - action: labelmap
            regex: __meta_kubernetes_node_label_(.+)
          - replacement: kubernetes.default.svc:443
            target_label: __address__
          - regex: (.+)
            replacement: /api/v1/nodes/$1/proxy/metrics/cadvisor
            source_labels:
              - __meta_kubernetes_node_name
            target_label: __metrics_path__
        tls_config:
          ca_file: /var/run/secrets/kubernetes.io/serviceaccount/ca.crt
          insecure_skip_verify: true
        metric_relabel_configs:
          - source_labels: [__name__]
            regex: 'container_tasks_state|container_memory_failures_total'
            action: drop
          - source_labels: [__name__]
            regex: 'container_fs_.*|container_blkio_.*|container_pressure_.*|container_spec_.*|container_ulimits_soft|container_file_descriptors|container_threads|container_threads_max|container_sockets|container_processes|container_last_seen|machine_nvm_.*|machine_swap_bytes|machine_cpu_physical_cores|machine_cpu_sockets|container_network_(receive|transmit)_(errors|packets_dropped)_total|container_cpu_(load_average_10s|load_d_average_10s|system_seconds_total|user_seconds_total)|container_memory_(cache|failcnt|kernel_usage|mapped_file|max_usage_bytes|rss|swap|total_active_file_bytes|total_inactive_file_bytes)'
            action: drop
          # Whitelist: only keep essential cAdvisor metrics
          - source_labels: [__name__]
            regex: 'container_cpu_usage_seconds_total|container_cpu_cfs_throttled_seconds_total|container_memory_working_set_bytes|container_network_receive_bytes_total|container_network_transmit_bytes_total|container_oom_events_total|container_spec_memory_limit_bytes|container_start_time_seconds|machine_cpu_cores|machine_memory_bytes'
            action: keep
      - job_name: kubernetes-service-endpoints
        honor_labels: true
        kubernetes_sd_configs:
          - role: endpoints
        relabel_configs:
          - action: keep
            regex: true
            source_labels:
              - __meta_kubernetes_service_annotation_prometheus_io_scrape
          - action: drop
            regex: true
            source_labels:
              - __meta_kubernetes_service_annotation_prometheus_io_scrape_slow
          # Only scrape Ready endpoints. Completed CronJob pods linger in the
          # service's EndpointSlice as NotReady addresses (their labels still
          # match the Service selector) and were scraped as down targets,
          # firing ScrapeTargetDown false positives (tts/tripit/beads, memory
          # id=4895). Dropping NotReady here kills that whole class; a Ready pod
          # whose metrics endpoint is genuinely broken still fires.
          - action: keep
            regex: true
            source_labels:
              - __meta_kubernetes_endpoint_ready
          - action: replace
            regex: (https?)
            source_labels:
              - __meta_kubernetes_service_annotation_prometheus_io_scheme
            target_label: __scheme__
          - action: replace
            regex: (.+)
            source_labels:
              - __meta_kubernetes_service_annotation_prometheus_io_path
            target_label: __metrics_path__
          - action: replace
            regex: (.+?)(?::\d+)?;(\d+)
            replacement: $1:$2
            source_labels:
              - __address__
              - __meta_kubernetes_service_annotation_prometheus_io_port
            target_label: __address__
          - action: labelmap
            regex: __meta_kubernetes_service_annotation_prometheus_io_param_(.+)
            replacement: __param_$1
          - action: labelmap
            regex: __meta_kubernetes_service_label_(.+)
          - action: replace
            source_labels:
              - __meta_kubernetes_namespace
            target_label: namespace
          - action: replace
            source_labels:
              - __meta_kubernetes_service_name
            target_label: service
          - action: replace
            source_labels:
              - __meta_kubernetes_pod_node_name
            target_label: node
        metric_relabel_configs:
          - source_labels: [__name__]
            regex: 'kube_replicaset_.*|kube_pod_tolerations|kube_pod_status_scheduled|kube_deployment_status_condition|kube_pod_labels|kube_pod_created|kube_pod_owner|kube_pod_container_info|kube_pod_init_container_.*|kube_endpoint_.*|kube_service_.*|kube_configmap_.*|kube_secret_.*|kube_lease_.*|kube_ingress_.*|kube_networkpolicy_.*|kube_certificatesigningrequest_.*|kube_limitrange_.*|kube_mutatingwebhookconfiguration_.*|kube_validatingwebhookconfiguration_.*|kube_verticalpodautoscaler_.*|kube_clusterrole.*|kube_role.*|kube_poddisruptionbudget_.*|coredns_proxy_request_duration_seconds_bucket|node_filesystem_device_error|node_filesystem_readonly'
            action: drop
          # Whitelist: only keep essential kube-state-metrics, node-exporter, and coredns
          # metrics — PLUS first-party app prefixes. TRAP (found 2026-07-11): this keep
          # applies to the WHOLE kubernetes-service-endpoints job, so an app that adds
          # prometheus.io/scrape annotations still gets every series silently dropped
          # unless its prefix is admitted below (tripit_* had been eaten since its
          # annotations landed; memory_* hit the same wall on day one). New app => add
          # your metric prefix here.
          # NB kube_job_status_active is required by the K8sUpgradeStalled live-job
          # guard (stacks/k8s-version-upgrade) — removing it re-opens the sticky-latch
          # false-critical (the guard would evaluate against an empty series).
          - source_labels: [__name__]
            regex: 'memory_.+|tripit_.+|sablier_.+|kube_cronjob_status_last_successful_time|kube_deployment_labels|kube_deployment_spec_replicas|kube_deployment_status_replicas_available|kube_deployment_status_replicas_unavailable|kube_job_status_active|kube_job_status_failed|kube_job_status_start_time|kube_node_info|kube_node_status_allocatable|kube_node_status_capacity|kube_node_status_condition|kube_persistentvolumeclaim_status_phase|kube_volumeattachment_info|kube_pod_container_resource_limits|kube_pod_container_resource_requests|kube_pod_container_status_restarts_total|kube_pod_container_status_running|kube_pod_container_status_waiting_reason|kube_pod_info|kube_pod_status_phase|kube_pod_status_ready|kube_pod_status_reason|kube_pod_status_conditions|kube_resourcequota|kube_statefulset_replicas|kube_statefulset_status_replicas_ready|kube_daemonset_status_desired_number_scheduled|kube_daemonset_status_number_ready|kube_node_spec_unschedulable|node_cpu_seconds_total|node_disk_io_time_seconds_total|node_disk_read_bytes_total|node_disk_written_bytes_total|node_disk_reads_completed_total|node_disk_writes_completed_total|node_filesystem_avail_bytes|node_filesystem_size_bytes|node_filesystem_device_error|node_filesystem_readonly|node_hwmon_chip_names|node_hwmon_temp_celsius|node_load1|node_load15|node_load5|node_memory_MemAvailable_bytes|node_memory_MemTotal_bytes|node_memory_Buffers_bytes|node_memory_Cached_bytes|node_memory_MemFree_bytes|node_memory_SwapTotal_bytes|node_memory_SwapFree_bytes|node_network_receive_bytes_total|node_network_transmit_bytes_total|node_nfs_requests_total|node_uname_info|node_vmstat_oom_kill|coredns_cache_entries|coredns_cache_hits_total|coredns_cache_misses_total|coredns_dns_requests_total|coredns_dns_responses_total|coredns_forward_requests_total|coredns_forward_responses_total|coredns_build_info|process_cpu_seconds_total|process_resident_memory_bytes|process_start_time_seconds|up|pve_.*'
            action: keep
      - job_name: kubernetes-service-endpoints-slow
        honor_labels: true
        scrape_interval: 5m
        scrape_timeout: 30s
        kubernetes_sd_configs:
          - role: endpoints
        relabel_configs:
          - action: keep
            regex: true
            source_labels:
              - __meta_kubernetes_service_annotation_prometheus_io_scrape_slow
          # Only scrape Ready endpoints — see kubernetes-service-endpoints above
          # (drops lingering completed-CronJob NotReady pods → no ScrapeTargetDown FP).
          - action: keep
            regex: true
            source_labels:
              - __meta_kubernetes_endpoint_ready
          - action: replace
            regex: (https?)
            source_labels:
              - __meta_kubernetes_service_annotation_prometheus_io_scheme
            target_label: __scheme__
          - action: replace
            regex: (.+)
            source_labels:
              - __meta_kubernetes_service_annotation_prometheus_io_path
            target_label: __metrics_path__
          - action: replace
            regex: (.+?)(?::\d+)?;(\d+)
            replacement: $1:$2
            source_labels:
              - __address__
              - __meta_kubernetes_service_annotation_prometheus_io_port
            target_label: __address__
          - action: labelmap
            regex: __meta_kubernetes_service_annotation_prometheus_io_param_(.+)
            replacement: __param_$1
          - action: labelmap
            regex: __meta_kubernetes_service_label_(.+)
          - action: replace
            source_labels:
              - __meta_kubernetes_namespace
            target_label: namespace
          - action: replace
            source_labels:
              - __meta_kubernetes_service_name
            target_label: service
          - action: replace
            source_labels:
              - __meta_kubernetes_pod_node_name
            target_label: node
      - job_name: prometheus-pushgateway
        honor_labels: true
        kubernetes_sd_configs:
          - role: service
        relabel_configs:
          - action: keep
            regex: pushgateway
            source_labels:
              - __meta_kubernetes_service_annotation_prometheus_io_probe
      - job_name: kubernetes-services
        honor_labels: true
        metrics_path: /probe
        params:
          module:
            - http_2xx
        kubernetes_sd_configs:
          - role: service
        relabel_configs:
          - action: keep
            regex: true
            source_labels:
              - __meta_kubernetes_service_annotation_prometheus_io_probe
          - source_labels:
              - __address__
            target_label: __param_target
          - replacement: blackbox
            target_label: __address__
          - source_labels:
              - __param_target
            target_label: instance
          - action: labelmap
            regex: __meta_kubernetes_service_label_(.+)
          - source_labels:
              - __meta_kubernetes_namespace
            target_label: namespace
          - source_labels:
              - __meta_kubernetes_service_name
            target_label: service
      - job_name: kubernetes-pods
        honor_labels: true
        kubernetes_sd_configs:
          - role: pod
        relabel_configs:
          - action: keep
            regex: true
            source_labels:
              - __meta_kubernetes_pod_annotation_prometheus_io_scrape
          - action: drop
            regex: traefik
            source_labels:
              - __meta_kubernetes_namespace
          - action: drop
            regex: true
            source_labels:
              - __meta_kubernetes_pod_annotation_prometheus_io_scrape_slow
          - action: replace
            regex: (https?)
            source_labels:
              - __meta_kubernetes_pod_annotation_prometheus_io_scheme
            target_label: __scheme__
          - action: replace
            regex: (.+)
            source_labels:
              - __meta_kubernetes_pod_annotation_prometheus_io_path
            target_label: __metrics_path__
          - action: replace
            regex: (\d+);(([A-Fa-f0-9]{1,4}::?){1,7}[A-Fa-f0-9]{1,4})
            replacement: '[$2]:$1'
            source_labels:
              - __meta_kubernetes_pod_annotation_prometheus_io_port
              - __meta_kubernetes_pod_ip
            target_label: __address__
          - action: replace
            regex: (\d+);((([0-9]+?)(\.|$)){4})
            replacement: $2:$1
            source_labels:
              - __meta_kubernetes_pod_annotation_prometheus_io_port
              - __meta_kubernetes_pod_ip
            target_label: __address__
          - action: labelmap
            regex: __meta_kubernetes_pod_annotation_prometheus_io_param_(.+)
            replacement: __param_$1
          - action: labelmap
            regex: __meta_kubernetes_pod_label_(.+)
          - action: replace
            source_labels:
              - __meta_kubernetes_namespace
            target_label: namespace
          - action: replace
            source_labels:
              - __meta_kubernetes_pod_name
            target_label: pod
          - action: drop
            regex: Pending|Succeeded|Failed|Completed
            source_labels:
              - __meta_kubernetes_pod_phase
          - action: replace
            source_labels:
              - __meta_kubernetes_pod_node_name
            target_label: node
      - job_name: kubernetes-pods-slow
        honor_labels: true
        scrape_interval: 5m
        scrape_timeout: 30s
        kubernetes_sd_configs:
          - role: pod
        relabel_configs:
          - action: keep
            regex: true
            source_labels:
              - __meta_kubernetes_pod_annotation_prometheus_io_scrape_slow
          - action: replace
            regex: (https?)
            source_labels:
              - __meta_kubernetes_pod_annotation_prometheus_io_scheme
            target_label: __scheme__
          - action: replace
            regex: (.+)
            source_labels:
              - __meta_kubernetes_pod_annotation_prometheus_io_path
            target_label: __metrics_path__
          - action: replace
            regex: (\d+);(([A-Fa-f0-9]{1,4}::?){1,7}[A-Fa-f0-9]{1,4})
            replacement: '[$2]:$1'
            source_labels:
              - __meta_kubernetes_pod_annotation_prometheus_io_port
              - __meta_kubernetes_pod_ip
            target_label: __address__
          - action: replace
            regex: (\d+);((([0-9]+?)(\.|$)){4})
            replacement: $2:$1
            source_labels:
              - __meta_kubernetes_pod_annotation_prometheus_io_port
              - __meta_kubernetes_pod_ip
            target_label: __address__
          - action: labelmap
            regex: __meta_kubernetes_pod_annotation_prometheus_io_param_(.+)
            replacement: __param_$1
          - action: labelmap
            regex: __meta_kubernetes_pod_label_(.+)
          - action: replace
            source_labels:
              - __meta_kubernetes_namespace
            target_label: namespace
          - action: replace
            source_labels:
              - __meta_kubernetes_pod_name
            target_label: pod
          - action: drop
            regex: Pending|Succeeded|Failed|Completed
            source_labels:
              - __meta_kubernetes_pod_phase
          - action: replace
            source_labels:
              - __meta_kubernetes_pod_node_name
            target_label: node
  # prometheus.yml:
  # storage:
  # tsdb:
  #   # no_lockfile: true
  #   # max_blocks_in_cache: 100000
  #   # max_lookback_duration: 0s
  #   # min_block_duration: 2h
  #   # retention: 15d
  #   # chunk_encoding: 1
  #   # chunk_range: 1h
  #   # max_chunks_to_persist: 4800
  #   # chunks_to_persist: 4800
  #   cache:
  #     entries: 5000
  #   head:
  #     chunk_bytes: 1048576
  #   # wal:
  #     # compressions: 1
  #     # flush_after_seconds: 30
  #     # segment_size: 1073741824
  #   series_file:
  #     # no_sync: true
  #     # max_concurrent_writes: 256
  #     # block_size: 262144
  #     cache:
  #       max_size: 1073741824

  #   alertingaaa:
  #     alertmanagers:
  #       - static_configs:
  #           targets: "alertmanager.viktorbarzin.lan"
  alerting_rules.yml:
    groups:
      # GPU VRAM budget (ADR-0016). The post-mortem 2026-06-02 follow-up — alert
      # on GPU free-VRAM — finally built. Physical T4 = 15360 MiB; free =
      # physical - sum(gpu_pod_memory_used_bytes) (the host-PID exporter gauge).
      - name: GPU VRAM
        rules:
          - alert: GPUVRAMLow
            # keep_firing_for: free VRAM crosses 1024 MiB as tenants load and
            # unload models, producing 4 fire/resolve pairs of exactly 5m each in
            # 7 days (measured 2026-08-10) for one oversubscription episode.
            expr: (15360 * 1024 * 1024 - sum(gpu_pod_memory_used_bytes)) / 1024 / 1024 < 1024 and on() (time() - process_start_time_seconds{job="prometheus"}) > 900
            for: 10m
            keep_firing_for: 1h
            labels:
              severity: warning
            annotations:
              summary: "GPU free VRAM {{ $value | printf \"%.0f\" }} MiB (<1024) — T4 oversubscribed; gpu-vram-watchdog recycles the biggest over-budget tenant. See ADR-0016."
          - alert: GPUVRAMTelemetryDown
            expr: absent(gpu_pod_memory_used_bytes)
            for: 15m
            labels:
              severity: warning
            annotations:
              summary: "GPU VRAM telemetry (gpu-pod-exporter) absent 15m — the free-VRAM alert AND the watchdog are blind to per-pod usage."
          - alert: GPUVRAMWatchdogDown
            expr: kube_deployment_status_replicas_available{namespace="nvidia", deployment="gpu-vram-watchdog"} < 1
            for: 15m
            labels:
              severity: warning
            annotations:
              summary: "gpu-vram-watchdog has no available replica for 15m — runtime VRAM enforcement (over-budget recycle) is OFF. Budget still scheduler-enforced."
      # chrome-service browser pool (broker + FleetView + worker pods). The
      # broker exposes browser_* gauges (job=kubernetes-pods). A CPU-wedged worker
      # is the 6.5h-swiftshader class — the CPU limit caps it at 4 cores and the
      # 60m activeDeadline reaps it; this fires well before that so it's visible.
      - name: Chrome Pool
        rules:
          - alert: ChromePoolBrokerDown
            expr: kube_deployment_status_replicas_available{namespace="chrome-service", deployment="chrome-broker"} < 1
            for: 5m
            labels:
              severity: warning
            annotations:
              summary: "chrome-broker has no available replica for 5m — the browser pool can't hand out sessions (homelab browser falls back to the master)."
          - alert: ChromeWorkerWedged
            expr: sum by (pod) (rate(container_cpu_usage_seconds_total{namespace="chrome-service", pod=~"chrome-worker.*"}[5m])) > 3
            for: 10m
            labels:
              severity: warning
            annotations:
              summary: "Pool worker {{ $labels.pod }} pegging >3 cores for 10m — the wedged-browser signature. CPU limit caps it at 4; the 60m activeDeadline (bare) / broker reaper (warm) will recycle it."
          - alert: ChromePoolSeedExportFailing
            expr: increase(browser_seed_export_errors_total{namespace="chrome-service"}[15m]) > 0
            for: 15m
            labels:
              severity: warning
            annotations:
              summary: "chrome-broker storage_state seed export from the master is failing (>0 errors/15m) — pool sessions can't inherit logged-in cookies. Check the master browser + CDP."
          - alert: ChromePoolQuotaExhausted
            expr: kube_resourcequota{namespace="chrome-service", resource="count/pods", type="used"} / kube_resourcequota{namespace="chrome-service", resource="count/pods", type="hard"} > 0.9
            for: 10m
            labels:
              severity: warning
            annotations:
              summary: "chrome-service pod quota >90% used for 10m — the pool may be unable to burst new workers. Raise the chrome-pool ResourceQuota or investigate leaked sessions."
      - name: R730 Host
        rules:
          - alert: HighCPUTemperature
            expr: node_hwmon_temp_celsius{instance="pve-node-r730"} * on(chip) group_left(chip_name) node_hwmon_chip_names{instance="pve-node-r730"} > 75
            for: 30m
            labels:
              severity: warning
            annotations:
              summary: "CPU temp: {{ $value | printf \"%.0f\" }}°C (threshold: 75°C)"
          # sdb is the 1 TB Samsung 850 EVO — a consumer drive at ~28.5% of its
          # rated 150 TBW and effectively idle (0.1 GB written in 24h). This is
          # a WEAR canary, not a performance one: an SSD does not care about
          # 2 MB/s, but 2 MB/s sustained is 173 GB/day, which would consume the
          # remaining endurance in under two years. If it fires, something new
          # started writing here and that is worth knowing before it eats the
          # drive.
          - alert: SSDHighWriteRate
            expr: rate(node_disk_written_bytes_total{job="proxmox-host", device="sdb"}[2m]) / 1024 / 1024 > 2 and on() (time() - process_start_time_seconds{job="prometheus"}) > 900 # sdb is SSD; value in MB
            for: 10m
            labels:
              severity: info
            annotations:
              summary: "SSD write rate: {{ $value | printf \"%.1f\" }} MB/s sustained (threshold 2 MB/s ≈ 173 GB/day — this drive is a wear budget, not a workhorse)"

          # ---------------------------------------------------------------
          # sdc — the 2x12 TB RAID1 spindle that carries pve-root, swap, every
          # VM disk, the whole Proxmox-CSI PVC fleet, etcd and /srv/nfs. It is
          # the shared resource on this host, so its saturation is felt by
          # everything at once.
          #
          # Thresholds are anchored to MEASURED 7-day distributions taken
          # 2026-08-16, each set at or just above p99 so that firing means
          # "unusual" rather than "a busy Tuesday":
          #     write MB/s      p50 2.6   p95 7.9    p99 16.3   max 39.6
          #     read  MB/s      p50 0.3   p95 65.5   p99 88.9   max 114.1
          #     IOPS            p50 254   p95 1198   p99 1515   max 2212
          #     util %          p50 4.8   p95 71.8   p99 81.4   max 88.2
          #     read latency    p50 7.5ms p95 22.9ms p99 92.7ms
          # Re-derive these if the workload changes materially — a threshold
          # copied from someone else's disk is worse than no threshold.
          #
          # Two of these are the SYMPTOM (latency, saturation) and are warnings;
          # the rest are VOLUME and are info. An inhibit rule stops the volume
          # ones notifying while the device is already known to be saturated —
          # they would only be restating the same event.
          # ---------------------------------------------------------------

          # The signal that actually correlates with "the homelab feels slow".
          # Reads are the part the PERC write-back cache cannot absorb, so this
          # is the closest thing to a user-visible latency SLI on this host.
          # Guarded on a real read rate (>20 IOPS) so a single slow read on an
          # otherwise idle device cannot trip it.
          - alert: HDDReadLatencyHigh
            expr: |
              (1000 * rate(node_disk_read_time_seconds_total{job="proxmox-host", device="sdc"}[5m])
                / clamp_min(rate(node_disk_reads_completed_total{job="proxmox-host", device="sdc"}[5m]), 1) > 50)
              and (rate(node_disk_reads_completed_total{job="proxmox-host", device="sdc"}[5m]) > 20)
              and on() (time() - process_start_time_seconds{job="prometheus"}) > 900
            for: 15m
            keep_firing_for: 1h
            labels:
              severity: warning
            annotations:
              summary: "sdc read latency {{ $value | printf \"%.0f\" }} ms (threshold 50 ms; normal p95 is 23 ms) — everything sharing this spindle is waiting, incl. etcd"

          # Device pinned. Above p99 (81%), so this is genuine saturation
          # rather than the nightly housekeeping window.
          - alert: HDDSaturated
            expr: rate(node_disk_io_time_seconds_total{job="proxmox-host", device="sdc"}[5m]) * 100 > 85 and on() (time() - process_start_time_seconds{job="prometheus"}) > 900
            for: 15m
            keep_firing_for: 1h
            labels:
              severity: warning
            annotations:
              summary: "sdc {{ $value | printf \"%.0f\" }}% busy (threshold 85%; p99 is 81%) — no headroom left on the shared spindle"

          # IOPS is the binding constraint on a 7200 rpm pair, more than
          # bandwidth is: 1600 random IOPS is far past what the spindles can
          # actually service, so the queue is building somewhere.
          - alert: HDDHighIOPS
            expr: |
              (rate(node_disk_reads_completed_total{job="proxmox-host", device="sdc"}[5m])
                + rate(node_disk_writes_completed_total{job="proxmox-host", device="sdc"}[5m])) > 1600
              and on() (time() - process_start_time_seconds{job="prometheus"}) > 900
            for: 15m
            keep_firing_for: 30m
            labels:
              severity: info
            annotations:
              summary: "sdc {{ $value | printf \"%.0f\" }} IOPS (threshold 1600; p99 is 1515)"

          - alert: HDDHighReadRate
            expr: rate(node_disk_read_bytes_total{job="proxmox-host", device="sdc"}[5m]) / 1024 / 1024 > 90 and on() (time() - process_start_time_seconds{job="prometheus"}) > 900
            for: 15m
            keep_firing_for: 30m
            labels:
              severity: info
            annotations:
              summary: "sdc read rate {{ $value | printf \"%.1f\" }} MB/s (threshold 90 MB/s; p99 is 89)"

          # Was 10 MB/s for 20m, which sat between p95 (7.9) and p99 (16.3) and
          # so needed 20 unbroken minutes in the top few percent — it never
          # fired once in 30 days, through the whole period sdc was the
          # documented bottleneck. Moved to just above p99 with a shorter `for`,
          # so it stays quiet in normal operation but can actually trip.
          - alert: HDDHighWriteRate
            expr: rate(node_disk_written_bytes_total{job="proxmox-host", device="sdc"}[5m]) / 1024 / 1024 > 20 and on() (time() - process_start_time_seconds{job="prometheus"}) > 900 # sdc is 11TB HDD; value in MB
            for: 15m
            keep_firing_for: 30m
            labels:
              severity: info
            annotations:
              summary: "sdc write rate {{ $value | printf \"%.1f\" }} MB/s (threshold 20 MB/s; p99 is 16)"

          # The rate alerts above all use a 5-minute window with a 15-minute
          # `for`, so they are blind to the failure mode that actually cost us:
          # a workload writing or reading steadily, all day, never spiking high
          # enough or long enough to trip a rate threshold. That is exactly how
          # sdc reached 464 GB written and 606 GB read per day with nothing
          # alerting. These two catch the daily total instead.
          #
          # Baselines when written (2026-08-16, 30d): 464 GB/day written,
          # 606 GB/day read. Both should now fall — MySQL, Redis and
          # paperless-ai were cut, and the nightly full vzdump (245 GB of reads)
          # went weekly. Thresholds are set above the EXPECTED post-change
          # steady state so they fire on a regression toward the old behaviour.
          # REVISIT once a full week of post-change data exists; if the new
          # baseline settles far below these, tighten them.
          - alert: HDDDailyWriteVolume
            expr: increase(node_disk_written_bytes_total{job="proxmox-host", device="sdc"}[24h]) / 1e9 > 600 and on() (time() - process_start_time_seconds{job="prometheus"}) > 900
            for: 30m
            labels:
              severity: info
            annotations:
              summary: "sdc wrote {{ $value | printf \"%.0f\" }} GB in 24h (threshold 600 GB; 30d baseline was 464, expected lower now)"

          - alert: HDDDailyReadVolume
            expr: increase(node_disk_read_bytes_total{job="proxmox-host", device="sdc"}[24h]) / 1e9 > 700 and on() (time() - process_start_time_seconds{job="prometheus"}) > 900
            for: 30m
            labels:
              severity: info
            annotations:
              summary: "sdc read {{ $value | printf \"%.0f\" }} GB in 24h (threshold 700 GB; 30d baseline was 606, expected lower now the nightly full image is weekly)"
          # keep_firing_for: host load oscillates across the 50% line, so this
          # fired and cleared 10 times in 7 days (20 Slack posts) for what is
          # really one busy period. Held open so a busy stretch reads as one
          # episode. Measured 2026-08-10.
          - alert: HighSystemLoad
            expr: scalar(node_load1{instance="pve-node-r730"}) * 100 / count(count(node_cpu_seconds_total{instance="pve-node-r730"}) by (cpu)) > 50
            for: 30m
            keep_firing_for: 2h
            labels:
              severity: info
            annotations:
              summary: "System load: {{ $value | printf \"%.0f\" }}% (threshold: 50%)"
          - alert: FanFailure
            expr: r730_idrac_coolingDeviceStatus != 3
            for: 5m
            labels:
              severity: warning
            annotations:
              summary: "Fan unhealthy on R730 - check iDRAC"
      - name: RPi Sofia
        rules:
          - alert: RpiSofiaDown
            expr: up{job="rpi-sofia"} == 0
            for: 5m
            labels:
              severity: critical
            annotations:
              summary: "rpi-sofia node_exporter unreachable for 5m — Pi down or network/SD wedge (cameras + solar feed at risk)"
          - alert: RpiSofiaFilesystemReadonly
            expr: node_filesystem_readonly{instance="rpi-sofia", mountpoint="/"} == 1
            for: 2m
            labels:
              severity: critical
            annotations:
              summary: "rpi-sofia rootfs is READ-ONLY — failing SD card (the silent-journal failure mode from this incident). Reflash/replace the card."
          - alert: RpiSofiaUndervoltage
            # Edge-trigger on the sticky firmware bit (rpi_under_voltage_now is too
            # transient to catch at 1-min sampling — 0 hits in 14d). Fires on a NEW latch
            # and auto-resolves ~1h later instead of latching until reboot; counter-reset
            # handling makes a clean reboot a no-op. Since-boot state + history: Grafana "RPi Sofia".
            expr: increase(rpi_under_voltage_occurred{instance="rpi-sofia"}[1h]) > 0
            for: 5m
            labels:
              severity: warning
            annotations:
              summary: "rpi-sofia under-voltage event in the last hour — check PSU/USB power cable + SD card"
              description: "A new under-voltage brown-out latched on rpi-sofia within the last 1h (repeat/sustained events risk SD-card corruption). Sticky since-boot flag + history on Grafana 'RPi Sofia' (Hardware)."
          - alert: RpiSofiaHighTemp
            expr: rpi_soc_temp_celsius{instance="rpi-sofia"} > 75
            for: 10m
            labels:
              severity: warning
            annotations:
              summary: "rpi-sofia SoC temp: {{ $value | printf \"%.0f\" }}°C (threshold: 75°C)"
      - name: Nvidia Tesla T4 GPU
        rules:
          - alert: HighGPUTemp
            # T4 slows ~85°C / shuts down ~95°C. 7-day temp p50=51 / max=66°C, so
            # the old >65 fired on normal warmth with ~20°C of headroom unused.
            # 80°C = genuinely dangerously close to the thermal-throttle limit
            # (retuned 2026-07-06 from >65, calibrated on 7d DCGM data).
            expr: nvidia_tesla_t4_DCGM_FI_DEV_GPU_TEMP > 80
            for: 3m  # bumped from 1m for global scrape_interval=2m
            labels:
              severity: warning
            annotations:
              summary: "GPU temp: {{ $value | printf \"%.0f\" }}°C (threshold: 80°C — throttle ~85°C)"
          - alert: HighPowerUsage
            # T4 TDP ~70W. 7-day power p50=33 / p99=72.75 / max=75W, so the old >50
            # fired on any real load. >73 = at/over the power limit — the only
            # "dangerously close to a limit" band with headroom (retuned 2026-07-06).
            # keep_firing_for: GPU draw crosses the TDP line in bursts, giving 6
            # fire/resolve pairs in 7 days for one sustained-load period
            # (measured 2026-08-10).
            expr: nvidia_tesla_t4_DCGM_FI_DEV_POWER_USAGE > 73
            for: 30m
            keep_firing_for: 2h
            labels:
              severity: info
              subsystem: gpu
            annotations:
              summary: "GPU power: {{ $value | printf \"%.0f\" }}W (threshold: 73W — TDP ~70W)"
          - alert: HighUtilization
            # GPU is usually near-idle (7-day util p50=11%) but bursts to 100% for
            # legit work (frigate/LLM). A single high sample is normal; SUSTAINED
            # saturation is the "something's stuck/runaway" signal. >95% for 4h
            # catches that without firing on normal bursts (retuned 2026-07-06 from
            # >50%/30m). Tune the 4h window if normal heavy jobs run longer.
            expr: nvidia_tesla_t4_DCGM_FI_DEV_GPU_UTIL > 95
            for: 4h
            labels:
              severity: info
            annotations:
              summary: "GPU util sustained {{ $value | printf \"%.0f\" }}% for 4h (threshold: 95%) — possible stuck/runaway workload"
          - alert: HighMemoryUsage
            expr: nvidia_tesla_t4_DCGM_FI_DEV_FB_USED / 1024 > 14
            for: 15m
            labels:
              severity: info
            annotations:
              summary: "VRAM used: {{ $value | printf \"%.1f\" }} GB (threshold: 14 GB)"
          - alert: NvidiaExporterDown
            expr: absent(nvidia_tesla_t4_DCGM_FI_DEV_GPU_TEMP) == 1
            for: 10m
            labels:
              severity: critical
            annotations:
              summary: "NVIDIA GPU exporter is down - no GPU metrics available"
          - alert: GPUNodeUnschedulable
            expr: kube_node_spec_unschedulable{node="k8s-node1"} == 1
            for: 5m
            labels:
              severity: critical
              subsystem: gpu
            annotations:
              summary: "GPU node {{ $labels.node }} is cordoned — Frigate and GPU workloads cannot schedule"
      - name: Immich Smart Search
        rules:
          # Context (smart) search latency. The vchord clip_index must stay
          # resident in PG shared_buffers; if it decays out of cache an ANN
          # probe pays a ~1.8s cold storage read vs ~4ms warm. Since 2026-08-16
          # ONE CronJob does both: immich-search-probe (immich ns, */5) prewarms
          # the index on the :00/:30 ticks, then measures a representative ANN
          # query and pushes these gauges to the Pushgateway. It also carries a
          # warmup sidecar that keeps the CLIP model resident.
          # keep_firing_for: probe latency straddles the 1s line while the
          # clip_index is partially evicted — 6 fire/resolve pairs in 7 days for
          # one cache-cold episode (measured 2026-08-10).
          - alert: ImmichSmartSearchSlow
            expr: immich_smart_search_db_seconds{job="immich-search-probe"} > 1
            for: 15m
            keep_firing_for: 2h
            labels:
              severity: warning
            annotations:
              summary: "Immich context search slow: {{ $value | printf \"%.2f\" }}s (>1s) — clip_index likely evicted; check the immich-search-probe CronJob, which now also does the prewarm"
          - alert: ImmichClipIndexColdCache
            expr: immich_clip_index_cached_pct{job="immich-search-probe"} >= 0 and immich_clip_index_cached_pct{job="immich-search-probe"} < 50
            for: 15m
            labels:
              severity: warning
            annotations:
              summary: "Immich clip_index only {{ $value | printf \"%.0f\" }}% resident in PG shared_buffers — smart search will be slow (the prewarm step of immich-search-probe may be failing)"
          - alert: ImmichSearchProbeStale
            expr: time() - immich_smart_search_probe_last_run_timestamp{job="immich-search-probe"} > 1800
            for: 10m
            labels:
              severity: warning
            annotations:
              summary: "Immich search probe has not reported in {{ $value | printf \"%.0f\" }}s — immich-search-probe CronJob may be broken"
      - name: Tailscale subnet router
        rules:
          # The pfSense subnet router (tailnet 100.64.0.9, tag:infra) is what
          # lets Tailscale clients reach the Sofia LAN. It sat `Logged out` from
          # ~2026-07-18 to 2026-08-03 with nobody noticing, which is why these
          # exist. Gauges come from the tailscale-subnet-router-probe CronJob
          # (headscale ns, every 6h), which joins the tailnet as an ephemeral
          # tag:probe node and pulls HTTP through the subnet routes.
          # Runbook: docs/runbooks/pfsense-tailscale-subnet-router.md
          - alert: TailscaleSubnetRouterDown
            expr: tailscale_subnet_router_up{job="tailscale-subnet-router-probe"} == 0
            # 6h cadence: a single failed run must alert, so `for` only needs to
            # outlast evaluation jitter, not a second sample.
            for: 10m
            labels:
              severity: warning
              subsystem: vpn
            annotations:
              summary: "Tailscale subnet router (pfSense 100.64.0.9) did not answer a tailnet ping — Tailscale clients cannot reach the Sofia LAN. Check `tailscale status` on pfSense; re-register with ansible-playbook playbooks/pfsense-tailscale.yml"
          - alert: TailscaleLanUnreachableViaTailnet
            # Route-level: the router answers but traffic does not traverse a
            # subnet route (pf/NAT drift, route un-approved, remote WG leg down).
            expr: tailscale_subnet_route_reachable{job="tailscale-subnet-router-probe"} == 0
            for: 10m
            labels:
              severity: warning
              subsystem: vpn
            annotations:
              summary: "Tailscale clients cannot reach {{ $labels.route }} (probe target {{ $labels.target }}) through the subnet router — route may be unapproved in Headscale, or pfSense NAT/pf rules drifted"
          - alert: TailscaleSubnetRouterProbeStale
            # Backstop for the probe itself: covers a broken CronJob AND the
            # tag:probe pre-auth key expiring. 13h ~= two missed 6h runs.
            expr: time() - tailscale_subnet_router_probe_last_run_timestamp{job="tailscale-subnet-router-probe"} > 46800
            for: 10m
            labels:
              severity: warning
              subsystem: vpn
            annotations:
              summary: "Tailscale subnet-router probe has not reported in {{ $value | printf \"%.0f\" }}s (>2 missed runs) — the probe CronJob or its tag:probe pre-auth key may be broken; LAN reachability is UNVERIFIED, not necessarily broken"
      - name: Power
        rules:
          - alert: OnBattery
            expr: ups_upsSecondsOnBattery > 0
            for: 30m
            labels:
              severity: critical
            annotations:
              summary: "UPS on battery: {{ $value | printf \"%.0f\" }}s"
          - alert: LowUPSBattery
            expr: ups_upsEstimatedMinutesRemaining < 25 and on(instance) ups_upsInputVoltage < 150
            for: 3m  # bumped from 1m for global scrape_interval=2m; snmp-ups job pinned to 30s
            labels:
              severity: critical
            annotations:
              summary: "UPS battery low: {{ $value | printf \"%.0f\" }} min remaining (threshold: 25 min)"
          - alert: PowerOutage
            expr: ups_upsInputVoltage < 150
            for: 3m  # bumped from 1m for global scrape_interval=2m; snmp-ups job pinned to 30s
            labels:
              severity: critical
            annotations:
              summary: "Power outage - input voltage: {{ $value | printf \"%.0f\" }}V (threshold: <150V)"
          # --- NAS power watchdog (scripts/server_safe_poweroff, code-xgcg) ---
          # These fire once the fixed watchdog is deployed to the NAS and pushes
          # to Pushgateway job=powercheck. Until it is deployed, only
          # PowercheckWatchdogNeverReported fires (a deploy nudge).
          - alert: PowercheckWatchdogNeverReported
            expr: absent(powercheck_last_run_timestamp_seconds{job="powercheck"})
            for: 30m
            labels:
              severity: warning
            annotations:
              summary: "NAS power watchdog has never pushed metrics — binary/Synology-task/pushgateway path not live yet"
          - alert: PowercheckWatchdogStale
            expr: time() - powercheck_last_run_timestamp_seconds{job="powercheck"} > 1800
            for: 5m
            labels:
              severity: warning
            annotations:
              summary: "NAS power watchdog silent for {{ $value | humanizeDuration }} (>30m = 3 missed 10-min cycles)"
          - alert: PowercheckUnhealthy
            expr: powercheck_up{job="powercheck"} == 0
            for: 12m
            labels:
              severity: warning
            annotations:
              summary: "NAS power watchdog cannot read iDRAC power-state and/or UPS SNMP — cannot protect the host"
          - alert: PowercheckShutdownPostFailed
            expr: powercheck_last_shutdown_error{job="powercheck"} == 1
            for: 0m
            labels:
              severity: critical
            annotations:
              summary: "NAS watchdog GracefulShutdown POST FAILED — the shutdown safety path is broken"
          - alert: PowercheckPowerOnPostFailed
            expr: powercheck_last_poweron_error{job="powercheck"} == 1
            for: 0m
            labels:
              severity: critical
            annotations:
              summary: "NAS watchdog power-On POST FAILED — the (now sole) power-on path is broken"
          - alert: PowercheckShutdownIneffective
            expr: powercheck_server_power_on{job="powercheck"} == 1 and (time() - powercheck_last_shutdown_attempt_timestamp_seconds{job="powercheck"}) > 300 and (time() - powercheck_last_shutdown_attempt_timestamp_seconds{job="powercheck"}) < 1800
            for: 0m
            labels:
              severity: critical
            annotations:
              summary: "Watchdog issued a GracefulShutdown but the server is STILL ON — shutdown ineffective"
          # Renamed from HighPowerUsage 2026-08-10: the name was shared with the
          # T4 GPU rule in the "Nvidia Tesla T4 GPU" group. Two unrelated alerts
          # under one alertname means Alertmanager (which groups by alertname)
          # can batch them together, the inhibit-rule target lists cannot address
          # one without the other, and a Slack line reading "[INFO]
          # HighPowerUsage" does not say whether the server or the GPU is hot --
          # only the summary text distinguished them. Both were live; the 6
          # fire/resolve pairs in the 7 days to 2026-08-10 were all this one
          # ("Server power: 322W"). Not in kured's alertFilterRegexp, so the
          # rename does not change reboot gating.
          #
          # keep_firing_for: the R730's "System Board Pwr Consumption" sits right
          # on this threshold -- it reported 308-322W against a 300W line, and
          # memory records the server's steady draw as ~294W -- so it crossed and
          # cleared repeatedly. THRESHOLD LEFT ALONE deliberately: at 300W this
          # fires on the server simply being powered on, so the number wants
          # revisiting against what "high" should mean for this machine, which is
          # a judgement call rather than something to guess here.
          - alert: ServerHighPowerUsage
            expr: r730_idrac_amperageProbeReading{amperageProbeLocationName="System Board Pwr Consumption"} > 300
            for: 60m
            keep_firing_for: 2h
            labels:
              severity: info
              subsystem: r730
            annotations:
              summary: "Server power: {{ $value | printf \"%.0f\" }}W (threshold: 300W)"
          - alert: UsingInverterEnergyForTooLong
            expr: automatic_transfer_switch_power_mode > 0 and on() ups_upsEstimatedChargeRemaining < 80
            for: 1h
            labels:
              severity: warning
            annotations:
              summary: "On inverter with battery draining ({{ $value }}% charge) - may be stuck on inverter"
          - alert: UPSAlarmsActive
            expr: ups_upsAlarmsPresent > 0
            for: 5m
            labels:
              severity: critical
            annotations:
              summary: "UPS has {{ $value }} active alarm(s)"
          - alert: UPSBatteryDegraded
            expr: ups_upsBatteryStatus != 2
            for: 1h
            labels:
              severity: warning
            annotations:
              summary: "UPS battery status abnormal ({{ $value }}, expected 2=normal)"
          - alert: UPSOverloaded
            expr: ups_upsOutputPercentLoad{upsOutputLineIndex="1"} > 80
            for: 15m
            labels:
              severity: warning
            annotations:
              summary: "UPS load: {{ $value }}% (threshold: 80%)"
          - alert: UPSOutputVoltageAbnormal
            expr: ups_upsOutputVoltage{upsOutputLineIndex="1"} < 210 or ups_upsOutputVoltage{upsOutputLineIndex="1"} > 250
            for: 5m
            labels:
              severity: critical
            annotations:
              summary: "UPS output voltage: {{ $value }}V (expected 210-250V)"
          - alert: ATSFault
            expr: automatic_transfer_switch_fault != 0
            for: 2m
            labels:
              severity: critical
            annotations:
              summary: "ATS fault detected (value: {{ $value }})"
          - alert: ATSPowerFault
            expr: automatic_transfer_switch_power_fault != 0
            for: 2m
            labels:
              severity: critical
            annotations:
              summary: "ATS power fault detected (value: {{ $value }})"
          # UNITS: automatic_transfer_switch_load_power_watts carries DECIWATTS
          # despite its name. tuya_bridge passes the raw Tuya datapoint straight
          # through (metrics_definition.py does `metrics[code].set(float(val))`
          # with no scaling), and this device reports 0.1 W units.
          # Confirmed 2026-08-10: the raw 1d average is 2218. Read as watts that
          # is 2218 W from this one ATS, against a whole-house
          # fuse_main_active_power averaging 0.651 kW (min 0.238 / max 4.061) --
          # 3.4x the entire house, so the raw reading cannot be watts. The
          # dashboards/ups.json "Current Consumption" panel already divides by 10
          # for the same reason; this rule was the one consumer that did not, so
          # it reported "ATS load: 3351W" for a real 335 W load.
          # Dividing here keeps the trip point at the same 300 W of real load it
          # has always had -- the threshold is deliberately unchanged, only the
          # arithmetic and the message are corrected. The device's rated
          # continuous capacity is not recorded anywhere in this repo; revisit
          # the 300 W number once it is known.
          # keep_firing_for: real load sits between p50 (262 W) and p90 (320 W),
          # so 10m excursions crossed and cleared 32 times in 7 days = 64 Slack
          # posts (fire + resolve). One post per episode now.
          - alert: ATSOverload
            expr: (automatic_transfer_switch_load_power_watts / 10) > 300
            for: 10m
            keep_firing_for: 2h
            labels:
              severity: warning
            annotations:
              summary: "ATS load: {{ $value | printf \"%.0f\" }}W (threshold: 300W)"
          - alert: ATSInputVoltageAbnormal
            expr: automatic_transfer_switch_voltage_l1_volts < 200 or automatic_transfer_switch_voltage_l1_volts > 260
            for: 5m
            labels:
              severity: critical
            annotations:
              summary: "ATS input voltage: {{ $value | printf \"%.0f\" }}V (expected 200-260V)"
      - name: Server Health
        rules:
          - alert: iDRACSystemUnhealthy
            expr: r730_idrac_globalSystemStatus != 3
            for: 5m
            labels:
              severity: critical
            annotations:
              summary: "iDRAC system health state: {{ $value }} (expected 3=OK)"
          - alert: iDRACPowerSupplyUnhealthy
            expr: r730_idrac_powerSupplyStatus != 3
            for: 5m
            labels:
              severity: critical
            annotations:
              summary: "iDRAC PSU {{ $labels.member_id }} unhealthy (state: {{ $value }})"
          - alert: iDRACMemoryUnhealthy
            expr: r730_idrac_systemStateMemoryDeviceStatusCombined != 3
            for: 5m
            labels:
              severity: critical
            annotations:
              summary: "iDRAC memory subsystem unhealthy (state: {{ $value }})"
          - alert: iDRACStorageDriveUnhealthy
            expr: r730_idrac_physicalDiskComponentStatus != 3
            for: 5m
            labels:
              severity: critical
            annotations:
              summary: "iDRAC storage drive {{ $labels.member_id }} unhealthy (state: {{ $value }})"
          - alert: iDRACSSDWearCritical
            expr: r730_idrac_idrac_storage_drive_life_left_percent > 0 and r730_idrac_idrac_storage_drive_life_left_percent < 10
            for: 1h
            labels:
              severity: critical
            annotations:
              summary: "SSD {{ $labels.id }} has {{ $value }}% life remaining"
          - alert: iDRACSSDWearWarning
            expr: r730_idrac_idrac_storage_drive_life_left_percent > 0 and r730_idrac_idrac_storage_drive_life_left_percent < 20
            for: 6h
            labels:
              severity: warning
            annotations:
              summary: "SSD {{ $labels.id }} has {{ $value }}% life remaining"
          - alert: iDRACServerPoweredOff
            expr: r730_idrac_systemPowerState != 4
            for: 3m
            labels:
              severity: critical
            annotations:
              summary: "R730 server is not powered on (state: {{ $value }}, expected 4=On)"
          - alert: ProxmoxExporterDown
            expr: pve_up{id="node/pve"} == 0
            for: 5m
            labels:
              severity: critical
            annotations:
              summary: "Proxmox exporter cannot reach PVE host"
          - alert: FuseMainFault
            expr: fuse_main_fault != 0
            for: 2m
            labels:
              severity: critical
            annotations:
              summary: "Main fuse panel fault detected"
          - alert: FuseGarageFault
            expr: fuse_garage_fault != 0
            for: 2m
            labels:
              severity: critical
            annotations:
              summary: "Garage fuse panel fault detected"
          - alert: FuseMainHighLeakage
            expr: fuse_main_leakage_current > 30
            for: 5m
            labels:
              severity: critical
            annotations:
              summary: "Main fuse leakage current: {{ $value }}mA (threshold: 30mA)"
          - alert: FuseGarageHighLeakage
            expr: fuse_garage_leakage_current > 30
            for: 5m
            labels:
              severity: critical
            annotations:
              summary: "Garage fuse leakage current: {{ $value }}mA (threshold: 30mA)"
          - alert: FuseMainOvertemperature
            expr: fuse_main_temperature > 70
            for: 5m
            labels:
              severity: warning
            annotations:
              summary: "Main fuse temperature: {{ $value }}°C (threshold: 70°C)"
          - alert: FuseGarageOvertemperature
            expr: fuse_garage_temperature > 70
            for: 5m
            labels:
              severity: warning
            annotations:
              summary: "Garage fuse temperature: {{ $value }}°C (threshold: 70°C)"
          - alert: FuseMainVoltageAbnormal
            expr: fuse_main_voltage / 10 < 200 or fuse_main_voltage / 10 > 260
            for: 5m
            labels:
              severity: critical
            annotations:
              summary: "Main fuse voltage: {{ $value }}V (expected 200-260V)"
          - alert: FuseGarageVoltageAbnormal
            expr: fuse_garage_voltage / 10 < 200 or fuse_garage_voltage / 10 > 260
            for: 5m
            labels:
              severity: critical
            annotations:
              summary: "Garage fuse voltage: {{ $value }}V (expected 200-260V)"
      - name: Thermostats
        rules:
          - alert: ThermostatOverheating
            expr: >
              thermostat_hol_temp_current > 400
              or thermostat_master_bedroom_temp_current > 400
              or thermostat_office_temp_current > 400
              or thermostat_kids_room_temp_current > 400
            for: 10m
            labels:
              severity: warning
            annotations:
              summary: "Thermostat temperature {{ $value | printf \"%.1f\" }} (x10 °C) exceeds 40°C"
          - alert: ThermostatFreezing
            expr: >
              thermostat_hol_temp_current < 50
              or thermostat_master_bedroom_temp_current < 50
              or thermostat_office_temp_current < 50
              or thermostat_kids_room_temp_current < 50
            for: 15m
            labels:
              severity: critical
            annotations:
              summary: "Thermostat temperature {{ $value | printf \"%.1f\" }} (x10 °C) below 5°C — risk of freezing"
          - alert: ThermostatHumidityHigh
            expr: >
              thermostat_hol_humidity > 80
              or thermostat_master_bedroom_humidity > 80
              or thermostat_office_humidity > 80
              or thermostat_kids_room_humidity > 80
            for: 30m
            labels:
              severity: warning
            annotations:
              summary: "Thermostat humidity {{ $value }}% exceeds 80%"
      - name: Metric Staleness
        rules:
          - alert: UPSMetricsMissing
            expr: absent(ups_upsInputVoltage)
            for: 10m
            labels:
              severity: critical
            annotations:
              summary: "UPS metrics missing for 10m - check SNMP exporter and ups.viktorbarzin.lan"
          - alert: iDRACRedfishMetricsMissing
            expr: absent(r730_idrac_powerSupplyCurrentInputVoltage)
            for: 10m
            labels:
              severity: warning
            annotations:
              summary: "iDRAC SNMP PSU input voltage metric missing for 10m - check SNMP exporter and idrac.viktorbarzin.lan"
          - alert: iDRACSNMPMetricsMissing
            expr: absent(r730_idrac_globalSystemStatus)
            for: 10m
            labels:
              severity: warning
            annotations:
              summary: "iDRAC SNMP health metric (globalSystemStatus) missing for 10m - check SNMP exporter and idrac.viktorbarzin.lan"
          - alert: ATSMetricsMissing
            expr: absent(automatic_transfer_switch_power_mode)
            for: 15m
            labels:
              severity: warning
            annotations:
              summary: "ATS metrics missing for 15m - check tuya-bridge pod"
          - alert: FuseMainMetricsMissing
            expr: absent(fuse_main_voltage)
            for: 15m
            labels:
              severity: warning
            annotations:
              summary: "Fuse main panel metrics missing for 15m - check tuya-bridge pod"
          - alert: FuseGarageMetricsMissing
            expr: absent(fuse_garage_voltage)
            for: 15m
            labels:
              severity: warning
            annotations:
              summary: "Fuse garage panel metrics missing for 15m - check tuya-bridge pod"
          - alert: ThermostatHolMetricsMissing
            expr: absent(thermostat_hol_temp_current)
            for: 15m
            labels:
              severity: warning
            annotations:
              summary: "Thermostat hol metrics missing for 15m - check tuya-bridge pod"
          - alert: ThermostatMasterBedroomMetricsMissing
            expr: absent(thermostat_master_bedroom_temp_current)
            for: 15m
            labels:
              severity: warning
            annotations:
              summary: "Thermostat master bedroom metrics missing for 15m - check tuya-bridge pod"
          - alert: ThermostatOfficeMetricsMissing
            expr: absent(thermostat_office_temp_current)
            for: 15m
            labels:
              severity: warning
            annotations:
              summary: "Thermostat office metrics missing for 15m - check tuya-bridge pod"
          - alert: ThermostatKidsRoomMetricsMissing
            expr: absent(thermostat_kids_room_temp_current)
            for: 15m
            labels:
              severity: warning
            annotations:
              summary: "Thermostat kids room metrics missing for 15m - check tuya-bridge pod"
          - alert: TuyaCloudDown
            expr: count(({__name__=~".*_tuya_cloud_up"}) == 0) > 0
            for: 5m
            labels:
              severity: warning
            annotations:
              summary: "Tuya Cloud rejecting calls for a certain auth/permission/subscription reason ({{ $value }} device(s) affected) — transient 501/5xx errors no longer trip this alert. Find the actual code in the bridge logs: kubectl -n tuya-bridge logs deploy/tuya-bridge | grep auth=true  (28841002 = trial expired, renew at iot.tuya.com; 1106 = permission deny; ERR_CLOUDKEY = bad key/secret, rotate TINYTUYA_API_KEY)."
          - alert: ProxmoxMetricsMissing
            expr: absent(pve_up)
            for: 10m
            labels:
              severity: warning
            annotations:
              summary: "Proxmox metrics missing for 10m - check proxmox-exporter pod"
          - alert: HomeAssistantMetricsMissing
            expr: absent(up{job="haos"})
            for: 10m
            labels:
              severity: warning
            annotations:
              summary: "Home Assistant (ha-sofia) metrics missing for 10m - check HA Prometheus integration"
      - name: Storage
        rules:
          - alert: NodeFilesystemFull
            expr: (node_filesystem_avail_bytes{fstype!~"tmpfs|fuse.*"} / node_filesystem_size_bytes) * 100 < 5
            for: 15m
            labels:
              severity: warning
            annotations:
              summary: "Disk {{ $labels.mountpoint }} on {{ $labels.instance }}: {{ $value | printf \"%.1f\" }}% free (threshold: 5%)"
          # PVAutoExpanding removed — was info-only at >80% used, but
          # pvc-autoresizer's threshold is 10% free (= 90% used), so the
          # alert always fired ~10 percentage points before any action
          # was needed. Real failures are caught by PVFillingUp (autoresizer
          # didn't keep up) and PVPredictedFull (trend toward exhaustion).
          - alert: PVFillingUp
            expr: (kubelet_volume_stats_used_bytes / kubelet_volume_stats_capacity_bytes) * 100 > 95 and kubelet_volume_stats_capacity_bytes < 1099511627776
            for: 10m
            labels:
              severity: critical
            annotations:
              summary: "PV {{ $labels.persistentvolumeclaim }} in {{ $labels.namespace }}: {{ $value | printf \"%.0f\" }}% used — pvc-autoresizer didn't expand in time (storage_limit reached, expansion failing, or no autoresizer annotations)"
          - alert: PVPredictedFull
            expr: predict_linear(kubelet_volume_stats_used_bytes[6h], 3600*24) > kubelet_volume_stats_capacity_bytes and kubelet_volume_stats_capacity_bytes < 1099511627776
            for: 1h
            labels:
              severity: warning
            annotations:
              summary: "PV {{ $labels.persistentvolumeclaim }} in {{ $labels.namespace }}: predicted full within 24h (current projected: {{ $value | humanize1024 }}B)"
          - alert: NFSServerUnresponsive
            expr: |
              (
                count by () (
                  sum by (instance) (changes(node_nfs_requests_total[15m])) > 0
                ) or on() vector(0)
              ) < 2
              and on() (time() - process_start_time_seconds{job="prometheus"}) > 900
            for: 10m
            labels:
              severity: critical
            annotations:
              summary: "Only {{ $value | printf \"%.0f\" }} node(s) have NFS activity — Proxmox NFS (192.168.1.127) may be down (need ≥2)"
      - name: K8s Health
        rules:
          # keep_firing_for: a pod that crashloops, recovers, and crashloops again
          # posted a fresh fire+resolve pair each time (9 pairs in 7 days,
          # measured 2026-08-10). 30m is long enough to fold a restart cycle into
          # one alert while still resolving promptly once the pod truly settles.
          - alert: PodCrashLooping
            expr: kube_pod_container_status_waiting_reason{reason="CrashLoopBackOff"} > 0 and on() (time() - process_start_time_seconds{job="prometheus"}) > 900
            for: 5m
            keep_firing_for: 30m
            labels:
              severity: warning
            annotations:
              summary: "{{ $labels.namespace }}/{{ $labels.pod }}: stuck in CrashLoopBackOff"
          - alert: ContainerOOMKilled
            expr: increase(container_oom_events_total{container!=""}[15m]) > 0 and on() (time() - process_start_time_seconds{job="prometheus"}) > 900
            for: 5m
            labels:
              severity: warning
            annotations:
              summary: "{{ $labels.namespace }}/{{ $labels.pod }}/{{ $labels.container }}: {{ $value | printf \"%.0f\" }} OOM kill(s) in 15m"
          - alert: PodUnschedulable
            expr: kube_pod_status_conditions{condition="PodScheduled", status="false"} == 1
            for: 5m
            labels:
              severity: critical
            annotations:
              summary: "{{ $labels.namespace }}/{{ $labels.pod }}: unschedulable — check resource requests and node affinity"
          - alert: NodeNotReady
            expr: kube_node_status_condition{condition="Ready",status="true"} == 0
            for: 5m
            labels:
              severity: critical
            annotations:
              summary: "Node {{ $labels.node }} is NotReady"
          - alert: NodeConditionBad
            expr: kube_node_status_condition{condition=~"MemoryPressure|DiskPressure|PIDPressure",status="true"} == 1
            for: 5m
            labels:
              severity: warning
            annotations:
              summary: "{{ $labels.node }}: {{ $labels.condition }} active"
          # `for: 2h` requires the failure to persist across at least 2
          # cron iterations of a typical 5-min/15-min/1h job before paging —
          # transient single-run failures (network blip, upstream timeout)
          # are recovered by the next iteration without alerting.
          - alert: JobFailed
            expr: |
              kube_job_status_failed > 0
              and on(namespace, job_name)
              (time() - kube_job_status_start_time) < 3600
            for: 2h
            labels:
              severity: warning
            annotations:
              summary: "Job {{ $labels.namespace }}/{{ $labels.job_name }}: {{ $value | printf \"%.0f\" }} failure(s)"
          # JobFailed only sees a Job that FAILS. A Job that hangs forever never
          # fails, so it was invisible -- and with concurrency_policy Forbid a
          # hung Job blocks every later run of its CronJob indefinitely.
          #
          # This is not hypothetical: on 2026-08-10 02:00, webterminal-probe and
          # phpipam-pfsense-import both hung in `apk add` on a black-holed TLS
          # connection to the Alpine CDN and each ran for 3d19h. The probe's
          # staleness alert eventually said something (about the probe, not the
          # cause); the phpipam import had no staleness alert at all, so four
          # days of stale Kea/ARP data passed with nothing firing. 61 of this
          # cluster's CronJobs are Forbid with no activeDeadlineSeconds, so any
          # of them can wedge the same way. One rule covers all of them.
          #
          # 3h threshold: across 127 retained completed Jobs the longest real
          # run was 24 min (chesscom-streak), so 3h is ~7x the worst legitimate
          # duration and still catches a wedge the same day. Two exclusions:
          # k8s-upgrade has its own K8sUpgradeStalled (4h) and would double-page,
          # and osm-routing/osrm-refresh is a monthly OSM extract build that can
          # legitimately run long. Add an exclusion if another genuinely-long
          # Job trips this rather than raising the threshold for everything.
          - alert: JobRunningTooLong
            expr: |
              kube_job_status_active{namespace!~"k8s-upgrade|osm-routing"} > 0
              and on(namespace, job_name)
              (time() - kube_job_status_start_time{namespace!~"k8s-upgrade|osm-routing"}) > 10800
            for: 10m
            labels:
              severity: warning
            annotations:
              summary: "Job {{ $labels.namespace }}/{{ $labels.job_name }} has been running over 3h — likely hung; with concurrencyPolicy Forbid it is blocking every later run of its CronJob"
          # `KubeletImagePullErrors` measures node-level pull-error rate,
          # which is too coarse to catch one pod stuck in ImagePullBackOff.
          # Council-complaints sat in ImagePullBackOff for 10h on 2026-05-12
          # without paging because the rate stayed below threshold.
          - alert: PodImagePullBackOff
            expr: |
              sum by (namespace, pod, container) (
                kube_pod_container_status_waiting_reason{reason=~"ImagePullBackOff|ErrImagePull|InvalidImageName"}
              ) > 0
            for: 30m
            labels:
              severity: warning
            annotations:
              summary: "Pod {{ $labels.namespace }}/{{ $labels.pod }} ({{ $labels.container }}) cannot pull image"
              description: "Check the deployment's image reference — often a stale tag, a removed registry, or a credentials mismatch. `kubectl -n {{ $labels.namespace }} describe pod {{ $labels.pod }}` shows the pull error."
          # N-1 capacity check (topology-agnostic — auto-tracks node add/remove/drain).
          # If the most-loaded non-GPU worker died, would its memory REQUESTS
          # reschedule onto the remaining Ready + schedulable workers (incl. the GPU
          # node, whose taint is soft/PreferNoSchedule)? Fires when that worker holds
          # more memory requests than the rest of the eligible pool has free.
          # Node selection is dynamic via metrics: GPU node by nvidia_com_gpu capacity,
          # drained/cordoned by kube_node_spec_unschedulable, down by the Ready
          # condition. The control-plane is excluded by name (node!~"k8s-master.*")
          # because this cluster's kube-state-metrics exposes neither kube_node_role
          # nor node taints/labels — revisit if an HA control-plane is added.
          #
          # BOTH halves filter to non-terminal pods (Running|Pending). kube-state-metrics
          # keeps emitting kube_pod_container_resource_requests for Succeeded/Failed pods
          # until the pod OBJECT is garbage-collected, but the scheduler releases those
          # reservations the moment the pod terminates. Without this filter the alert
          # counted completed CronJob pods as if they still held memory: on 2026-08-08
          # k8s-node3 read 28.29 GiB against 18.33 GiB of genuinely-running requests —
          # ~10 GiB of phantom reservations from finished descheduler / csi-ghost-reconcile
          # / beads-dispatcher jobs. Because CronJob pods accumulate and are then reaped
          # in waves, that phantom total oscillated and the alert flapped every ~15-30min
          # for days. It also drove real remediation of an unreal problem — prometheus's
          # request was shaved 4Gi->3Gi on 2026-07-26 chasing this same false signal.
          - alert: ClusterCannotTolerateNonGpuNodeLoss
            expr: |
              max(
                (
                  sum by (node) (
                    kube_pod_container_resource_requests{resource="memory",unit="byte",node!~"k8s-master.*"}
                    * on(namespace,pod) group_left() max by (namespace,pod) (
                        kube_pod_status_phase{phase=~"Running|Pending"} == 1
                      )
                  )
                  * on(node) (kube_node_status_condition{condition="Ready",status="true"} == 1)
                )
                unless on(node) (kube_node_spec_unschedulable == 1)
                unless on(node) (kube_node_status_capacity{resource="nvidia_com_gpu"} > 0)
              )
              >
              sum(
                (
                  clamp_min(
                    kube_node_status_allocatable{resource="memory",unit="byte",node!~"k8s-master.*"}
                    - on(node) group_left() sum by (node) (
                        kube_pod_container_resource_requests{resource="memory",unit="byte",node!~"k8s-master.*"}
                        * on(namespace,pod) group_left() max by (namespace,pod) (
                            kube_pod_status_phase{phase=~"Running|Pending"} == 1
                          )
                      ),
                    0
                  )
                  * on(node) (kube_node_status_condition{condition="Ready",status="true"} == 1)
                )
                unless on(node) (kube_node_spec_unschedulable == 1)
              )
            for: 15m
            # keep_firing_for: headroom sits close to the line, so ordinary pod
            # churn (a CronJob pod arriving or finishing) tips the comparison back
            # and forth. Measured 2026-08-10: 16 fire/resolve pairs in 7 days = 32
            # Slack posts, median firing 15m but max 34.8h — one standing capacity
            # condition reported as 16 separate events. 6h folds the churn into
            # one alert per genuine episode without hiding a persistent shortfall,
            # which stays firing continuously.
            keep_firing_for: 6h
            labels:
              severity: warning
            annotations:
              summary: "Cluster cannot tolerate losing any non-GPU worker — memory requests won't fit on the rest"
              description: |
                The most-loaded non-GPU worker has more memory requests pinned to it
                than the rest of the eligible worker pool (incl. the GPU node)
                currently has free. If that node went down, some of its pods would
                not reschedule and would stay Pending.
                Remediation: right-size the top memory reservers with `krr` (trim
                over-provisioned requests — e.g. claude-agent, stirling-pdf, traefik,
                authentik-worker), or add/return a worker node.
      # Goldmane edge-aggregator (ADR-0014 / infra #58, #61): the durable
      # who-talks-to-whom trail. The aggregator pod has NO /metrics endpoint,
      # so its health is inferred from kube-state-metrics signals — the trail
      # must not silently die. Two failure modes are covered:
      #   - the aggregate Deployment stops consuming Goldmane's flow stream
      #     (AggregatorDown) → no new edges ever land in the goldmane_edges DB
      #   - the daily digest CronJob can't post new edges to Slack
      #     (DigestFailing) → edges still land but nobody is told.
      # A freshness probe (max(last_seen) staleness) is intentionally NOT here:
      # AggregatorDown is the agreed floor and needs no extra moving parts.
      - name: Network Observability (Goldmane)
        rules:
          # Deployment has <1 available replica for 15m. kube-state-metrics
          # keeps `kube_deployment_status_replicas_available` (metric-keep list
          # in serverFiles below). The 15m window rides out a normal rollout /
          # node drain without paging; a genuinely-dead aggregator means the
          # edge trail has stopped recording and stays down.
          - alert: AggregatorDown
            expr: |
              kube_deployment_status_replicas_available{namespace="goldmane-edge-aggregator",deployment="goldmane-edge-aggregator"} < 1
              and on() (time() - process_start_time_seconds{job="prometheus"}) > 900
            for: 15m
            labels:
              severity: warning
            annotations:
              summary: "goldmane-edge-aggregator has no available replica — the who-talks-to-whom edge trail has stopped recording"
              description: "The aggregate Deployment streams Calico Goldmane flows into the goldmane_edges CNPG DB. With 0 replicas, no new namespace-pair edges are captured. `kubectl -n goldmane-edge-aggregator describe deploy goldmane-edge-aggregator` + check the goldmane svc (calico-system) is reachable."
          # The goldmane-edges-digest CronJob has a failed Job that started in
          # the last 24h. Mirrors the generic JobFailed shape but scoped to the
          # digest so it routes here. `for: 30m` rides out the apply/scrape
          # transient; the digest runs daily so a real failure won't self-heal
          # until the next run — surface it same-day rather than waiting 24h.
          - alert: DigestFailing
            expr: |
              kube_job_status_failed{namespace="goldmane-edge-aggregator", job_name=~"goldmane-edges-digest.*"} > 0
              and on(namespace, job_name)
              (time() - kube_job_status_start_time{namespace="goldmane-edge-aggregator", job_name=~"goldmane-edges-digest.*"}) < 86400
            for: 30m
            labels:
              severity: warning
            annotations:
              summary: "goldmane-edges-digest CronJob failing — new edges captured but not posted to #alerts"
              description: "The daily edge digest Job {{ $labels.job_name }} failed. Edges may still be landing in the goldmane_edges DB but no one is being notified of new namespace-pairs. `kubectl -n goldmane-edge-aggregator logs job/{{ $labels.job_name }}`."
      # Scale-to-zero (ADR-0022): enrolled services' Uptime Kuma monitors are
      # SHALLOW by design (Sablier's ignoreUserAgent answers probes 200 while
      # the app sleeps), so the one deep failure mode — a wake that never
      # becomes ready — must alert from kube-state signals instead. Scoped to
      # deployments carrying the sablier.enable label (exported via the KSM
      # metricLabelsAllowlist above).
      - name: Scale-to-zero (Sablier)
        rules:
          # An enrolled deployment was woken (desired > 0) but has had
          # unavailable replicas for 5m — someone knocked, the app tried to
          # start, and it can't (bit-rotted image, dead DB creds, OOM). This
          # is invisible to the shallow monitor, which keeps answering 200.
          - alert: SablierWakeFailed
            expr: |
              kube_deployment_status_replicas_unavailable > 0
              and on(namespace, deployment) kube_deployment_spec_replicas > 0
              and on(namespace, deployment) kube_deployment_labels{label_sablier_enable="true"} == 1
            for: 5m
            labels:
              severity: warning
            annotations:
              summary: "Scale-to-zero wake failed: {{ $labels.namespace }}/{{ $labels.deployment }} woke but is not becoming ready"
              description: "The sablier-enrolled deployment was scaled up by a request but has unavailable replicas for 5m+. Its Uptime Kuma monitor stays GREEN (probe exclusion answers 200) — this alert is the only deep signal. `kubectl -n {{ $labels.namespace }} describe deploy {{ $labels.deployment }}`."
          # Sablier itself down: failOpen means RUNNING apps stay reachable,
          # but sleeping (parked) apps 503 on first visit until it returns —
          # same posture as the pre-Sablier hand-parked state, so warning.
          - alert: SablierDown
            expr: |
              kube_deployment_status_replicas_available{namespace="sablier",deployment="sablier"} < 1
              and on() (time() - process_start_time_seconds{job="prometheus"}) > 900
            for: 10m
            labels:
              severity: warning
            annotations:
              summary: "Sablier (scale-to-zero wake layer) has no available replica — sleeping services cannot wake"
              description: "Enrolled services that are currently running are unaffected (plugin failOpen), but parked ones 503 on first request until Sablier recovers. `kubectl -n sablier describe deploy sablier`."
      - name: Infrastructure Health
        rules:
          - alert: HomeAssistantDown
            expr: up{job="haos"} == 0
            for: 5m
            labels:
              severity: warning
            annotations:
              summary: "Home Assistant down: {{ $labels.instance }}"
          - alert: HomeAssistantCriticalSensorUnavailable
            expr: haos_entity_available{entity=~"sensor\\.(tesla_t4_gpu_(temperature|power_usage|utilization|memory_used)|r730_(cpu_temperature|power_consumption|power_supply_input_voltage_[12]|system_board_(exhaust|inlet)_temperature)|ups_(input_voltage|output_voltage|load|battery_remaining|output_source))"} == 0
            for: 15m
            labels:
              severity: critical
            annotations:
              summary: "HA sensor unavailable: {{ $labels.friendly_name }} ({{ $labels.entity }})"
              description: "{{ $labels.entity }} on {{ $labels.instance }} has been unavailable for 15+ minutes. Common cause: REST sensor needs HA restart (reload_all doesn't rebuild rest: platform). Verify exporter endpoint from HA: `ssh vbarzin@192.168.1.8` → `curl -sk <exporter-url>`. Fix: `curl -X POST -H \"Authorization: Bearer $HOME_ASSISTANT_SOFIA_TOKEN\" $HOME_ASSISTANT_SOFIA_URL/api/services/homeassistant/restart`."
          - alert: CoreDNSErrors
            expr: rate(coredns_dns_responses_total{rcode="SERVFAIL"}[5m]) > 1 and on() (time() - process_start_time_seconds{job="prometheus"}) > 900
            for: 10m
            labels:
              severity: warning
            annotations:
              summary: "CoreDNS SERVFAIL rate: {{ $value | printf \"%.1f\" }}/s (threshold: 1/s)"
          - alert: ScrapeTargetDown
            expr: up{job!~"istiod|envoy-stats|openwrt"} == 0
            for: 30m
            labels:
              severity: warning
            annotations:
              summary: "Scrape target down: {{ $labels.job }}/{{ $labels.instance }}"
          - alert: PrometheusStorageFull
            expr: (prometheus_tsdb_storage_blocks_bytes / (1024*1024*1024)) > 150
            for: 30m
            labels:
              severity: warning
            annotations:
              summary: "Prometheus TSDB: {{ $value | printf \"%.0f\" }} GiB (threshold: 150 GiB)"
          - alert: PrometheusNotificationsFailing
            expr: rate(prometheus_notifications_errors_total[5m]) > 0
            for: 10m
            labels:
              severity: warning
            annotations:
              summary: "Prometheus notification errors: {{ $value | printf \"%.2f\" }}/s"
          - alert: EtcdBackupStale
            expr: (time() - kube_cronjob_status_last_successful_time{cronjob="backup-etcd", namespace="default"}) > 691200
            for: 30m
            labels:
              severity: critical
            annotations:
              summary: "etcd backup is {{ $value | humanizeDuration }} old (threshold: 8d)"
          - alert: EtcdBackupNeverSucceeded
            expr: kube_cronjob_status_last_successful_time{cronjob="backup-etcd", namespace="default"} == 0
            for: 1h
            labels:
              severity: critical
            annotations:
              summary: "etcd backup CronJob has never completed successfully"
          - alert: PostgreSQLBackupStale
            expr: (time() - kube_cronjob_status_last_successful_time{cronjob="postgresql-backup", namespace="dbaas"}) > 129600
            for: 30m
            labels:
              severity: critical
            annotations:
              summary: "PostgreSQL backup is {{ $value | humanizeDuration }} old (threshold: 36h)"
          - alert: PostgreSQLBackupNeverSucceeded
            expr: kube_cronjob_status_last_successful_time{cronjob="postgresql-backup", namespace="dbaas"} == 0
            for: 1h
            labels:
              severity: critical
            annotations:
              summary: "PostgreSQL backup CronJob has never completed successfully"
          - alert: MySQLBackupStale
            expr: (time() - kube_cronjob_status_last_successful_time{cronjob="mysql-backup", namespace="dbaas"}) > 129600
            for: 30m
            labels:
              severity: critical
            annotations:
              summary: "MySQL backup is {{ $value | humanizeDuration }} old (threshold: 36h)"
          - alert: MySQLBackupNeverSucceeded
            expr: kube_cronjob_status_last_successful_time{cronjob="mysql-backup", namespace="dbaas"} == 0
            for: 1h
            labels:
              severity: critical
            annotations:
              summary: "MySQL backup CronJob has never completed successfully"
          - alert: VaultBackupStale
            expr: (time() - kube_cronjob_status_last_successful_time{cronjob="vault-raft-backup", namespace="vault"}) > 691200
            for: 30m
            labels:
              severity: critical
            annotations:
              summary: "Vault backup is {{ $value | humanizeDuration }} old (threshold: 8d)"
          - alert: VaultBackupNeverSucceeded
            expr: kube_cronjob_status_last_successful_time{cronjob="vault-raft-backup", namespace="vault"} == 0
            for: 1h
            labels:
              severity: critical
            annotations:
              summary: "Vault backup CronJob has never completed successfully"
          - alert: VaultRaftLeaderStuck
            expr: |
              (vault_core_active == 1)
              and on(instance)
              (rate(vault_raft_last_index_gauge[5m]) == 0)
            for: 2m
            labels:
              severity: critical
            annotations:
              summary: "Vault raft leader {{ $labels.instance }} is active but commit index has not advanced for >2m"
              description: "The raft leader is reachable on TCP but its commit index has stalled — likely a stuck goroutine hang (see 2026-04-22 post-mortem). External /v1/sys/health will be 503. Recovery: graceful delete of the stuck pod (see docs/runbooks/vault-raft-leader-deadlock.md). NOTE: silent until vault telemetry + scrape job are enabled."
          - alert: VaultHAStatusUnavailable
            expr: |
              (count(up{job="vault"} == 1) > 0)
              and
              (count(vault_core_active == 1) == 0)
            for: 5m
            labels:
              severity: critical
            annotations:
              summary: "Vault pods are Up but no pod reports HA active leader"
              description: "At least one Vault pod is scraping healthy, but no pod has vault_core_active=1. HA layer is broken — external endpoint will be 503 even though the pods themselves are alive. See docs/runbooks/vault-raft-leader-deadlock.md. NOTE: silent until vault telemetry + scrape job are enabled."
          - alert: VaultwardenBackupStale
            expr: (time() - kube_cronjob_status_last_successful_time{cronjob="vaultwarden-backup", namespace="vaultwarden"}) > 86400
            for: 30m
            labels:
              severity: critical
            annotations:
              summary: "Vaultwarden backup is {{ $value | humanizeDuration }} old (threshold: 24h, runs every 6h)"
          - alert: VaultwardenBackupNeverSucceeded
            expr: kube_cronjob_status_last_successful_time{cronjob="vaultwarden-backup", namespace="vaultwarden"} == 0
            for: 1h
            labels:
              severity: critical
            annotations:
              summary: "Vaultwarden backup CronJob has never completed successfully"
          - alert: MailserverBackupStale
            expr: (time() - kube_cronjob_status_last_successful_time{cronjob="mailserver-backup", namespace="mailserver"}) > 129600
            for: 30m
            labels:
              severity: critical
            annotations:
              summary: "Mailserver backup is {{ $value | humanizeDuration }} old (threshold: 36h, runs daily 03:00)"
          - alert: MailserverBackupNeverSucceeded
            expr: kube_cronjob_status_last_successful_time{cronjob="mailserver-backup", namespace="mailserver"} == 0
            for: 1h
            labels:
              severity: critical
            annotations:
              summary: "Mailserver backup CronJob has never completed successfully"
          - alert: VaultwardenDown
            expr: (kube_deployment_status_replicas_available{namespace="vaultwarden", deployment="vaultwarden"} or on() vector(0)) < 1
            for: 5m
            labels:
              severity: critical
            annotations:
              summary: "Vaultwarden has no available replicas — password manager down"
          - alert: VaultwardenSQLiteCorrupt
            expr: vaultwarden_sqlite_integrity_ok == 0
            for: 0m
            labels:
              severity: critical
            annotations:
              summary: "Vaultwarden SQLite database failed integrity check — data corruption detected"
          - alert: VaultwardenIntegrityCheckStale
            expr: (time() - vaultwarden_sqlite_integrity_check_timestamp) > 7200
            for: 15m
            labels:
              severity: warning
            annotations:
              summary: "Vaultwarden integrity check hasn't run in {{ $value | humanizeDuration }} (expected hourly)"
          - alert: RedisBackupStale
            expr: (time() - kube_cronjob_status_last_successful_time{cronjob="redis-backup", namespace="redis"}) > 691200
            for: 30m
            labels:
              severity: critical
            annotations:
              summary: "Redis backup is {{ $value | humanizeDuration }} old (threshold: 8d)"
          - alert: RedisBackupNeverSucceeded
            expr: kube_cronjob_status_last_successful_time{cronjob="redis-backup", namespace="redis"} == 0
            for: 1h
            labels:
              severity: critical
            annotations:
              summary: "Redis backup CronJob has never completed successfully"
          - alert: PrometheusBackupStale
            # The backup sidecar runs monthly on the 1st SUNDAY 04:00 UTC.
            # Consecutive first-Sundays can be up to ~35-37 days apart (e.g.
            # May 3 → Jun 7 = 35d), so a 32d threshold false-fired every year
            # in the gap before the next run. 40d (3456000s) clears the max
            # first-Sunday spacing with margin while still catching a genuinely
            # missed monthly backup.
            expr: (time() - prometheus_backup_last_success_timestamp{job="prometheus-backup"}) > 3456000
            for: 30m
            labels:
              severity: critical
            annotations:
              summary: "Prometheus backup is {{ $value | humanizeDuration }} old (threshold: 40d)"
          - alert: PrometheusBackupNeverRun
            expr: absent(prometheus_backup_last_success_timestamp{job="prometheus-backup"})
            for: 32d
            labels:
              severity: warning
            annotations:
              summary: "Prometheus backup has never reported a successful run (sidecar runs monthly, 1st Sunday 04:00 UTC — alert only fires if absent for >32d)"
          - alert: CSIDriverCrashLoop
            expr: kube_pod_container_status_waiting_reason{reason="CrashLoopBackOff", namespace=~"nfs-csi|proxmox-csi"} > 0
            for: 10m
            labels:
              severity: critical
            annotations:
              summary: "CSI driver CrashLoopBackOff in {{ $labels.namespace }}/{{ $labels.pod }} — storage-layer failure risk"
          - alert: BackupCronJobFailed
            expr: kube_job_status_failed{job_name=~".*backup.*"} > 0
            for: 15m
            labels:
              severity: warning
            annotations:
              summary: "Backup job failed: {{ $labels.namespace }}/{{ $labels.job_name }}"
          - alert: LVMSnapshotStale
            expr: (time() - lvm_snapshot_last_run_timestamp{job="lvm-pvc-snapshot"}) > 108000
            for: 30m
            labels:
              severity: critical
            annotations:
              summary: "LVM PVC snapshots are {{ $value | humanizeDuration }} old (expected daily)"
              description: "Timer lvm-pvc-snapshot.timer on 192.168.1.127 hasn't pushed fresh metrics. Runbook: docs/runbooks/restore-lvm-snapshot.md"
          - alert: LVMSnapshotNeverRun
            expr: absent(lvm_snapshot_last_run_timestamp{job="lvm-pvc-snapshot"})
            for: 48h
            labels:
              severity: warning
            annotations:
              summary: "LVM PVC snapshot job has never reported metrics to Pushgateway"
          - alert: LVMSnapshotFailing
            expr: lvm_snapshot_last_status{job="lvm-pvc-snapshot"} != 0
            # for: 5m (was 0m) — ride out a single Pushgateway status flip; a real
            # failure persists until the next run overwrites it (alert-noise 2026-06-12)
            for: 5m
            labels:
              severity: critical
            annotations:
              summary: "LVM PVC snapshot job failed (status={{ $value }})"
          - alert: LVMThinPoolLow
            expr: lvm_snapshot_thinpool_free_pct{job="lvm-pvc-snapshot"} < 15
            for: 0m
            labels:
              severity: warning
            annotations:
              summary: "LVM thin pool has only {{ $value }}% free — snapshot overhead may cause pool exhaustion"
          # --- 3-2-1 Backup Pipeline Alerts ---
          - alert: WeeklyBackupStale
            expr: (time() - daily_backup_last_run_timestamp{job="daily-backup"}) > 777600
            for: 30m
            labels:
              severity: warning
            annotations:
              summary: "Daily backup is {{ $value | humanizeDuration }} old (threshold: 9d)"
          - alert: WeeklyBackupFailing
            expr: daily_backup_last_status{job="daily-backup"} != 0
            for: 5m
            labels:
              severity: warning
            annotations:
              summary: "Daily backup completed with errors (status={{ $value }})"
          - alert: PfsenseBackupStale
            expr: (time() - backup_last_success_timestamp{job="pfsense-backup"}) > 777600
            for: 30m
            labels:
              severity: warning
            annotations:
              summary: "pfsense backup is {{ $value | humanizeDuration }} old (threshold: 9d)"
          - alert: OffsiteBackupSyncStale
            expr: (time() - backup_last_success_timestamp{job="offsite-backup-sync"}) > 777600
            for: 30m
            labels:
              severity: warning
            annotations:
              summary: "Offsite backup sync is {{ $value | humanizeDuration }} old (threshold: 9d)"
          - alert: OffsiteBackupSyncFailing
            expr: offsite_sync_last_status{job="offsite-backup-sync"} != 0
            for: 5m
            labels:
              severity: warning
            annotations:
              summary: "Offsite backup sync last run reported errors (status={{ $value }})"
          # Destination capacity. Until 2026-08-06 NOTHING watched the Synology's
          # free space: the runbook claimed NodeFilesystemFull covered it via a PVE
          # NFS mount at /mnt/synology-backup, but that mount does not exist (the
          # PVE node_exporter exports no nfs4 filesystem), so the rule could never
          # match. /volume1 reached 99% (103 GiB free, ~1 day from stopping the
          # offsite leg) and only surfaced because an unrelated navidrome PVC shares
          # the volume. offsite-sync-backup now publishes the gauges directly.
          # Warn early — a full destination silently breaks Copy 3 of 3-2-1.
          - alert: OffsiteDestinationFillingUp
            expr: |
              (offsite_dest_available_bytes{job="offsite-backup-sync"}
               / offsite_dest_size_bytes{job="offsite-backup-sync"}) * 100 < 10
            for: 30m
            labels:
              severity: warning
            annotations:
              summary: "Offsite backup destination (Synology /volume1) is {{ $value | printf \"%.1f\" }}% free"
              description: "Copy 3 of 3-2-1 stops when this fills. Reclaim order MATTERS: delete share SNAPSHOTS first (snapshot-pinned data frees nothing, and rewriting it allocates new extents while snapshots hold the old). Runbook: docs/runbooks/synology-storage.md; retention lives in synoretentionconf, NOT sharesnap.conf."
          - alert: OffsiteDestinationAlmostFull
            expr: |
              (offsite_dest_available_bytes{job="offsite-backup-sync"}
               / offsite_dest_size_bytes{job="offsite-backup-sync"}) * 100 < 4
            for: 15m
            labels:
              severity: critical
            annotations:
              summary: "Offsite backup destination (Synology /volume1) is only {{ $value | printf \"%.1f\" }}% free — offsite backups are about to stop"
              description: "Act now. Delete the oldest Backup-share snapshots (see docs/runbooks/synology-storage.md), then let the btrfs cleaner reclaim (async, minutes)."
          # Dead-man: the gauges only exist if the sync can reach the Synology and
          # read df. Their absence is itself a signal the destination is unreachable.
          - alert: OffsiteDestinationCapacityUnknown
            expr: absent(offsite_dest_available_bytes{job="offsite-backup-sync"})
            for: 48h
            labels:
              severity: warning
            annotations:
              summary: "No offsite destination capacity metric for 48h — cannot tell if the Synology is filling"
              description: "offsite-sync-backup could not read df on the Synology (SSH/mount problem), or the script predates the 2026-08-06 capacity push. Check: ssh root@192.168.1.127 journalctl -u offsite-sync-backup."
          - alert: NfsMirrorStale
            expr: (time() - nfs_mirror_last_run_timestamp{job="nfs-mirror"}) > 1382400
            for: 30m
            labels:
              severity: warning
            annotations:
              summary: "NFS local mirror to sda is {{ $value | humanizeDuration }} old (threshold: 16d / 2 weekly cycles)"
          - alert: NfsMirrorFailing
            expr: nfs_mirror_last_status{job="nfs-mirror"} != 0
            for: 5m
            labels:
              severity: warning
            annotations:
              summary: "NFS local mirror last run failed (status={{ $value }})"
          - alert: VzdumpBackupStale
            expr: (time() - vzdump_last_success_timestamp{job="vzdump-backup"}) > 180000
            for: 30m
            labels:
              severity: warning
            annotations:
              summary: "vzdump VM image backup is {{ $value | humanizeDuration }} old (threshold: ~50h / 2 daily cycles)"
              description: "vzdump-vms.timer on 192.168.1.127 hasn't produced a fresh devvm image. Check: ssh root@192.168.1.127 systemctl status vzdump-vms. Runbook: docs/architecture/backup-dr.md (VM Image Backups)."
          - alert: VzdumpBackupNeverRun
            expr: absent(vzdump_last_run_timestamp{job="vzdump-backup"})
            for: 48h
            labels:
              severity: warning
            annotations:
              summary: "vzdump VM image backup job has never reported metrics to Pushgateway"
          - alert: VzdumpBackupFailing
            expr: vzdump_last_status{job="vzdump-backup"} != 0
            for: 5m
            labels:
              severity: warning
            annotations:
              summary: "vzdump VM image backup last run failed (status={{ $value }})"
          - alert: BackupDiskFull
            expr: (1 - node_filesystem_avail_bytes{job="proxmox-host", mountpoint="/mnt/backup"} / node_filesystem_size_bytes{job="proxmox-host", mountpoint="/mnt/backup"}) > 0.85
            for: 15m
            labels:
              severity: critical
            annotations:
              summary: "Backup disk /mnt/backup is {{ $value | humanizePercentage }} full"
          - alert: NewTailscaleClient
            expr: irate(headscale_machine_registrations_total{action="reauth"}[5m]) > 0
            for: 5m
            labels:
              severity: info
            annotations:
              summary: "New Tailscale client registered ({{ $value | printf \"%.2f\" }} reauth/s)"
          - alert: CrowdSecDown
            expr: up{job="crowdsec"} == 0
            for: 10m
            labels:
              severity: warning
            annotations:
              summary: "CrowdSec LAPI down — no new decisions; the Traefik bouncer serves its last known set"
          # CrowdSec L7 enforcement (the in-process Traefik bouncer). Replaced the
          # three CrowdSecEdge* alerts on 2026-08-18 when enforcement moved off
          # the Cloudflare edge — those watched a Rules-List sync that no longer
          # exists. Their lesson is kept: the edge sync sat broken for days at a
          # time with `crowdsec_cf_list_sync_success` correctly pushed as 0 and
          # nothing reading it, so the replacement path gets a liveness signal
          # from the start.
          #
          # The plugin runs under Yaegi and cannot cheaply export Prometheus
          # counters, so its own decisions are logged (`[crowdsec-bouncer]
          # action=...`) and alerted on from Loki — see stacks/monitoring loki.tf.
          # Liveness, though, is measurable from the LAPI side without any of
          # that: LAPI counts requests per bouncer, so if the plugin stops polling
          # the counter simply stops moving.
          #
          # Guarded on LAPI being up, because when LAPI is down the series goes
          # ABSENT rather than flat, and CrowdSecDown above already says so.
          - alert: CrowdSecL7BouncerNotPolling
            expr: ((sum(rate(cs_lapi_bouncer_requests_total{bouncer="traefik"}[15m])) or vector(0)) == 0) and on() (max(up{job="crowdsec"}) == 1)
            for: 30m
            keep_firing_for: 30m
            labels:
              severity: warning
            annotations:
              summary: "Traefik CrowdSec bouncer has not polled LAPI in 30m — bans are frozen"
              description: >-
                The in-process bouncer on the websecure entrypoint polls
                /v1/decisions every 30s; LAPI has counted no request from it for
                30 minutes while LAPI itself is up. The plugin fails OPEN on the
                last known decision set, so traffic keeps flowing and existing
                bans keep applying — but nothing new is being enforced and an
                unban will not take effect. Check the traefik pods for
                `[crowdsec-bouncer] action=refresh-failed`, and that the plugin
                loaded at all: one broken Traefik plugin disables ALL of them, so
                confirm `Plugins loaded.` lists crowdsec.
          - alert: KyvernoDown
            expr: (kube_deployment_status_replicas_available{namespace="kyverno", deployment="kyverno-admission-controller"} or on() vector(0)) < 1
            for: 10m
            labels:
              severity: warning
            annotations:
              summary: "Kyverno admission controller down — policy enforcement disabled"
          - alert: SealedSecretsDown
            expr: (kube_deployment_status_replicas_available{namespace="sealed-secrets", deployment="sealed-secrets"} or on() vector(0)) < 1
            for: 30m
            labels:
              severity: warning
            annotations:
              summary: "Sealed Secrets controller down — new secrets can't be decrypted"
          - alert: WoodpeckerDown
            expr: (kube_statefulset_status_replicas_ready{namespace="woodpecker", statefulset="woodpecker-server"} or on() vector(0)) < 1
            for: 15m
            labels:
              severity: warning
            annotations:
              summary: "Woodpecker CI server down — CI/CD pipelines not running"
      - name: Critical Services
        rules:
          - alert: PostgreSQLDown
            expr: kube_pod_status_ready{namespace="dbaas", pod=~"pg-cluster-.*", condition="true"} != 1
            for: 5m
            labels:
              severity: critical
            annotations:
              summary: "PostgreSQL pod {{ $labels.pod }} is not ready"
          - alert: RedisDown
            expr: (kube_statefulset_status_replicas_ready{namespace="redis", statefulset="redis-v2"} or on() vector(0)) < 1
            for: 5m
            labels:
              severity: critical
            annotations:
              summary: "Redis is down — statefulset redis-v2 has no ready pod"
          - alert: RedisMemoryPressure
            # Single instance, volatile-lru (2026-05-30): at maxmemory, TTL'd
            # (cache) keys are evicted but TTL-less keys (Immich BullMQ + Celery
            # jobs) are NOT — so once cache headroom is gone, queue writes start
            # erroring. 80% is the backstop to intervene (bump maxmemory) first.
            expr: redis_memory_used_bytes{namespace="redis"} / redis_memory_max_bytes{namespace="redis"} > 0.80
            for: 5m
            labels:
              severity: warning
            annotations:
              summary: "Redis pod {{ $labels.pod }} using {{ $value | humanizePercentage }} of maxmemory — volatile-lru evicting cache keys; queue writes at risk"
          - alert: RedisEvictions
            # volatile-lru evicts only TTL'd (cache) keys under pressure — an
            # occasional eviction is by design, but a sustained rate means we're
            # near maxmemory and should raise it before queue writes error.
            expr: rate(redis_evicted_keys_total{namespace="redis"}[5m]) > 0
            for: 5m
            labels:
              severity: warning
            annotations:
              summary: "Redis pod {{ $labels.pod }} evicting keys ({{ $value }} keys/s) — near maxmemory"
          - alert: RedisForkLatencyHigh
            # latest_fork_usec > 500ms means BGSAVE fork is stalling the main
            # thread long enough to drop client requests. COW pressure or
            # constrained memory headroom are the usual causes.
            expr: redis_latest_fork_usec{namespace="redis"} > 500000
            for: 0m
            labels:
              severity: warning
            annotations:
              summary: "Redis pod {{ $labels.pod }} fork took {{ $value }}us (>500ms) — investigate memory headroom"
          - alert: RedisAOFRewriteLong
            expr: redis_aof_rewrite_in_progress{namespace="redis"} == 1
            for: 10m
            labels:
              severity: warning
            annotations:
              summary: "Redis pod {{ $labels.pod }} AOF rewrite running >10m — COW memory risk, investigate"
          - alert: HeadscaleReplicasMismatch
            expr: (kube_deployment_status_replicas_available{namespace="headscale"} or on() vector(0)) < 1
            for: 5m
            labels:
              severity: warning
            annotations:
              summary: "Headscale VPN has no available replicas"
          - alert: AuthentikDown
            expr: (kube_deployment_status_replicas_available{namespace="authentik", deployment="goauthentik-server"} or on() vector(0)) < 1
            for: 5m
            labels:
              severity: critical
            annotations:
              summary: "Authentik auth server has no available replicas"
          - alert: PoisonFountainDown
            expr: |
              kube_deployment_spec_replicas{namespace="poison-fountain", deployment="poison-fountain"} > 0
              and (kube_deployment_status_replicas_available{namespace="poison-fountain", deployment="poison-fountain"} or on() vector(0)) < 1
            for: 5m
            labels:
              severity: warning
            annotations:
              summary: "Poison Fountain is down - AI bot blocking degraded to fail-open"
          - alert: PgBouncerDown
            expr: (kube_deployment_status_replicas_available{namespace="authentik", deployment="pgbouncer"} or on() vector(0)) < 1
            for: 5m
            labels:
              severity: critical
            annotations:
              summary: "PgBouncer down — Authentik cannot reach PostgreSQL"
          - alert: CNPGOperatorDown
            expr: (kube_deployment_status_replicas_available{namespace="cnpg-system", deployment="cnpg-cloudnative-pg"} or on() vector(0)) < 1
            for: 10m
            labels:
              severity: warning
            annotations:
              summary: "CNPG operator down — PostgreSQL failover/management degraded"
          - alert: PGConnectionsHigh
            # Per-cluster connection utilisation. Sums per-database backend
            # counts on each pod, then takes max across pods (primary holds
            # the real workload; replicas only have streaming_replica conns).
            expr: (max by (cnpg_cluster) (sum by (cnpg_cluster, instance) (cnpg_backends_total))) / (max by (cnpg_cluster) (cnpg_pg_settings_setting{name="max_connections"})) > 0.85
            for: 10m
            labels:
              severity: warning
            annotations:
              summary: "PostgreSQL {{ $labels.cnpg_cluster }}: connection utilisation {{ $value | humanizePercentage }} — approaching max_connections ceiling"
          - alert: PGConnectionsCritical
            expr: (max by (cnpg_cluster) (sum by (cnpg_cluster, instance) (cnpg_backends_total))) / (max by (cnpg_cluster) (cnpg_pg_settings_setting{name="max_connections"})) > 0.95
            for: 3m
            labels:
              severity: critical
            annotations:
              summary: "PostgreSQL {{ $labels.cnpg_cluster }}: connection utilisation {{ $value | humanizePercentage }} — new client connections will be refused soon. Bump max_connections or reap idle backends."
      - name: Cluster
        rules:
          - alert: NodeDown
            expr: (up{job="kubernetes-nodes"} or on() vector(0)) == 0
            for: 3m
            labels:
              severity: critical
            annotations:
              summary: "Node down: {{ $labels.instance }}"
          - alert: DockerRegistryDown
            expr: (registry_process_start_time_seconds or on() vector(0)) == 0
            for: 10m
            labels:
              severity: warning
            annotations:
              summary: "Docker registry down for 10m"
          - alert: RegistryLowCacheHitRate
            expr: (sum by (job) (rate(registry_registry_storage_cache_total{type="Hit"}[15m]))) / (sum by (job) (rate(registry_registry_storage_cache_total{type="Request"}[15m]))) * 100 < 25
            for: 12h
            labels:
              severity: info
            annotations:
              summary: "Registry cache hit rate: {{ $value | printf \"%.0f\" }}% (threshold: 25%)"
          - alert: RegistryManifestIntegrityFailure
            expr: registry_manifest_integrity_failures > 0
            for: 30m
            labels:
              severity: critical
            annotations:
              summary: "{{ $labels.instance }}: {{ $value }} broken manifest reference(s) — orphan index or missing blob"
              description: "The forgejo-integrity-probe CronJob found {{ $value }} manifest/blob references that return non-200 on {{ $labels.instance }}. Rebuild the affected image per docs/runbooks/forgejo-registry-rebuild-image.md. (registry.viktorbarzin.me retired Phase 4 of forgejo-registry-consolidation 2026-05-07 — only forgejo.viktorbarzin.me remains.)"
          - alert: RegistryIntegrityProbeStale
            expr: time() - registry_manifest_integrity_last_run_timestamp > 3600
            for: 15m
            labels:
              severity: warning
            annotations:
              summary: "{{ $labels.instance }} integrity probe has not reported in >1h — CronJob may be broken"
          - alert: RegistryCatalogInaccessible
            expr: registry_manifest_integrity_catalog_accessible == 0
            for: 15m
            labels:
              severity: critical
            annotations:
              summary: "{{ $labels.instance }} probe cannot fetch /v2/_catalog — auth failure or registry down"
          - alert: NodeHighCPUUsage
            expr: pve_cpu_usage_ratio * 100 > 60
            for: 6h
            labels:
              severity: info
            annotations:
              summary: "CPU usage on {{ $labels.node }}: {{ $value | printf \"%.0f\" }}% (threshold: 60%)"
          # - name: PodStuckNotReady
          #   rules:
          #   - alert: PodStuckNotReady
          #     expr: kube_pod_status_ready{condition="true"} == 0
          #     for: 5m
          #     labels:
          #       severity: page
          #     annotations:
          #       summary: Pod stuck not ready.
          - alert: DeploymentReplicasMismatch
            # Sablier-enrolled deployments excluded (ADR-0022): their wake
            # transients would double-fire alongside SablierWakeFailed, which
            # is the single deep signal for that fleet (fires at 5m, not 30m).
            expr: |
              (
                kube_deployment_spec_replicas
                - on(namespace, deployment) kube_deployment_status_replicas_available
              ) > 0
              unless on(namespace, deployment) (kube_deployment_labels{label_sablier_enable="true"} == 1)
            for: 30m
            labels:
              severity: warning
            annotations:
              summary: "{{ $labels.namespace }}/{{ $labels.deployment }}: {{ $value | printf \"%.0f\" }} replica(s) unavailable"
          - alert: StatefulSetReplicasMismatch
            expr: |
              (
                kube_statefulset_replicas
                - on(namespace, statefulset) kube_statefulset_status_replicas_ready
              ) > 0
            for: 30m
            labels:
              severity: warning
            annotations:
              summary: "{{ $labels.namespace }}/{{ $labels.statefulset }}: {{ $value | printf \"%.0f\" }} replica(s) unavailable"
          - alert: DaemonSetMissingPods
            expr: |
              (
                kube_daemonset_status_desired_number_scheduled
                - on(namespace, daemonset) kube_daemonset_status_number_ready
              ) > 0
            for: 30m
            labels:
              severity: warning
            annotations:
              summary: "{{ $labels.namespace }}/{{ $labels.daemonset }}: {{ $value | printf \"%.0f\" }} pod(s) missing"
          - alert: NodeExporterDown
            expr: up{job="prometheus-prometheus-node-exporter"} == 0
            for: 5m
            labels:
              severity: critical
            annotations:
              summary: "Node exporter down: {{ $labels.instance }}"
          - alert: NodeHighIOWait
            expr: avg by (instance) (rate(node_cpu_seconds_total{mode="iowait"}[5m])) * 100 > 30
            for: 10m
            labels:
              severity: warning
            annotations:
              summary: "IOWait on {{ $labels.instance }}: {{ $value | printf \"%.0f\" }}% (threshold: 30%)"
          - alert: NoNodeLoadData
            expr: absent(node_load1)
            for: 10m
            labels:
              severity: info
            annotations:
              summary: "No node load data for 10m - check Prometheus scraping"
      - name: "Node Runtime Health"
        rules:
          - alert: KubeletImagePullErrors
            expr: sum by (node) (rate(kubelet_runtime_operations_errors_total{operation_type=~"pull_image|PullImage"}[10m])) > 0.1
            for: 10m
            labels:
              severity: critical
            annotations:
              summary: "Image pull errors on {{ $labels.node }}: {{ $value | printf \"%.2f\" }}/s — containerd may be broken"
          - alert: KubeletPLEGUnhealthy
            expr: (time() - kubelet_pleg_last_seen_seconds) > 180
            for: 5m
            labels:
              severity: critical
            annotations:
              summary: "PLEG on {{ $labels.instance }} not seen for {{ $value | printf \"%.0f\" }}s — kubelet lifecycle management broken"
          - alert: PodsStuckContainerCreating
            expr: count by (node) (kube_pod_container_status_waiting_reason{reason="ContainerCreating"} == 1) > 3
            for: 15m
            labels:
              severity: warning
            annotations:
              summary: "{{ $value | printf \"%.0f\" }} pods stuck in ContainerCreating on {{ $labels.node }}"
          # etcd request latency as SEEN BY THE APISERVER (client-side). Compensating
          # control for the accepted decision to keep etcd on the shared HDD (code-oflt /
          # 2026-07-19): a reboot IO storm makes etcd fsync stall, which shows up here as
          # elevated apiserver->etcd latency and flaps the control plane. Watch-only — no
          # etcd change; the metric is now kept in the kubernetes-apiservers scrape whitelist.
          # Threshold is conservative; recalibrate once baseline data has accumulated.
          - alert: EtcdRequestLatencyHigh
            expr: (sum(rate(etcd_request_duration_seconds_sum{job="kubernetes-apiservers"}[5m])) / sum(rate(etcd_request_duration_seconds_count{job="kubernetes-apiservers"}[5m]))) > 0.5
            for: 10m
            labels:
              severity: warning
            annotations:
              summary: "apiserver->etcd avg request latency {{ $value | printf \"%.2f\" }}s (>0.5s for 10m) — etcd likely slow on the shared HDD; control-plane recovery at risk on reboot"
          - alert: KubeletRuntimeOperationsLatency
            expr: histogram_quantile(0.99, sum by (instance, operation_type, le) (rate(kubelet_runtime_operations_duration_seconds_bucket[10m]))) > 60
            for: 10m
            labels:
              severity: warning
            annotations:
              summary: "Kubelet {{ $labels.operation_type }} p99: {{ $value | printf \"%.0f\" }}s on {{ $labels.instance }} (threshold: 30s)"
          - alert: KubeletRunningContainersDrop
            # Relative >50% drop vs. 10m ago, sustained for 5m.
            # Absolute-count threshold removed 2026-05-18: routine drains
            # routinely drop 10-30 containers and tripped the old `< -10`
            # rule; only a >50% drop that persists 5m+ indicates a real
            # node-level fault (kubelet hang, runtime crash, mass eviction).
            expr: |
              (
                (kubelet_running_containers{container_state="running"} - kubelet_running_containers{container_state="running"} offset 10m)
                / kubelet_running_containers{container_state="running"} offset 10m
              ) < -0.5
            for: 5m
            labels:
              severity: critical
            annotations:
              summary: "Running containers on {{ $labels.instance }} dropped >50% in 10m ({{ $value | printf \"%.2f\" }} ratio)"
          - alert: CalicoNodeNotReady
            expr: kube_daemonset_status_number_ready{namespace="calico-system", daemonset="calico-node"} < kube_daemonset_status_desired_number_scheduled{namespace="calico-system", daemonset="calico-node"}
            for: 5m
            labels:
              severity: critical
            annotations:
              summary: "Calico: only {{ $value | printf \"%.0f\" }} of desired calico-node pods ready — networking degraded"
      # Upgrade Gates: any firing alert here halts kured rolling reboots via
      # --prometheus-url + alertFilterRegexp ignore-list (see stacks/kured/main.tf).
      # These are silent-failure detectors and cluster-health velocity signals
      # that catch cascade-style failures (March 2026 26h outage class).
      - name: "Upgrade Gates"
        rules:
          - alert: KubeAPIServerDown
            expr: up{job="kubernetes-apiservers"} == 0
            for: 2m
            labels:
              severity: critical
            annotations:
              summary: "Kubernetes apiserver {{ $labels.instance }} is down — control plane degraded, blocks kured"
          - alert: KubeStateMetricsDown
            expr: absent(kube_node_info)
            for: 5m
            labels:
              severity: critical
            annotations:
              summary: "kube-state-metrics not responding — many alerts are SILENT until this is fixed"
          - alert: PrometheusRuleEvaluationFailing
            expr: increase(prometheus_rule_evaluation_failures_total[10m]) > 0
            for: 5m
            labels:
              severity: critical
            annotations:
              summary: "Prometheus rule evaluation failing — alerting itself is degraded ({{ $value | printf \"%.0f\" }} failures in 10m)"
          - alert: PVCStuckPending
            expr: kube_persistentvolumeclaim_status_phase{phase="Pending"} == 1
            for: 10m
            labels:
              severity: warning
            annotations:
              summary: "PVC {{ $labels.namespace }}/{{ $labels.persistentvolumeclaim }} stuck Pending for 10m+"
          # RecentNodeReboot — kubelet just restarted, give the node some time
          # to settle before any other reboot-driving thing (kured, K8s
          # version-upgrade chain) acts. Threshold tightened from 86400 →
          # 3600 on 2026-05-17 — post-reboot workloads (calico-node,
          # kube-proxy, CSI sidecars, GPU drivers) typically reconverge
          # within minutes; 1h is comfortable margin. The 24h-between-
          # cluster-reboots protection lives separately in
          # `kured-sentinel-gate` Check 4 (reads node Ready
          # lastTransitionTime, independent of this alert).
          - alert: RecentNodeReboot
            expr: (time() - process_start_time_seconds{job="kubernetes-nodes"}) < 3600
            for: 0m
            labels:
              severity: info
            annotations:
              summary: "Node {{ $labels.node }} kubelet started {{ $value | humanizeDuration }} ago — 1h settle window halts further reboots"
          # NodeMaintenanceInProgress — a node is cordoned (kured drain-reboot
          # or manual maintenance). Exists primarily as the INHIBITION SOURCE
          # that mutes the planned-reboot alert blast (see inhibit_rules in
          # the alertmanager config above); info severity → the one Slack
          # line that marks the window. Side effect (intended): kured's alert
          # gate reads Prometheus, so a cordoned node also pauses further
          # kured reboots until the cordon lifts.
          - alert: NodeMaintenanceInProgress
            expr: kube_node_spec_unschedulable == 1
            for: 1m
            labels:
              severity: info
            annotations:
              summary: "Node {{ $labels.node }} cordoned — maintenance window; reboot-blast alerts are inhibited until uncordon"
          # Guard for the inhibition above: a FORGOTTEN cordon would otherwise
          # keep muting notifications indefinitely. Deliberately absent from
          # the inhibited target list.
          - alert: NodeCordonedTooLong
            expr: kube_node_spec_unschedulable == 1
            for: 2h
            labels:
              severity: warning
            annotations:
              summary: "Node {{ $labels.node }} cordoned for 2h+ — finish the maintenance or uncordon (alert inhibition is active while it stays cordoned)"
          # PodStuckPending — scheduled onto a node but not starting for 20m+:
          # volume-attach wedges (MountVolume ... device not found — the
          # 2026-07-12 n8n / wedged-QMP-hotplug class, memory #9580), stuck
          # image pulls, init-container deadlocks. Excludes pods the scheduler
          # can't place (PodUnschedulable owns those). First move:
          # `kubectl describe pod` events; wedged-hotplug recipe: cordon the
          # node → delete the pod (reschedules elsewhere) → uncordon; the VM
          # needs a reboot to clear the wedge (cluster-health check 47 now
          # detects it directly).
          # keep_firing_for: folds a pod that flips Pending -> Running -> Pending
          # into one alert (3 fire/resolve pairs in 7 days, measured 2026-08-10).
          - alert: PodStuckPending
            expr: kube_pod_status_phase{phase="Pending"} == 1 unless on(namespace, pod) kube_pod_status_conditions{condition="PodScheduled", status="false"} == 1
            for: 20m
            keep_firing_for: 30m
            labels:
              severity: warning
            annotations:
              summary: "{{ $labels.namespace }}/{{ $labels.pod }} Pending 20m+ though scheduled — check describe events (FailedMount / image pull / init)"
          - alert: MysqlStandaloneDown
            # Single-replica StatefulSet: brief drain re-scheduling routinely
            # takes 1-3 min during k8s upgrades. 3m suppresses those blips;
            # real outages persist longer. Raised from 2m on 2026-05-18.
            expr: kube_statefulset_status_replicas_ready{statefulset="mysql-standalone"} < 1
            for: 3m
            labels:
              severity: critical
            annotations:
              summary: "mysql-standalone has 0 ready replicas — DB-dependent apps will fail"
          - alert: ClusterPodReadyRatioDropped
            expr: |
              (
                sum(kube_pod_status_ready{condition="true"})
                / sum(kube_pod_status_phase{phase="Running"})
              ) < 0.9
              and on() (time() - process_start_time_seconds{job="prometheus"}) > 900
            for: 5m
            labels:
              severity: warning
            annotations:
              summary: "Cluster pod-ready ratio is {{ $value | printf \"%.1f\" }} (threshold: 0.9) — possible cascade"
          - alert: NodeMemoryPressure
            expr: kube_node_status_condition{condition="MemoryPressure",status="true"} == 1
            for: 5m
            labels:
              severity: warning
            annotations:
              summary: "Node {{ $labels.node }} reports MemoryPressure=true — kubelet may evict pods"
          - alert: NodeDiskPressure
            expr: kube_node_status_condition{condition="DiskPressure",status="true"} == 1
            for: 5m
            labels:
              severity: warning
            annotations:
              summary: "Node {{ $labels.node }} reports DiskPressure=true — image GC may not keep up"
          - alert: KubeQuotaAlmostFull
            expr: |
              kube_resourcequota{type="used"}
              / on(namespace, resource, resourcequota) kube_resourcequota{type="hard"} > 0.95
            for: 15m
            labels:
              severity: warning
            annotations:
              summary: "ResourceQuota {{ $labels.namespace }}/{{ $labels.resourcequota }} {{ $labels.resource }} at {{ $value | printf \"%.1f\" }} — workloads may fail to reschedule"
          # ── Upgrade Gates (k8s-version-upgrade pipeline) ────────────────────
          # Self-heal design (2026-07-25): a leaked k8s_upgrade_in_flight latch is
          # cleared by the detection-CronJob reconcile AND guarded here so it can't
          # false-fire; full write-up in docs/runbooks/k8s-version-upgrade.md
          # ("Leaked-latch self-heal") + docs/architecture/automated-upgrades.md.
          # K8sVersionSkew: >1 distinct kubelet version across the fleet = a half-done
          # kubeadm rollout (e.g. master at 1.35.7 but workers still on 1.35.6 after the
          # chain was interrupted mid-flight — the exact resting state a leaked-latch
          # incident leaves behind).
          # REBUILT 2026-07-25: the old expr keyed on kubernetes_build_info{job=~
          # "kubernetes-nodes|kubernetes-apiservers"}, which is NOT scraped anywhere —
          # it returned no data, so this alert could never fire and the half-done state
          # had no working detector (RC5). Rebuilt on kube_node_info.kubelet_version,
          # which IS kept in the kubernetes-service-endpoints keep-regex above.
          # The `unless on() (<chain job>.active > 0)` clause restricts firing to AT REST:
          # a healthy in-progress upgrade (a phase Job Active) is suppressed, so this adds
          # no new weekly noise. Keyed on active>0 (NOT mere series existence), so a
          # lingering COMPLETED/terminal chain Job — active=0, series still present for its
          # 7d TTL — does NOT mask a real at-rest skew. Fails OPEN: if the job metric is
          # ever pruned, active>0 is empty and the alert still fires. It is
          # Pushgateway-independent, so it is the durable ground-truth backstop for a
          # leaked in_flight latch at rest.
          # NOTE: while firing (a genuine at-rest skew), this warning also PAUSES kured
          # (kured blocks node reboots on ANY firing alert) — intended: don't reboot
          # nodes mid-broken-upgrade. It self-clears when the chain converges every node
          # to target, at which point kured resumes.
          - alert: K8sVersionSkew
            expr: count(count by (kubelet_version) (kube_node_info)) > 1 unless on() (kube_job_status_active{namespace="k8s-upgrade", job_name=~"k8s-upgrade-(preflight|master|worker|postflight)-.*"} > 0)
            for: 15m
            labels:
              severity: warning
              subsystem: k8s-upgrade
            annotations:
              summary: "Kubelet version skew at rest — a half-done k8s upgrade (no chain Job running). Inspect: kubectl get nodes -o custom-columns=NODE:.metadata.name,VERSION:.status.nodeInfo.kubeletVersion"
          # EtcdPreUpgradeSnapshotMissing: the k8s-version-upgrade agent pushes
          # `k8s_upgrade_in_flight=1` + `k8s_upgrade_snapshot_taken=0` at Stage 0,
          # then sets snapshot_taken=1 in Stage 2 after etcdctl confirms the
          # snapshot file size. Anywhere in_flight=1 with snapshot_taken=0
          # lasting >10m means the agent skipped or failed Stage 2 — a critical
          # safety hole (no recovery point if master upgrade hangs).
          - alert: EtcdPreUpgradeSnapshotMissing
            expr: k8s_upgrade_in_flight == 1 and k8s_upgrade_snapshot_taken == 0
            for: 10m
            labels:
              severity: critical
            annotations:
              summary: "K8s upgrade is in flight but no etcd snapshot was recorded — pipeline pre-flight failed silently"
          # K8sUpgradeStalled: the Job-chain pushes `k8s_upgrade_started_timestamp` in
          # preflight and resets `k8s_upgrade_in_flight=0` in postflight, N Job-hops
          # away. HARDENED 2026-07-25: the old expr keyed on the in_flight latch ALONE,
          # so ANY interruption between preflight and postflight (killswitch, set -e
          # abort, hung drain, SIGKILL on a node reboot, spawn_next failure, or a manual
          # off-schedule partial run) left the never-expiring Pushgateway latch at 1 and
          # fired this critical FOREVER — a false positive that also blocked kured
          # (RC1/RC2/RC4). The `and on() (sum(kube_job_status_active{…}) > 0)` clause now
          # requires a chain Job to ACTUALLY be running, so a bare stale latch can no
          # longer fire it; the detection-CronJob reconcile (stacks/k8s-version-upgrade
          # main.tf) clears a leaked latch within 12h. Threshold raised 90m→4h so a
          # genuinely-slow-but-healthy run (5 workers + soaks, etcd on shared HDD) does
          # not false-page + block kured. EtcdPreUpgradeSnapshotMissing is deliberately
          # NOT guarded the same way (its snapshot runs while the master Job is Active —
          # a guard would only mask a real failure).
          - alert: K8sUpgradeStalled
            expr: k8s_upgrade_in_flight == 1 and (time() - k8s_upgrade_started_timestamp) > 14400 and on() (sum(kube_job_status_active{namespace="k8s-upgrade", job_name=~"k8s-upgrade-(preflight|master|worker|postflight)-.*"}) > 0)
            for: 5m
            labels:
              severity: critical
            annotations:
              summary: "K8s upgrade chain Job running >4h — genuinely stuck. Check: kubectl -n k8s-upgrade get jobs"
          # K8sUpgradeChainJobFailed: catches a TERMINALLY-failed phase Job even
          # when it aborts BEFORE pushing k8s_upgrade_in_flight=1 (the preflight
          # gates — nodes-ready, halt-on-alert, settle-window, kubeadm-plan — all
          # exit pre-metric). K8sUpgradeStalled and EtcdPreUpgradeSnapshotMissing
          # both need in_flight=1, and upgrade_state.sh was metric-blind too, so a
          # failed preflight was invisible: exactly how a transient critical alert
          # wedged 1.34.9 for 5 days (2026-06-12). Scoped to the terminal
          # job-condition reasons (BackoffLimitExceeded/DeadlineExceeded), NOT a
          # bare failed-pod count, so a phase whose 1st pod failed but whose retry
          # SUCCEEDED does not fire — important because every firing alert also
          # halts kured (OS-reboot pipeline), and a bare-count false-positive would
          # block all node reboots for the Job's 7d TTL. With the retry-on-failure
          # idempotency guard the next detection cycle deletes + re-spawns the
          # Failed Job (clearing this within ~24h); a sustained firing means it
          # re-failed — investigate the root cause.
          # Scoped to the four chain PHASE jobs (preflight|master|worker|
          # postflight) — NOT a bare `k8s-upgrade-.*`, which would also match
          # helper jobs in the namespace like k8s-upgrade-nightly-report-* and
          # false-fire if one of those failed.
          # (2026-06-28) The old `unless on() (k8s_upgrade_blocked == 1)` clause
          # is GONE: compat-gate refusals no longer Fail the preflight Job. The
          # preflight now records the verdict via a gauge (k8s_upgrade_blocked or
          # k8s_upgrade_held) and exits 0 — the Job Completes, the chain just
          # doesn't advance (HALT_CHAIN) — so a terminally-Failed chain Job again
          # means a genuine wedge / crash / halt-on-alert, with nothing to
          # exclude. (Previously block() exit 1'd, Failing the Job, and this alert
          # had to exclude blocked==1 to avoid double-firing with K8sUpgradeBlocked.)
          - alert: K8sUpgradeChainJobFailed
            expr: kube_job_status_failed{namespace="k8s-upgrade", job_name=~"k8s-upgrade-(preflight|master|worker|postflight)-.*", reason=~"BackoffLimitExceeded|DeadlineExceeded"} > 0
            for: 15m
            labels:
              severity: warning
              subsystem: k8s-upgrade
            annotations:
              summary: "K8s upgrade chain Job {{ $labels.job_name }} terminally failed ({{ $labels.reason }}) — pipeline wedged. kubectl -n k8s-upgrade get jobs ; kubectl -n k8s-upgrade describe job {{ $labels.job_name }}"
          # K8sUpgradeBlocked: the chain pushes `k8s_upgrade_blocked=1` when the
          # preflight compat gate refuses the target with an ACTIONABLE blocker —
          # a newer version of the lagging addon EXISTS in addon-compat.json and
          # upgrading it would clear the block (or an in-use deprecated API must be
          # migrated / a node's containerd bumped). Designed "halt + alert", NOT a
          # crash: the preflight Job Completes cleanly (exit 0) and the chain just
          # doesn't advance. Specific reasons + remediation are in the morning
          # k8s-upgrade nightly report (it re-runs compat-gate). Same bare-metric
          # pushgateway selector as K8sUpgradeStalled (job "k8s-version-upgrade").
          # To clear: do the named upgrade/migration; the next nightly run proceeds.
          #
          # DELIBERATELY no companion alert for `k8s_upgrade_held=1` — the gate's
          # WAITING-on-upstream / PINNED verdict. Those can't be actioned now (no
          # released addon version supports the target yet, or the addon is pinned
          # e.g. gpu-operator), so a nightly alert would cry wolf. The held state
          # is surfaced only in the nightly report's ⏸️ line. (2026-06-28)
          - alert: K8sUpgradeBlocked
            expr: k8s_upgrade_blocked == 1
            for: 10m
            labels:
              severity: warning
              subsystem: k8s-upgrade
            annotations:
              summary: "K8s auto-upgrade blocked by an ACTIONABLE compat-gate refusal — a lagging addon/API/containerd can be upgraded to clear it. Reasons + remediation are in the morning k8s-upgrade nightly report."
              description: "An automated Kubernetes upgrade was REFUSED (not crashed) by the preflight compat gate with an ACTIONABLE blocker — a newer version of the lagging addon exists and upgrading it would clear the block (or an in-use deprecated API must be migrated, or a node's containerd bumped). The preflight Job Completes cleanly; the chain just halts. Specific reasons + remediation are in the morning k8s-upgrade nightly report. To clear: do the named upgrade/migration, then the next nightly run proceeds automatically. NB the gate's WAITING-on-upstream / PINNED verdict (k8s_upgrade_held=1) deliberately does NOT alert — nothing to action until upstream ships support or the pin is lifted; see the nightly report's HELD line."
      - name: "Traefik Ingress"
        rules:
          - alert: TraefikDown
            expr: up{job="traefik"} == 0
            # 5m (was 2m): a routine Traefik roll — Keel patch auto-upgrade or a
            # terragrunt apply — cycles all 3 replicas in ~2min, during which a
            # terminating pod's scrape target lingers at up==0 and tripped this
            # critical alert every upgrade (e.g. 3.7.7->3.7.8, 2026-07-15). 5m
            # rides out any normal rolling update; a genuine total-ingress
            # outage persists well past 5m and still fires.
            for: 5m
            labels:
              severity: critical
            annotations:
              summary: "Traefik pod {{ $labels.instance }} is down"
          # Detects a Traefik replica whose K8s Ingress informer cache has gone
          # stale — pod reloads at a fraction of the rate of peers, returns 404
          # for ingresses it never re-listed. Pattern observed 2026-05-12 when
          # pod traefik-db7696fbf-k42wp came back after a SIGTERM with only 6
          # routers vs 119 on healthy peers (11 vs 145 config reloads). Symptom:
          # ~33% of requests to viktorbarzin.me hosts returned a Go-style
          # "404 page not found" depending on which replica kube-proxy picked.
          # Remediation: `kubectl -n traefik delete pod <stale-pod>` — the
          # Deployment recreates it with a fresh informer cache. PDB
          # minAvailable=2 keeps the other two replicas serving.
          # 30m rate window lets stale (deleted) pod series age out quickly;
          # `for: 1h` tolerates startup ramp-up but catches sustained drift.
          # The `min(rate) > 0.0005` guard filters out both stale-zero series
          # (recently-deleted pods linger with rate=0) and fresh pods that
          # haven't accumulated samples — bug pattern rate (~0.00076 ≈ 2.75/hr
          # in the 2026-05-12 incident) sits comfortably above the floor.
          - alert: TraefikReplicaConfigStale
            expr: |
              (
                max(rate(traefik_config_reloads_total[30m]))
                /
                min(rate(traefik_config_reloads_total[30m]))
              ) > 5
              and min(rate(traefik_config_reloads_total[30m])) > 0.0005
            for: 1h
            labels:
              severity: warning
            annotations:
              summary: "Traefik replica config divergence: max/min reload rate = {{ $value | printf \"%.1f\" }}x"
              description: "One Traefik replica is reloading config much less than its peers — likely a stale K8s informer cache returning 404 for ingresses. Identify the stale pod by comparing `traefik_config_reloads_total` across pods and delete it: `kubectl -n traefik delete pod <pod-name>`."
          # Authentik '/' router 5xx — the episodic blank-login-screen + 30s-hang
          # signature: all 3 goauthentik-server pods go NotReady together during a
          # PG/pgbouncer transient, so Traefik has no healthy backend → 502/503/504.
          # Needs traefik_router_requests_total (kept by the narrowed drop-regex in
          # extraScrapeConfigs). Router name is verified live; it changes only if the
          # authentik '/' ingress is renamed. 5% over 5m with a 0.1 req/s traffic
          # floor so it doesn't fire on idle/just-restarted Prometheus.
          - alert: AuthentikRootRouter5xxHigh
            expr: |
              sum(rate(traefik_router_requests_total{router="authentik-authentik-authentik-viktorbarzin-me@kubernetes",code=~"50[234]"}[5m]))
              / sum(rate(traefik_router_requests_total{router="authentik-authentik-authentik-viktorbarzin-me@kubernetes"}[5m])) * 100 > 5
              and sum(rate(traefik_router_requests_total{router="authentik-authentik-authentik-viktorbarzin-me@kubernetes"}[5m])) > 0.1
            for: 5m
            labels:
              severity: warning
            annotations:
              summary: "authentik '/' router 5xx rate {{ $value | printf \"%.1f\" }}% — episodic backend-unavailable (blank login / 30s hang)"
              description: "The authentik UI '/' router is returning 502/503/504 — all 3 goauthentik-server pods are likely NotReady together during a PG/pgbouncer transient. Check `kubectl -n authentik get endpointslices` (should never be empty) and CNPG health."
          - alert: HighServiceErrorRate
            expr: |
              (
                sum(rate(traefik_service_requests_total{code=~"5..", service!~".*nextcloud.*"}[5m])) by (service)
                / sum(rate(traefik_service_requests_total{service!~".*nextcloud.*"}[5m])) by (service)
                * 100
              ) > 10
              and sum(rate(traefik_service_requests_total{service!~".*nextcloud.*"}[5m])) by (service) > 0.1
              and on() (time() - process_start_time_seconds{job="prometheus"}) > 900
            for: 10m
            labels:
              severity: warning
            annotations:
              summary: "5xx rate on {{ $labels.service }}: {{ $value | printf \"%.1f\" }}% (threshold: 10%)"
          - alert: HighService4xxRate
            # `.*catchall-error-pages.*` is excluded because that IngressRoute
            # is the wildcard `HostRegexp(^(.+\.)?viktorbarzin\.me$)` handler
            # — its entire purpose is to return 404 for unmatched hostnames
            # (typos + scanner traffic), so its 4xx rate is permanently ~100%.
            # Without this exclusion the alert is a perpetual false positive.
            expr: |
              (
                sum(rate(traefik_service_requests_total{code=~"4..", service!~".*nextcloud.*|.*grafana.*|.*linkwarden.*|.*claude-memory.*|.*catchall-error-pages.*"}[5m])) by (service)
                / sum(rate(traefik_service_requests_total{service!~".*nextcloud.*|.*grafana.*|.*linkwarden.*|.*claude-memory.*|.*catchall-error-pages.*"}[5m])) by (service)
                * 100
              ) > 30
              and sum(rate(traefik_service_requests_total{service!~".*nextcloud.*|.*grafana.*|.*linkwarden.*|.*claude-memory.*|.*catchall-error-pages.*"}[5m])) by (service) > 0.1
              and on() (time() - process_start_time_seconds{job="prometheus"}) > 900
            for: 15m
            # keep_firing_for: scanner/probe bursts push a low-traffic service's
            # 4xx ratio over 30% and back — 3 fire/resolve pairs in 7 days
            # (measured 2026-08-10).
            keep_firing_for: 1h
            labels:
              severity: warning
            annotations:
              summary: "4xx rate on {{ $labels.service }}: {{ $value | printf \"%.1f\" }}% (threshold: 30%)"
          - alert: HighServiceLatency
            expr: |
              (
                sum(rate(traefik_service_request_duration_seconds_sum{service!~".*idrac.*|.*headscale.*",protocol!="websocket"}[5m])) by (service)
                / sum(rate(traefik_service_request_duration_seconds_count{service!~".*idrac.*|.*headscale.*",protocol!="websocket"}[5m])) by (service)
              ) > 10
              and sum(rate(traefik_service_request_duration_seconds_count{service!~".*idrac.*|.*headscale.*",protocol!="websocket"}[5m])) by (service) > 0.05
              and on() (time() - process_start_time_seconds{job="prometheus"}) > 900
            for: 5m
            labels:
              severity: warning
            annotations:
              summary: "Avg latency on {{ $labels.service }}: {{ $value | printf \"%.1f\" }}s (threshold: 10s)"
          - alert: TLSCertExpiringSoon
            expr: (traefik_tls_certs_not_after - time()) / 86400 < 7
            for: 1h
            labels:
              severity: critical
            annotations:
              summary: "TLS cert {{ $labels.cn }} expires in {{ $value | printf \"%.0f\" }} days"
          - alert: TLSCertRenewalOverdue
            expr: (traefik_tls_certs_not_after - time()) / 86400 < 30
            for: 1h
            labels:
              severity: warning
            annotations:
              summary: "TLS cert {{ $labels.cn }} expires in {{ $value | printf \"%.0f\" }} days — renewal may have failed (LE certs valid 90d, renewed at 60d)"
          - alert: TraefikHighOpenConnections
            expr: sum(traefik_service_open_connections) by (service) > 500
            for: 5m
            labels:
              severity: warning
            annotations:
              summary: "{{ $labels.service }} has {{ $value | printf \"%.0f\" }} open connections (threshold: 500)"
          - alert: ForwardAuthFallbackActive
            expr: |
              (
                kube_deployment_spec_replicas{namespace="poison-fountain", deployment="poison-fountain"} > 0
                and (kube_deployment_status_replicas_available{namespace="poison-fountain", deployment="poison-fountain"} or on() vector(0)) < 1
              ) or (
                kube_deployment_status_replicas_available{namespace="authentik", deployment="goauthentik-server"} or on() vector(0)
              ) < 1
            for: 5m
            labels:
              severity: warning
            annotations:
              summary: "ForwardAuth fallback active — check Poison Fountain and Authentik availability"
          # - alert: OpenWRT High Memory Usage
          #   expr: 100 - ((openwrt_node_memory_MemAvailable_bytes * 100) / openwrt_node_memory_MemTotal_bytes) > 90
          #   for: 10m
          #   labels:
          #     severity: page
          #   annotations:
          #     summary: OpenWRT high memory usage. Can cause services getting stuck.
          # MailServerDown, HackmdDown, PrivatebinDown moved to "Application Health" group
          # New Tailscale client moved to "Infrastructure Health" group
      - name: "Slow Ingress Latency"
        # Per-host slow-latency + Anubis-specific 5xx alerts. Sourced from
        # `traefik_service_*` metrics scraped via `kubernetes-pods` (only fresh
        # samples we have — `*_bucket` series are scraped but the `traefik`
        # job's metric_relabel drops them, so `histogram_quantile` produces no
        # samples). Once buckets are restored, replace the avg expressions with
        # `histogram_quantile(0.95, ...)`. The `service` label format is
        # `<ns>-<release>-<port>@kubernetes` and maps roughly 1:1 to a public
        # host (e.g. `travel-blog-anubis-travel-8080@kubernetes`).
        rules:
          - alert: IngressTTFBHigh
            # p95 over 30m, NOT a mean over 5m (changed 2026-08-15).
            #
            # The mean was the whole problem. Most services here serve a few
            # requests a minute, so a 5m window held ~15 requests and whichever
            # one happened to be slow set the average: one Home Assistant
            # stream, one matrix /sync, one crawler call. That produced 81
            # firings in 7 days across 8 services, and every service probed at
            # 13-143ms while "firing". matrix is the clearest case — 2ms
            # baseline all day, single spikes to 4.5s, 0.09 req/s.
            #
            # A p95 says "a real share of requests are slow", which is the thing
            # worth waking up for, and one outlier can no longer move it.
            expr: |
              histogram_quantile(0.95,
                sum(rate(traefik_service_request_duration_seconds_bucket{service!~".*idrac.*|.*headscale.*|.*nextcloud.*|.*immich.*",protocol!="websocket"}[30m])) by (service, le)
              ) > 1
              and sum(rate(traefik_service_request_duration_seconds_count{service!~".*idrac.*|.*headscale.*|.*nextcloud.*|.*immich.*",protocol!="websocket"}[30m])) by (service) > 0.05
              and on() (time() - process_start_time_seconds{job="prometheus"}) > 1800
            for: 10m
            # Was 1h, to damp the mean's fire/resolve churn. The p95 doesn't
            # churn, so this only needs to cover ordinary scrape jitter.
            keep_firing_for: 15m
            labels:
              severity: warning
            annotations:
              summary: "Slow ingress on {{ $labels.service }}: p95 latency {{ $value | printf \"%.2f\" }}s (threshold: 1s for 10m)"
          - alert: IngressTTFBCritical
            # p95 over 30m, matching IngressTTFBHigh above — see the reasoning
            # there. This one mattered more: criticals re-ping every 6h, so a
            # single 4.5s matrix request kept re-announcing itself all day.
            expr: |
              histogram_quantile(0.95,
                sum(rate(traefik_service_request_duration_seconds_bucket{service!~".*idrac.*|.*headscale.*|.*nextcloud.*|.*immich.*",protocol!="websocket"}[30m])) by (service, le)
              ) > 3
              and sum(rate(traefik_service_request_duration_seconds_count{service!~".*idrac.*|.*headscale.*|.*nextcloud.*|.*immich.*",protocol!="websocket"}[30m])) by (service) > 0.05
              and on() (time() - process_start_time_seconds{job="prometheus"}) > 1800
            for: 5m
            keep_firing_for: 15m
            labels:
              severity: critical
            annotations:
              summary: "Critically slow ingress on {{ $labels.service }}: p95 latency {{ $value | printf \"%.2f\" }}s (threshold: 3s for 5m)"
          - alert: IngressErrorRate5xxHigh
            # Rolling upgrades / pod migrations cause brief 5xx spikes that
            # clear within 1-2 min. Only persistent 5xx indicates a real
            # problem. Raised from 5m to 10m on 2026-05-18.
            expr: |
              (
                sum(rate(traefik_service_requests_total{code=~"5..", service!~".*nextcloud.*"}[5m])) by (service)
                / sum(rate(traefik_service_requests_total{service!~".*nextcloud.*"}[5m])) by (service)
                * 100
              ) > 5
              and sum(rate(traefik_service_requests_total{service!~".*nextcloud.*"}[5m])) by (service) > 0.1
              and on() (time() - process_start_time_seconds{job="prometheus"}) > 900
            for: 10m
            labels:
              severity: critical
            annotations:
              summary: "5xx rate on {{ $labels.service }}: {{ $value | printf \"%.1f\" }}% (threshold: 5% for 10m)"
          - alert: AnubisChallengeStoreErrors
            # Anubis exposes only Go-runtime metrics on :9090 (no anubis_* /
            # challenge_* counters), so we proxy via Traefik 5xx on services
            # whose name contains `anubis`. Catches the "store: key not found"
            # 500 we saw — every Anubis 5xx is suspicious because the only
            # legitimate path through it is /.within.website/x/cmd/anubis or a
            # redirect to the upstream, both 200/3xx in healthy operation.
            expr: |
              sum(rate(traefik_service_requests_total{service=~".*anubis.*",code=~"5.."}[5m])) by (service) > 0
              and on() (time() - process_start_time_seconds{job="prometheus"}) > 900
            for: 5m
            # keep_firing_for: `> 0` on a 5m rate means a single 5xx fires the
            # alert and it clears as soon as that sample ages out — 7 fire/resolve
            # pairs in 7 days, median firing 2m, shortest 60s (measured
            # 2026-08-10). Held open so an error burst is one critical alert.
            keep_firing_for: 1h
            labels:
              severity: critical
            annotations:
              summary: "Anubis service {{ $labels.service }} returning 5xx ({{ $value | printf \"%.2f\" }} req/s) — likely challenge-store error"
      - name: "Networking & Access"
        rules:
          - alert: CloudflaredDown
            expr: (kube_deployment_status_replicas_available{namespace="cloudflared", deployment="cloudflared"} or on() vector(0)) < 1
            for: 5m
            labels:
              severity: critical
            annotations:
              summary: "Cloudflared tunnel down — external access via Cloudflare broken"
          - alert: CloudflaredDegraded
            expr: |
              (
                kube_deployment_spec_replicas{namespace="cloudflared", deployment="cloudflared"}
                - on(namespace, deployment) kube_deployment_status_replicas_available{namespace="cloudflared", deployment="cloudflared"}
              ) > 0
            for: 10m
            labels:
              severity: warning
            annotations:
              summary: "Cloudflared: {{ $value | printf \"%.0f\" }} replica(s) unavailable"
          - alert: MetalLBSpeakerDown
            # kubelet restart during k8s upgrade briefly takes the speaker
            # pod down; typical recovery is 30-45s. The full drain+kubeadm+
            # apt+kubelet-restart+uncordon cycle in the chain's worker phase
            # can take a single node out of MetalLB rotation for 5-7 min in
            # the worst case (depending on PDB stickiness). 10m suppresses
            # those upgrade-induced blips while still catching genuine
            # speaker-down conditions.
            # Reverted from 2m → 10m on 2026-05-23 after node4 upgrade
            # tripped it mid-soak and aborted the chain. Previous value was
            # 5m (set 2026-05-18) which was already correct; a brief patch
            # had tightened it.
            expr: |
              (
                kube_daemonset_status_desired_number_scheduled{namespace="metallb-system", daemonset="metallb-speaker"}
                - on(namespace, daemonset) kube_daemonset_status_number_ready{namespace="metallb-system", daemonset="metallb-speaker"}
              ) > 0
            for: 10m
            labels:
              severity: critical
            annotations:
              summary: "MetalLB speaker: {{ $value | printf \"%.0f\" }} pod(s) missing"
          - alert: MetalLBControllerDown
            expr: (kube_deployment_status_replicas_available{namespace="metallb-system", deployment="metallb-controller"} or on() vector(0)) < 1
            for: 5m
            labels:
              severity: critical
            annotations:
              summary: "MetalLB controller down — no LoadBalancer IP management"
          - alert: TechnitiumDNSDown
            expr: |
              (kube_deployment_status_replicas_available{namespace="technitium", deployment="technitium"} or on() vector(0))
              + (kube_deployment_status_replicas_available{namespace="technitium", deployment="technitium-secondary"} or on() vector(0))
              < 1
            for: 5m
            labels:
              severity: critical
            annotations:
              summary: "Both Technitium DNS instances down — internal DNS broken"
      - name: "Storage Drivers"
        rules:
          - alert: NFSCSIControllerDown
            expr: (kube_deployment_status_replicas_available{namespace="nfs-csi", deployment="csi-nfs-controller"} or on() vector(0)) < 1
            for: 5m
            labels:
              severity: critical
            annotations:
              summary: "NFS CSI controller down — new NFS volume provisioning broken"
          # ISCSICSIControllerDown alert removed — democratic-csi replaced by proxmox-csi (2026-04-05)
          - alert: NFSCSINodeDown
            expr: kube_daemonset_status_number_unavailable{namespace="nfs-csi", daemonset="csi-nfs-node"} > 0
            for: 10m
            labels:
              severity: critical
            annotations:
              summary: "{{ $value }} NFS CSI node pod(s) unavailable — NFS mounts will fail on affected nodes"
          - alert: NFSMountFailures
            expr: |
              count(kube_pod_container_status_waiting_reason{reason="ContainerCreating"} == 1) > 5
              and on()
              count(kube_pod_container_status_waiting_reason{reason="ContainerCreating"} == 1) > 2 * count(kube_pod_container_status_waiting_reason{reason="ContainerCreating"} offset 10m == 1 or on() vector(0))
            for: 10m
            labels:
              severity: critical
            annotations:
              summary: ">5 pods stuck in ContainerCreating with sudden increase — possible NFS or storage outage"
          - alert: NFSHighRPCRetransmissions
            expr: |
              sum by (instance) (rate(node_nfs_rpc_retransmissions_total[5m])) > 5
            for: 5m
            labels:
              severity: warning
            annotations:
              summary: "Node {{ $labels.instance }}: NFS RPC retransmission rate {{ $value | printf \"%.1f\" }}/s — NFS server (192.168.1.127) may be degraded or unreachable"
          # Proxmox CSI per-node LUN saturation. The plugin enforces
          # csi.proxmox.sinextra.dev/max-volume-attachments=28 (set on every k8s-node*
          # by stacks/proxmox-csi). QEMU's virtio-scsi-pci hard cap is 30 LUNs.
          # When K8s-side VolumeAttachments approach the cap, new PVCs fail to
          # attach with "no free lun found" — vaultwarden + 18 pods stuck 2026-05-26.
          - alert: ProxmoxCSILunUsageHigh
            expr: count by (node) (kube_volumeattachment_info{node=~"k8s-node.*"}) >= 24
            for: 10m
            labels:
              severity: warning
            annotations:
              summary: "{{ $labels.node }}: {{ $value }}/28 CSI volumes attached (>= 85% of cap)"
              description: "Approaching the proxmox-csi-plugin per-node cap of 28 attachments. Workloads scheduled to this node with new PVCs may fail to attach. Consider rebalancing or migrating PVCs to other nodes."
          - alert: ProxmoxCSILunUsageCritical
            expr: count by (node) (kube_volumeattachment_info{node=~"k8s-node.*"}) >= 27
            for: 3m
            labels:
              severity: critical
            annotations:
              summary: "{{ $labels.node }}: {{ $value }}/28 CSI volumes attached — 1 slot left"
              description: "Only 1 LUN slot remains before the proxmox-csi cap. Next PVC attach to this node will fail with 'no free lun found'."
          - alert: ProxmoxCSILunCapReached
            expr: count by (node) (kube_volumeattachment_info{node=~"k8s-node.*"}) >= 28
            for: 1m
            labels:
              severity: critical
            annotations:
              summary: "{{ $labels.node }}: at proxmox-csi LUN cap (28/28) — attaches WILL fail"
              description: "Pods needing new PVC attachments on {{ $labels.node }} will fail with 'no free lun found'. Detach unused volumes from this node's Proxmox VM config, or migrate PVCs to a less-loaded node."
      - name: "Application Health"
        rules:
          - alert: MailServerDown
            expr: (kube_deployment_status_replicas_available{namespace="mailserver", deployment="mailserver"} or on() vector(0)) < 1
            for: 5m
            labels:
              severity: warning
            annotations:
              summary: "Mail server has no available replicas - mail may not be received"
          # Note: no BankSyncFailing alert — GoCardless enforces per-account
          # PSD2 quotas (4 successful pulls per account per 24h). Manual UI
          # syncs consume the same quota, so the nightly cron routinely hits
          # rate-limits without any real outage. Alert only on staleness.
          - alert: BankSyncStale
            expr: (time() - bank_sync_last_success_timestamp) > 172800
            for: 1h
            labels:
              severity: warning
            annotations:
              summary: "Bank sync (instance {{ $labels.instance }}): NO account has synced in over 48h. Likely a real outage — check CronJob, http-api logs, and GoCardless re-auth."
          - alert: BankSyncAccountStale
            expr: (time() - bank_sync_account_last_success_timestamp) > 259200
            for: 1h
            labels:
              severity: warning
            annotations:
              summary: "Bank sync (instance {{ $labels.instance }}): account {{ $labels.account }} has not synced in over 72h. GoCardless requisition may have expired — re-link in Settings → Bank Sync."
          # Both alerts above only detect ABSENCE of syncing. From 2024-12 to
          # 2026-08-16 the bank sync ran nightly, returned HTTP 200 for every
          # account, and kept these two green while re-importing the same
          # transactions every night (a rule with a `set account` action moved
          # each imported row out of the account being synced, and Actual's
          # dedupe is scoped to that account). ~93% of rows created per run were
          # duplicates. These two alert on the CORRECTNESS of the import instead.
          # `delta`, not `increase`: this is a Pushgateway gauge that DROPS when
          # duplicates are cleaned up, and increase() reads a drop as a counter
          # reset and extrapolates — firing precisely when a cleanup succeeds.
          - alert: BankSyncDuplicateImports
            expr: delta(bank_sync_excess_imported_rows[25h]) > 20
            for: 1h
            labels:
              severity: warning
            annotations:
              summary: "Bank sync (instance {{ $labels.instance }}): duplicate transaction rows grew by more than 20 in 24h. A rule with a `set account` action breaks import dedupe — see docs/runbooks/actualbudget-bank-sync.md."
          - alert: BankSyncDupCheckFailing
            expr: bank_sync_dupcheck_success == 0
            for: 26h
            labels:
              severity: info
            annotations:
              summary: "Bank sync (instance {{ $labels.instance }}): the duplicate-import check did not complete. The run-query endpoint is experimental upstream and may have changed. NOTE this cannot fire when the job dies before pushing at all — BankSyncStale covers that case."
          # The nightly run takes 30-95s. A run that takes minutes means the
          # http-api is on the slow downloadBudget path (see the CronJob comment
          # in stacks/actualbudget/factory/main.tf). Before 2026-08-16 neither
          # curl had a timeout and a wedged run sat Running until the next day's
          # schedule replaced it, silently losing a day's sync while the
          # pushgateway still showed the previous run's success.
          - alert: BankSyncSlow
            expr: bank_sync_duration_seconds > 300
            for: 5m
            labels:
              severity: warning
            annotations:
              summary: "Bank sync (instance {{ $labels.instance }}) took {{ $value }}s (normal is 30-95s). Check the http-api for the slow budget-download path."
          - alert: EmailRoundtripFailing
            expr: email_roundtrip_success{job="email-roundtrip-monitor"} == 0
            for: 60m
            labels:
              severity: warning
            annotations:
              summary: "Email round-trip probe failing. Check MX DNS, Postfix, Mailgun API, and IMAP."
          - alert: EmailRoundtripStale
            expr: (time() - email_roundtrip_last_success_timestamp{job="email-roundtrip-monitor"}) > 3600
            for: 20m
            labels:
              severity: warning
            annotations:
              summary: "Email round-trip probe has not succeeded in >60 min"
          - alert: EmailRoundtripNeverRun
            expr: absent(email_roundtrip_success{job="email-roundtrip-monitor"})
            for: 60m
            labels:
              severity: warning
            annotations:
              summary: "Email round-trip monitor never reported - check CronJob in mailserver namespace"
          - alert: ShareLinkGeoStale
            # Daily job; >49h without success = two missed runs. Counters
            # (Loki recording rules) are unaffected — only the geo/unique-IP
            # gauges freeze at their last values while this fires.
            expr: (time() - share_link_geo_last_success_timestamp) > 176400
            for: 1h
            labels:
              severity: warning
            annotations:
              summary: "share-link-geo CronJob (monitoring ns) hasn't succeeded in >49h — geo/unique-IP share-link gauges are stale"
          - alert: MemoryRecallErrors
            # The audit's silent-failure class: recall handlers raising (was the
            # tsquery-500 that cost ~11%% of prompts their memories, unnoticed).
            expr: increase(memory_recall_errors_total[15m]) > 0
            for: 5m
            labels:
              severity: warning
            annotations:
              summary: "claude-memory recall handlers are raising (see surface label) — sessions silently losing recall"
          - alert: MemoryEmbedWriteFailing
            expr: increase(memory_embed_write_total{status="failed"}[30m]) > 3
            for: 5m
            labels:
              severity: warning
            annotations:
              summary: "claude-memory embed-on-write failing repeatedly — new memories invisible to the dense leg"
          - alert: MemoryEmbedBacklog
            # Steady state is ~0 (embed-on-write keeps up). A growing backlog
            # means the background embed task is stalled or the model broke.
            expr: memory_embeddings_pending > 100
            for: 6h
            labels:
              severity: warning
            annotations:
              summary: "claude-memory embeddings backlog >100 for 6h — dense recall coverage degrading"
          - alert: MemoryRecallLatencyHigh
            # The recall hook aborts at 6s; p95 near that silently drops
            # injected memories from prompts.
            expr: histogram_quantile(0.95, sum(rate(memory_recall_seconds_bucket[10m])) by (le)) > 2.5
            for: 30m
            labels:
              severity: warning
            annotations:
              summary: "claude-memory recall p95 >2.5s for 30m — approaching the 6s hook timeout"
          - alert: T3ProbeLegDown
            expr: t3probe_connected{job="t3-probe"} == 0
            for: 5m
            labels:
              severity: warning
            annotations:
              summary: "A t3 path-probe leg has been down >5m (leg label says which)"
              description: "cloudflare-only = Cloudflare/WAN segment; cloudflare+internal = Traefik/dispatch/devvm; t3serve = the serve process. See docs/runbooks/t3-drop-attribution.md."
          - alert: T3ProbeDropBurst
            expr: increase(t3probe_disconnects_total{job="t3-probe"}[15m]) > 6
            for: 1m
            labels:
              severity: warning
            annotations:
              summary: "A t3 path-probe leg is dropping repeatedly (>6 in 15m; see leg/reason labels)"
              description: "Users on the same segment are seeing 'disconnected, reconnecting' at this rate. Compare legs to attribute; correlate with devvm node_pressure_* metrics."
          # Rewired 2026-08-16 from the viktorbarzin-apex-probe CronJob's pushed gauge
          # to a blackbox dns_apex scrape. probe_success is 0 when Technitium answers
          # with anything other than the live Traefik LB IP, AND when it fails to
          # answer at all — both are the same emergency from a caller's point of view.
          # The former ProbeStale / ProbeNeverRun pair are gone: a scrape target that
          # stops reporting shows up as `up == 0` below rather than as a stale push.
          - alert: ViktorBarzinApexDrift
            expr: probe_success{job="apex-dns"} == 0
            for: 10m
            labels:
              severity: critical
            annotations:
              summary: "viktorbarzin.me apex is not resolving to 10.0.20.203 via Technitium"
              description: "Technitium serves the split-horizon apex that ~80 *.viktorbarzin.me CNAMEs resolve through. If it is wrong or unanswered, every internal service (auth, vault, immich, ha-sofia, ...) breaks and fresh image pulls degrade to the public hairpin. Check the Technitium primary zone A record, and that Traefik's LB IP is still 10.0.20.203 — if the LB moved, update the dns_apex module regexp too."
          - alert: ViktorBarzinApexProbeDown
            expr: up{job="apex-dns"} == 0
            for: 15m
            labels:
              severity: warning
            annotations:
              summary: "apex DNS canary is not being scraped"
              description: "blackbox-exporter is not answering the apex-dns probe, so apex drift would now go undetected. Check the blackbox-exporter deployment in the monitoring namespace."
          - alert: ClaudeOAuthTokenExpiringSoon
            expr: (claude_oauth_token_expiry_timestamp{job="claude-oauth-expiry-monitor"} - time()) < (30 * 86400)
            for: 1h
            labels:
              severity: warning
            annotations:
              summary: "Claude OAuth token {{ $labels.path }} expires in <30 days"
              description: "Run `claude setup-token` to mint a new 1-year token and update the corresponding Vault path + mint_epoch in stacks/claude-agent-service/main.tf."
          - alert: ClaudeOAuthTokenCritical
            expr: (claude_oauth_token_expiry_timestamp{job="claude-oauth-expiry-monitor"} - time()) < (7 * 86400)
            for: 10m
            labels:
              severity: critical
            annotations:
              summary: "Claude OAuth token {{ $labels.path }} expires in <7 days — rotate NOW"
              description: "The long-lived CLAUDE_CODE_OAUTH_TOKEN is within 1 week of expiry. Automated upgrades will break when it expires. Harvest via `claude setup-token` and update Vault + TF."
          - alert: ClaudeOAuthTokenMonitorStale
            expr: (time() - claude_oauth_expiry_monitor_last_push_timestamp) > (48 * 3600)
            for: 10m
            labels:
              severity: warning
            annotations:
              summary: "Claude OAuth expiry monitor hasn't pushed in >48h"
              description: "CronJob claude-oauth-expiry-monitor in claude-agent ns isn't running. Check `kubectl -n claude-agent get cronjob claude-oauth-expiry-monitor`."
          - alert: ClaudeOAuthTokenMonitorNeverRun
            expr: absent(claude_oauth_expiry_monitor_last_push_timestamp)
            for: 2h
            labels:
              severity: warning
            annotations:
              summary: "Claude OAuth expiry monitor has never pushed — CronJob not running"
              description: "Expected `claude_oauth_expiry_monitor_last_push_timestamp` to appear once the CronJob runs. Check the CronJob in claude-agent namespace."
          # Down = unavailable while the deployment WANTS replicas (spec > 0).
          # spec=0 is deliberate parking (hackmd is hand-parked 2026-07-12;
          # privatebin is sablier-enrolled and parks by design, ADR-0022) —
          # not an outage. Sablier-enrolled apps are additionally excluded
          # entirely: their woke-but-broken signal is SablierWakeFailed.
          - alert: HackmdDown
            expr: |
              (kube_deployment_status_replicas_available{namespace="hackmd"} < 1)
              and on(namespace, deployment) (kube_deployment_spec_replicas > 0)
              unless on(namespace, deployment) (kube_deployment_labels{label_sablier_enable="true"} == 1)
            for: 5m
            labels:
              severity: warning
            annotations:
              summary: "Hackmd has no available replicas (and is not parked)"
          - alert: PrivatebinDown
            expr: |
              (kube_deployment_status_replicas_available{namespace="privatebin"} < 1)
              and on(namespace, deployment) (kube_deployment_spec_replicas > 0)
              unless on(namespace, deployment) (kube_deployment_labels{label_sablier_enable="true"} == 1)
            for: 10m
            labels:
              severity: warning
            annotations:
              summary: "Privatebin has no available replicas (and is not parked/enrolled)"
          - alert: DawarichIngestionStale
            expr: (time() - dawarich_last_point_ingested_timestamp{user="viktor"}) > 172800
            for: 15m
            labels:
              severity: warning
            annotations:
              summary: "Dawarich: no points from viktor in >2 days"
              description: "The iOS Dawarich app likely stopped sending location points. Open the app, verify it's running, and check background location permissions. Server-side is healthy when this alert fires — the issue is client-side."
          - alert: DawarichIngestionMonitorStale
            expr: (time() - dawarich_ingestion_monitor_last_push_timestamp{user="viktor"}) > 129600
            for: 15m
            labels:
              severity: warning
            annotations:
              summary: "Dawarich ingestion freshness monitor hasn't pushed in >36h"
              description: "CronJob ingestion-freshness-monitor in dawarich ns isn't running or failing. Check `kubectl -n dawarich get cronjob ingestion-freshness-monitor` and recent Job logs."
          - alert: DawarichIngestionMonitorNeverRun
            expr: absent(dawarich_ingestion_monitor_last_push_timestamp{user="viktor"})
            for: 2h
            labels:
              severity: warning
            annotations:
              summary: "Dawarich ingestion freshness monitor has never pushed"
              description: "Expected `dawarich_ingestion_monitor_last_push_timestamp` to appear once the daily CronJob runs. Check the CronJob in dawarich namespace."
      - name: "Network Traffic (GoFlow2)"
        rules:
          - alert: GoFlow2Down
            expr: up{job="goflow2"} == 0
            for: 10m
            labels:
              severity: warning
            annotations:
              summary: "GoFlow2 NetFlow collector is down — no network flow visibility"
          - alert: NoNetFlowData
            expr: absent(goflow2_flow_traffic_bytes_total) and on() up{job="goflow2"} == 1
            for: 30m
            labels:
              severity: warning
            annotations:
              summary: "GoFlow2 is up but receiving no NetFlow data — check softflowd on pfSense"
          - alert: NetFlowTrafficSpike
            expr: |
              rate(goflow2_flow_traffic_bytes_total[5m]) > 2 * avg_over_time(rate(goflow2_flow_traffic_bytes_total[5m])[1h:5m])
              and rate(goflow2_flow_traffic_bytes_total[5m]) > 1048576
            for: 10m
            labels:
              severity: warning
            annotations:
              summary: "NetFlow traffic spike: {{ $value | humanize1024 }}B/s — more than 2x the 1h average"
          - alert: NetFlowHighErrorRate
            expr: |
              rate(goflow2_flow_decoder_error_total[5m]) /
              (rate(goflow2_flow_process_nf_total[5m]) + 1) > 0.1
            for: 15m
            labels:
              severity: warning
            annotations:
              summary: "GoFlow2 decoder error rate: {{ $value | printf \"%.1f\" }}% — possible malformed flows or attack"
          - alert: NetFlowProcessingDelay
            expr: goflow2_flow_process_nf_delay_seconds{quantile="0.5"} > 600
            for: 15m
            labels:
              severity: info
            annotations:
              summary: "NetFlow processing delay p50: {{ $value | printf \"%.0f\" }}s — softflowd may be overloaded"
      - name: "DNS Anomaly Detection"
        rules:
          # Spike detection: compare current value against its own 1h history via
          # avg_over_time. Previous version compared against dns_anomaly_avg_queries
          # which was computed from a per-pod /tmp file and always equalled the
          # current value (fresh /tmp each run), so the alert could never fire.
          - alert: DNSQuerySpike
            expr: dns_anomaly_total_queries > 2 * avg_over_time(dns_anomaly_total_queries[1h] offset 15m) and dns_anomaly_total_queries > 1000
            # for: 5m (was 0m) — a single 15-min scrape spike self-clears; a real
            # spike persists across scrapes (alert-noise 2026-06-12)
            for: 5m
            labels:
              severity: warning
            annotations:
              summary: "DNS query spike: {{ $value | printf \"%.0f\" }} queries (>2x 1h avg)"
          - alert: DNSQueryRateDropped
            expr: dns_anomaly_total_queries < 0.5 * avg_over_time(dns_anomaly_total_queries[1h] offset 15m) and avg_over_time(dns_anomaly_total_queries[1h] offset 15m) > 1000
            for: 10m
            labels:
              severity: warning
            annotations:
              summary: "DNS query volume dropped: {{ $value | printf \"%.0f\" }} queries (<50% of 1h avg) — upstream clients may be failing to reach Technitium"
          - alert: DNSHighErrorRate
            expr: dns_anomaly_server_failure > 100
            for: 5m
            labels:
              severity: warning
            annotations:
              summary: "High DNS SERVFAIL rate: {{ $value | printf \"%.0f\" }} failures detected"
          - alert: TechnitiumZoneSyncFailed
            expr: technitium_zone_sync_status != 0
            for: 30m
            labels:
              severity: warning
            annotations:
              summary: "Technitium zone-sync CronJob has reported failure for 30m — replicas may be missing zones"
          - alert: TechnitiumZoneSyncStale
            expr: (time() - technitium_zone_sync_last_run) > 3600
            for: 10m
            labels:
              severity: warning
            annotations:
              summary: "Technitium zone-sync has not run successfully in >1h (last: {{ $value | humanizeDuration }} ago)"
          - alert: TechnitiumZoneCountMismatch
            expr: (max(technitium_zone_count{instance!="primary"}) - min(technitium_zone_count{instance!="primary"})) > 0
            for: 15m
            labels:
              severity: warning
            annotations:
              summary: "Technitium zone counts differ across instances (max-min delta: {{ $value | printf \"%.0f\" }}) — replica has drifted from primary"
          - alert: CoreDNSForwardFailureRate
            expr: sum(rate(coredns_forward_responses_total{rcode=~"SERVFAIL|REFUSED"}[5m])) > 0.1
            for: 5m
            labels:
              severity: warning
            annotations:
              summary: "CoreDNS forward SERVFAIL/REFUSED rate: {{ $value | printf \"%.2f\" }}/s — upstream DNS (pfSense/public) may be unhealthy"
      - name: qbittorrent
        rules:
          - alert: MAMCookieExpired
            expr: mam_farming_cookie_expired > 0
            for: 0m
            labels:
              severity: critical
            annotations:
              summary: "MAM session cookie has expired — refresh `mam_id` in Vault servarr/mam_id"
          - alert: MAMRatioBelowOne
            expr: mam_ratio < 1.0
            for: 24h
            labels:
              severity: warning
            annotations:
              summary: "MAM ratio is {{ $value | printf \"%.2f\" }} for 24h (target: >= 1.0)"
          - alert: MAMFarmingStuck
            # Metric source: stacks/servarr/mam-farming/files/freeleech-grabber.py
            # Heartbeat-based: fires only when the grabber CronJob has not COMPLETED
            # a run in >4h (the original failure mode: Forbid-blocked / wedged in
            # ContainerCreating). The grabber heartbeats mam_grabber_last_run_timestamp
            # on every completed run — including legit dry runs that grab 0 (its random
            # search offset lands on an empty/over-filtered page, which is normal). The
            # old increase(mam_farming_grabbed[4h])==0 could not tell "didn't run" from
            # "ran, nothing to grab" (Pushgateway serves the last value forever), so a
            # dry freeleech period false-fired. Cookie-expiry and qBittorrent-down have
            # their own alerts (MAM session cookie / QBittorrentDisconnected).
            expr: |
              time() - mam_grabber_last_run_timestamp > 4 * 3600
            for: 15m
            labels:
              severity: warning
            annotations:
              summary: "MAM freeleech grabber has not completed a run in {{ $value | humanizeDuration }} — CronJob stuck/blocked"
          - alert: MAMJanitorStuckBacklog
            expr: mam_janitor_skipped_active > 400
            for: 6h
            labels:
              severity: warning
            annotations:
              summary: "Janitor is skipping {{ $value | printf \"%.0f\" }} in-progress torrents — queue not draining"
          - alert: QBittorrentDisconnected
            expr: qbt_connected == 0
            for: 10m
            labels:
              severity: critical
            annotations:
              summary: "qBittorrent is disconnected from the network"

      - name: Headscale VPN
        rules:
          - alert: HeadscaleDown
            expr: up{job="kubernetes-service-endpoints", namespace="headscale"} == 0
            for: 2m
            labels:
              severity: critical
            annotations:
              summary: "Headscale VPN control plane is down"
          - alert: HeadscaleNoOnlineNodes
            expr: headscale_nodestore_nodes_total == 0
            for: 5m
            labels:
              severity: warning
            annotations:
              summary: "No nodes registered in Headscale"
          - alert: HeadscaleHighHTTPLatency
            expr: histogram_quantile(0.95, rate(headscale_http_duration_seconds_bucket[5m])) > 1
            for: 10m
            labels:
              severity: warning
            annotations:
              summary: "Headscale p95 HTTP latency is {{ $value | printf \"%.1f\" }}s"
          - alert: HeadscaleHighErrorRate
            expr: sum(rate(headscale_http_requests_total{code=~"5.."}[5m])) / sum(rate(headscale_http_requests_total[5m])) > 0.05
            for: 5m
            labels:
              severity: warning
            annotations:
              summary: "Headscale 5xx error rate is {{ $value | printf \"%.1f\" }}%"
      # Permanent UK egress gateway (stacks/proxy): one gluetun pod behind two
      # Services — proxy-gw-1 (UDP 51820, geo-browser sessions) and
      # proxy-egress-uk (TCP 8888 HTTP proxy + 1080 SOCKS5, cluster services).
      # Both select the same pod, so one deployment-availability metric covers
      # both; consumers fail closed on gluetun's kill-switch, so "no available
      # replica" means no cluster VPN egress at all.
      #
      # This reads as tunnel health only because the gluetun container carries a
      # readiness probe on its own healthcheck. Without that probe a pod whose
      # tunnel is dead still reports Ready (observed on the live proxy browser
      # pod, 2026-08-16) and this alert would stay green through the outage —
      # probe and alert are one change, not two.
      #
      # `or on() vector(0)` keeps it firing if the Deployment is absent or
      # renamed; kube_endpoint_* / kube_endpointslice_* are dropped by the
      # metric_relabel_configs above, so deployment availability is how "no
      # endpoints" is expressed here. The absent branch carries no labels, so
      # both annotations are static. 10m rides out a rollout and gluetun's ~11s
      # VPN self-restart loop, and will also fire through a NordVPN over-limit
      # cooldown (~10 min) — egress genuinely is down then. The generic
      # DeploymentReplicasMismatch (30m) remains as a backstop; the overlap is
      # the same one VaultwardenDown and ChromePoolBrokerDown carry.
      #
      # deployment="proxy-gw-1" must track the Deployment name in stacks/proxy.
      # Rename it there and this expression silently stops matching.
      - name: VPN Egress
        rules:
          - alert: VPNEgressGatewayDown
            expr: (kube_deployment_status_replicas_available{namespace="proxy", deployment="proxy-gw-1"} or on() vector(0)) < 1
            for: 10m
            labels:
              severity: warning
            annotations:
              summary: "Cluster VPN egress gateway (UK) has no available replica — proxy consumers and geo-browser sessions are failing closed"
              description: "No gluetun pod is Ready behind proxy-gw-1 / proxy-egress-uk, so every service pointed at proxy-egress-uk:8888/:1080 and every geo-browser session has lost its tunnel (fail closed, no plaintext fallback). Check `kubectl -n proxy describe deploy proxy-gw-1` and the gluetun container logs; a NordVPN over-limit refusal carries a ~10-min cooldown before a reconnect can succeed."
      - name: "External Access"
        rules:
          - alert: ExternalAccessDivergence
            expr: external_internal_divergence_count > 0
            for: 15m
            labels:
              severity: warning
            annotations:
              summary: "{{ $value | printf \"%.0f\" }} service(s) externally unreachable but internally healthy — check Cloudflare tunnel, DNS, or Traefik routing"
      - name: "Authentik Outpost"
        # Guards against the 2026-04-18 incident where /dev/shm filled with
        # gorilla/sessions FileStore files (~44k files at ~1.5KB each) and the
        # outpost returned HTTP 400 on every forward-auth request.
        # See docs/post-mortems/2026-04-18-authentik-outpost-shm-full.md.
        rules:
          - alert: AuthentikOutpostMemoryHigh
            # Working set includes /dev/shm tmpfs contents (session files).
            # sizeLimit on the outpost emptyDir is 2Gi; warn at 75% to leave
            # plenty of headroom for mitigation before ENOSPC.
            expr: container_memory_working_set_bytes{namespace="authentik", pod=~"ak-outpost-.*", container="proxy"} > 1.5 * 1024 * 1024 * 1024
            for: 15m
            labels:
              severity: warning
            annotations:
              summary: "Authentik outpost working set {{ $value | humanize1024 }} — /dev/shm may be filling with session files (threshold 1.5 GiB of 2 GiB sizeLimit)"
          - alert: AuthentikOutpostMemoryCritical
            expr: container_memory_working_set_bytes{namespace="authentik", pod=~"ak-outpost-.*", container="proxy"} > 1.8 * 1024 * 1024 * 1024
            for: 5m
            labels:
              severity: critical
            annotations:
              summary: "Authentik outpost near /dev/shm fill ({{ $value | humanize1024 }}) — imminent forward-auth failure. Restart pod: kubectl -n authentik delete pod -l goauthentik.io/outpost-name=authentik-embedded-outpost"
          - alert: AuthentikOutpostRestarts
            # Pod restarts on a stateless outpost usually mean OOM or crash.
            # Normal is 0; we expect one manual rollout per incident/upgrade.
            expr: increase(kube_pod_container_status_restarts_total{namespace="authentik", pod=~"ak-outpost-.*"}[30m]) > 2
            for: 5m
            labels:
              severity: warning
            annotations:
              summary: "Authentik outpost restarted {{ $value | printf \"%.0f\" }} times in 30m — check for OOM or crash loop"
          - alert: AuthentikOutpostDevShmFull
            # Direct filesystem measure of the /dev/shm emptyDir sizeLimit.
            # The 2026-04-18 incident went undetected for 40h because working-set
            # memory lags tmpfs fill (files count against memory but not always
            # against working set). This rule catches the underlying cause.
            # See docs/post-mortems/2026-04-18-authentik-outpost-shm-full.md.
            expr: container_fs_usage_bytes{namespace="authentik", pod=~"ak-outpost-.*"} / container_fs_limit_bytes{namespace="authentik", pod=~"ak-outpost-.*"} > 0.8
            for: 5m
            labels:
              severity: critical
            annotations:
              summary: "Authentik outpost filesystem at {{ $value | humanizePercentage }} on {{ $labels.pod }} — session files filling tmpfs, forward-auth imminent failure"
          - alert: AuthentikOutpostForwardAuth400Spike
            # Sudden 400 spike from the outpost means forward-auth is broken
            # for all protected services. The /dev/shm ENOSPC class of failures
            # manifests as the outpost returning 400 on /outpost.goauthentik.io/auth/traefik.
            # Service label format is `authentik-ak-outpost-authentik-embedded-outpost-9000@kubernetes`
            # — the original regex `authentik-authentik-outpost.*` never matched anything (fixed 2026-05-10).
            expr: sum by (service) (increase(traefik_service_requests_total{code="400", service=~"authentik-ak-outpost-.*"}[5m])) > 10
            for: 2m
            labels:
              severity: critical
            annotations:
              summary: "Authentik outpost returning {{ $value | printf \"%.0f\" }} 400s in 5m on {{ $labels.service }} — forward-auth broken for all 43 protected services"
          - alert: AuthentikForwardAuthFallbackActive
            # Catches the auth-proxy "Emergency Access" Basic-Auth fallback firing
            # at the edge — symptom of the outpost service having zero ready
            # endpoints (selector mismatch, label drift, controller bug). The
            # auth-proxy nginx returns 401 with `WWW-Authenticate: Basic` and
            # `X-Auth-Fallback: true` in that case; Traefik proxies the 401
            # back through the websecure entrypoint.
            #
            # Why this rule and not `kube_endpoint_address_available == 0`:
            # kube-state-metrics endpoint metrics are silently dropped by the
            # Prometheus pipeline in this cluster (kube_endpoint_* series
            # exist but never have current values). Detecting the failure
            # signal at the edge is more reliable than instrumenting the
            # broken middle.
            #
            # Baseline 401/s on websecure is ~0.02 (linkwarden API). Threshold
            # of 5 leaves ~250x headroom; fallback firing on a busy site
            # immediately pushes 401/s well above that.
            #
            # See `.claude/reference/authentik-state.md` for the upgrade
            # validation checklist that exercises the same path.
            expr: sum(rate(traefik_entrypoint_requests_total{code="401",entrypoint="websecure"}[5m])) > 5
            for: 5m
            labels:
              severity: critical
            annotations:
              summary: "websecure 401 rate {{ $value | printf \"%.1f\" }}/s for 5m — Authentik forward-auth Emergency Access fallback likely firing. Check `kubectl -n authentik get endpoints ak-outpost-authentik-embedded-outpost`."
          - alert: AuthentikServerReplicasMismatch
            # With 3 replicas + PDB minAvailable=2, a sustained drop to <3
            # means a node is unschedulable, image pull failing, or quota hit.
            expr: (kube_deployment_spec_replicas{namespace="authentik", deployment="goauthentik-server"} - kube_deployment_status_replicas_available{namespace="authentik", deployment="goauthentik-server"}) > 0
            for: 15m
            labels:
              severity: warning
            annotations:
              summary: "Authentik server has {{ $value }} unavailable replica(s) for 15m — check pod events"
      # Mailserver Dovecot alerts were removed with the exporter in
      # code-1ik (viktorbarzin/dovecot_exporter incompatible with
      # Dovecot 2.3 stats architecture). Re-add the rule group if a
      # working exporter is introduced.
      - name: Image Ownership
        # Metrics pushed by the image-flipflop-detect CronJob (image_flipflop.tf,
        # every 6h). It finds Deployments whose image is being rewritten in a
        # loop by two owners — Keel versus a Terraform helm_release, a raw
        # kubernetes_deployment, or an operator like the authentik server.
        rules:
          - alert: ImageOwnershipConflict
            # Two controllers both authoritative over the same container image
            # rewrite each other indefinitely. The loop is silent by
            # construction: each side logs an ordinary update and neither knows
            # the other exists, so this is the ONLY direct signal. Every prior
            # instance was found through an unrelated downstream symptom — a
            # flapping alert whose Prometheus kept restarting, a dropped VPN
            # tunnel, or (authentik/ak-outpost-public) not at all, while it was
            # downgraded every ~4h at deployment generation 497.
            #
            # `for: 30m` only guards against reading a half-written push; the
            # underlying gauge already requires a 24h pattern, so this does not
            # fire on a single rollout.
            expr: image_owner_conflict_count > 0
            for: 30m
            labels:
              severity: warning
            annotations:
              summary: "{{ $value | printf \"%.0f\" }} deployment(s) have their image rewritten by two owners — check `image_owner_conflict` for which, then give the workload keel.sh/policy=never (annotation AND label) or pin the image at its other owner"
          - alert: ImageOwnershipDetectorStale
            # The detector runs every 6h; 14h means at least two runs were
            # missed. Without this the gauge above silently freezes at its last
            # value and a NEW conflict would never be reported — the same
            # failure mode as a probe that stops running while its last result
            # still reads healthy.
            expr: time() - image_owner_conflict_last_run_timestamp > 14 * 3600
            for: 30m
            labels:
              severity: warning
            annotations:
              summary: "image-flipflop-detect hasn't reported in {{ $value | humanizeDuration }} — the image-ownership signal is stale, check the CronJob in monitoring"
      - name: Infrastructure Drift
        # Metrics pushed by .woodpecker/drift-detection.yml after each cron run.
        # See Wave 7 of the state-drift consolidation plan.
        rules:
          - alert: DriftDetectionStale
            # Drift detection pipeline hasn't reported in 26h. Either the cron
            # didn't fire, or the job is failing before the push step.
            expr: time() - max(drift_detection_last_run_timestamp) > 26 * 3600
            for: 30m
            labels:
              severity: warning
            annotations:
              summary: "Drift detection hasn't reported in {{ $value | humanizeDuration }} — check Woodpecker pipeline 'drift-detection'"
          - alert: DriftUnaddressed
            # Any stack drifted for >72h without being reconciled. Either apply
            # to bring config in line, or update HCL to match desired state.
            expr: max(drift_stack_age_hours) > 72
            for: 1h
            labels:
              severity: warning
            annotations:
              summary: "A stack has been drifted for {{ $value | printf \"%.0f\" }}h — run scripts/tg plan across stacks to identify and reconcile"
          - alert: DriftStacksMany
            # More than 10 stacks drifting simultaneously usually means a
            # systemic issue (cluster upgrade, new admission controller,
            # provider version bump) rather than individual misconfigurations.
            expr: drift_stack_count > 10
            for: 30m
            labels:
              severity: warning
            annotations:
              summary: "{{ $value | printf \"%.0f\" }} stacks drifting — likely a systemic cause (new admission webhook, provider upgrade). Check the most recent drift-detection run in Woodpecker."
          - alert: DriftStackErrored
            # A stack whose `terragrunt plan` EXITS 1 is invisible to every other
            # rule in this group: it cannot be planned, so it is never counted in
            # drift_stack_count and never gets a drift_stack_age_hours, meaning
            # DriftStacksMany and DriftUnaddressed both look straight past it.
            # Only drift_error_count moves, and until 2026-08-14 nothing watched
            # that.
            #
            # This is not theoretical. stacks/learning carried
            # `wait_until_bound` inside the PVC's spec{} block instead of at the
            # resource top level, so every plan died with "Unsupported argument".
            # The stack could be neither planned nor applied for ~18 days: its
            # Service and Ingress existed while the Deployment and PVC did not,
            # so learn.viktorbarzin.me had an ingress pointing at a Service with
            # `endpoints: <none>`. The drift run had been reporting
            # drift_error_count=1 the whole time.
            #
            # A stack that cannot be planned is strictly worse than a drifted one
            # — its real drift is unknowable — so this pages on any error rather
            # than a threshold. `for: 2h` rides out a transient plan failure
            # (a contended state lock, a brief Vault/PG blip) without waiting a
            # whole extra cron cycle.
            expr: drift_error_count > 0
            for: 2h
            labels:
              severity: warning
            annotations:
              summary: "{{ $value | printf \"%.0f\" }} stack(s) FAILED to plan in the drift run — those stacks cannot be planned or applied and their real drift is unknown. The failing stack names and their last 30 plan lines are in the drift-detection step log."
      # Webterminal availability. Metrics pushed by the webterminal-probe
      # CronJob in stacks/terminal/main.tf every 5 minutes. The probe targets
      # terminal.viktorbarzin.me via Cloudflare so any failure in the chain
      # (CDN → tunnel → Traefik → ttyd) lights up an alert.
      #
      # The 2026-05-17 incident that motivated these alerts: a Traefik replica
      # came up missing the kubernetes_ingress-derived router for
      # terminal.viktorbarzin.me, so ~70% of /token preflight requests routed
      # to that replica returned 404 with router="-". The WS upgrade failed
      # intermittently. Fix: `kubectl delete pod -n traefik <replica>`.
      - name: Webterminal
        rules:
      # Traefik router parity — detects the root cause of the webterminal
      # outage. When a Traefik replica's Kubernetes Ingress provider fails to
      # sync, its router table will diverge from siblings. Catches the issue
      # cluster-wide (not just terminal.viktorbarzin.me) since the same race
      # can happen for any kubernetes_ingress-managed hostname.
      - name: Traefik Router Parity
        rules:
          - alert: TraefikRouterCountSkew
            # Each Traefik replica should report the same number of routers.
            # If max-min across instances is >0 for 10m, one replica is stuck
            # and should be restarted.
            expr: |
              (
                max(count by (instance) (traefik_router_open_connections))
                -
                min(count by (instance) (traefik_router_open_connections))
              ) > 0
            for: 10m
            labels:
              severity: warning
              subsystem: traefik
            annotations:
              summary: "Traefik replicas have diverging router counts (skew={{ $value | printf \"%.0f\" }}). Restart the laggard pod: `kubectl get pods -n traefik` and delete the one with fewer routers."
      # Authentik walling-off guard. Fires when a must-stay-public carve-out URL
      # (job blackbox-authentik-walloff, targets in authentik_walloff_probe.tf)
      # starts returning an Authentik forward-auth 302. probe_success==0 there
      # means blackbox's fail_if_header_matches caught a Location -> Authentik:
      # a path-scoped `auth = "none"` carve-out was clobbered (TF revert, deploy,
      # ingress_factory default flipping back to auth="required"). lane=security
      # routes it to the slack-security receiver, which posts to #alerts
      # (#security abandoned 2026-06-25; Slack-only, no paging).
      - name: Authentik Walling Off
        rules:
          - alert: AuthentikWallingOffPublicPath
            # probe_failed_due_to_regex==1 means the response's Location header
            # matched Authentik — the precise walling-off signature, independent
            # of status code. (We deliberately do NOT alert on bare
            # probe_success==0: with the broad valid_status_codes, a 404 carve-out
            # is success, and a 5xx/DNS/TLS failure is a DIFFERENT failure mode
            # already covered by reachability alerts — not a forward-auth wall.)
            # for:10m rides out scrape blips / brief Traefik restarts.
            expr: probe_failed_due_to_regex{job="blackbox-authentik-walloff"} == 1
            for: 10m
            labels:
              severity: warning
              lane: security
              subsystem: authentik
            annotations:
              summary: "Public path walled off by Authentik: {{ $labels.service }} ({{ $labels.instance }})"
              description: "The must-stay-public URL {{ $labels.instance }} (carve-out `{{ $labels.service }}`) is failing its blackbox probe — most likely it now 302-redirects to Authentik SSO. A path-scoped `auth = \"none\"` carve-out probably regressed (TF revert / deploy / ingress_factory auth default flipping back to \"required\"). Native-client / public / webhook / WebSocket / SPA-XHR traffic to this endpoint is broken for strangers and machines. Check the owning stack's ingress_factory `auth` + `ingress_path`, and curl the URL: `curl -sI '{{ $labels.instance }}'` — a Location to authentik.viktorbarzin.me confirms the regression. Probe config + target list: stacks/monitoring/modules/monitoring/authentik_walloff_probe.tf."
      # pfSense / egress alerts (added 2026-06-28 after the 2026-06-27 WAN/egress
      # black-hole incident: pfSense VMID 101 stopped passing internet egress for
      # ~20min while internal routing + Unbound stayed up; only a reboot
      # recovered it, and NOTHING alerted — the cloudflared replica metric stayed
      # green and there was no egress probe). Probe metrics come from the
      # blackbox scrape jobs wan-gateway-icmp / internet-egress-icmp /
      # internet-egress-dns (extraScrapeConfigs). Criticals route to
      # slack-critical via the severity=critical child route; WAN/egress-down
      # inhibits the downstream egress symptoms (see inhibit_rules).
      # Runbook: docs/runbooks/pfsense-egress.md.
      # Backup MX (mx2, Oracle relay; ADR-0019). Warnings, not criticals: a
      # down/stuck backup MX only matters during a PRIMARY outage, and the
      # queue is empty in normal operation. Runbook: docs/runbooks/backup-mx.md.
      - name: Backup MX
        rules:
          - alert: BackupMxDown
            # In-cluster blackbox TCP-connect to the reserved public IP:25.
            expr: max(probe_success{job="backup-mx-smtp"}) == 0
            for: 15m
            labels:
              severity: warning
              subsystem: mail
            annotations:
              summary: "Backup MX (mx2.viktorbarzin.me:25) unreachable for >15m"
              description: "The Oracle Always-Free backup MX is not answering TCP:25 from the cluster for >15m. It only carries mail during a primary outage, but if it's down then, mail would fall back to sender-MTA retry. Check the VM (Oracle idle-reclamation? free-tier change?) — `ssh -i ~/.ssh/backup-mx ubuntu@92.5.132.215` or the OCI console; rebuild via `tg apply -replace=oci_core_instance.mx2`. Runbook: docs/runbooks/backup-mx.md."
          - alert: BackupMxQueueStuck
            # Deferred mail on mx2 for >2h WHILE the primary is up = a drain
            # problem (WireGuard tunnel / primary exemption), NOT a legit outage
            # backlog (queue growth during a real outage is expected + good, and
            # the primary being down suppresses this via the AND).
            expr: (max(postfix_queue_size{node="mx2",queue="deferred"}) > 0) and (max(kube_deployment_status_replicas_available{namespace="mailserver",deployment="mailserver"}) > 0)
            for: 2h
            labels:
              severity: warning
              subsystem: mail
            annotations:
              summary: "Backup MX has deferred mail for >2h while the primary is up"
              description: "mx2 is holding deferred mail it cannot drain to the primary even though the mailserver is running — the drain path (WireGuard tunnel 10.3.2.10 -> 10.0.20.1:25, or the primary's 10.3.2.10 exemption) is likely broken. On mx2: `sudo postqueue -p` for the deferral reason, `sudo postqueue -f` to retry. Runbook: docs/runbooks/backup-mx.md."
      # Status / failover page (mx2 second tenant, nginx + gatus; ADR-0020).
      # "Watch the watcher": during a homelab outage the Cloudflare Worker
      # serves this page's /error.html to visitors of every proxied host — so
      # the cluster's Prometheus must watch the page itself. Probe metrics come
      # from the status-page-https blackbox job (extraScrapeConfigs): in-cluster
      # HTTPS GET traversing cluster egress -> internet -> mx2. Warning, not
      # critical (same rationale as Backup MX: the page only MATTERS during a
      # primary outage; nothing user-facing breaks in normal operation).
      # Runbook: docs/runbooks/backup-mx.md.
      - name: Status Page
        rules:
          - alert: StatusPageDown
            # In-cluster blackbox HTTPS GET of the public page (http_2xx
            # module: 2xx-after-redirects + valid TLS). Single target — max()
            # collapses it to one clean series, mirroring BackupMxDown.
            expr: max(probe_success{job="status-page-https"}) == 0
            for: 10m
            labels:
              severity: warning
              subsystem: status-page
            annotations:
              summary: "Status/failover page https://status.viktorbarzin.me unreachable for >10m"
              description: "The external status/failover page on mx2 (nginx + gatus, ADR-0020) has failed its in-cluster HTTPS probe for >10m. During a homelab outage the Cloudflare Worker serves this page's /error.html to visitors of all proxied hosts — while it is down, outage error pages degrade to the Worker's inline fallback HTML. Check gatus/nginx on mx2: `ssh -i ~/.ssh/backup-mx ubuntu@92.5.132.215` or the OCI console. NOTE: if BackupMxDown (TCP:25, same VM) fires simultaneously, the whole VM — or our own egress (see WANGatewayUnreachable/InternetEgressDown) — is the problem, not nginx. Runbook: docs/runbooks/backup-mx.md."
      - name: Loki
        rules:
          - alert: LokiStreamLimitNear
            # Streams are the unit Loki's global cap counts, and hitting it
            # REJECTS NEW STREAMS FOR EVERY SERVICE in the homelab, not just
            # the noisy one — a whole service can go silently unlogged. On
            # 2026-08-15 this sat pinned at exactly 5000/5000 for an unknown
            # length of time with nobody able to see it: Loki was not scraped,
            # so no loki_* series existed at all.
            expr: loki_ingester_memory_streams / 5000 > 0.8
            for: 15m
            labels:
              severity: warning
              subsystem: loki
            annotations:
              summary: "Loki is using {{ $value | humanizePercentage }} of its 5000-stream global cap"
              description: "loki_ingester_memory_streams has been above 80% of max_global_streams_per_user for 15m. At 100% Loki rejects NEW streams for every tenant of the homelab with reason=stream_limit, so a newly-deployed or newly-chatty service simply stops being logged. Streams are held for chunk_idle_period (stacks/monitoring/modules/monitoring/loki.yaml) after their last line, so the usual cause is short-lived pods — CronJob runs — accumulating faster than they expire; check `topk(10, count by (namespace) (count_over_time({namespace=~\".+\"}[5m])))` for who is actually writing versus merely resident. Raising the cap is the last resort, not the first: it trades memory for a symptom."
          - alert: LokiDiscardingSamples
            # The consequence alert. Distinct from the gauge above: this fires
            # only once log lines are actually being thrown away.
            expr: sum(rate(loki_discarded_samples_total[10m])) > 0
            for: 10m
            labels:
              severity: critical
              subsystem: loki
            annotations:
              summary: "Loki is discarding log samples ({{ $value | printf \"%.2f\" }}/s)"
              description: "loki_discarded_samples_total is increasing, so log lines are being dropped and will never be queryable. Check the `reason` label: stream_limit means the global stream cap (see LokiStreamLimitNear); rate_limit means ingestion throughput; per_stream_rate_limit means one very chatty stream. Runbook: docs/architecture/monitoring.md."
      - name: Egress / pfSense
        rules:
          - alert: WANGatewayUnreachable
            # In-cluster ICMP to the pfSense WAN gateway (192.168.1.1). 0 = the
            # gateway pfSense routes through is unreachable from the cluster.
            expr: probe_success{job="wan-gateway-icmp"} == 0
            for: 3m
            labels:
              severity: critical
              subsystem: pfsense
            annotations:
              summary: "pfSense WAN gateway 192.168.1.1 unreachable from the cluster (>3m)"
              description: "In-cluster blackbox ICMP to the pfSense upstream gateway (192.168.1.1) has failed for >3m. pfSense egress/NAT or the WAN path is likely down (the 2026-06-27 incident class); internal VLAN routing may still work. Check pfSense System > Routing > Gateways + dpinger; on-box `clog /var/log/gateways.log`. Runbook: docs/runbooks/pfsense-egress.md."
          - alert: InternetEgressDown
            # ICMP to BOTH Quad9 and Cloudflare from in-cluster (path crosses
            # pfSense NAT). max()==0 = NEITHER answered = a true egress
            # black-hole, not a single-provider blip.
            expr: max(probe_success{job="internet-egress-icmp"}) == 0
            for: 2m
            labels:
              severity: critical
              subsystem: pfsense
            annotations:
              summary: "Internet egress DOWN — in-cluster ICMP to both 9.9.9.9 and 1.1.1.1 failing (>2m)"
              description: "Neither 9.9.9.9 nor 1.1.1.1 is reachable via ICMP from inside the cluster for >2m — internet egress through pfSense NAT is black-holed (the 2026-06-27 incident: egress died ~20min while internal stayed up). Check pfSense WAN/gateway/NAT; recovery per docs/runbooks/pfsense-egress.md (gateway re-eval / reboot is the known fix)."
          - alert: ExternalDNSResolutionDown
            # UDP/53 DNS query to public resolvers — a distinct failure surface
            # from ICMP (catches DNS-only egress breakage).
            expr: max(probe_success{job="internet-egress-dns"}) == 0
            for: 3m
            labels:
              severity: warning
              subsystem: pfsense
            annotations:
              summary: "External DNS resolution failing via both 9.9.9.9 and 1.1.1.1 (>3m)"
              description: "In-cluster DNS queries (cloudflare.com A) to both public resolvers fail for >3m — egress or external DNS is broken. If InternetEgressDown also fires it's an egress black-hole; DNS-only points at the resolver path."
          - alert: EgressOnlyDivergence
            # The 2026-06-27 SIGNATURE: the t3-probe cloudflare (full public path)
            # leg is down WHILE the internal (Traefik-only) leg is up =
            # egress-specific failure, internal healthy. Reuses the existing
            # t3-probe (no new infra). on() joins the two single-series legs.
            expr: t3probe_connected{job="t3-probe", leg="cloudflare"} == 0 and on() t3probe_connected{job="t3-probe", leg="internal"} == 1
            for: 3m
            labels:
              severity: critical
              subsystem: pfsense
            annotations:
              summary: "Egress-only failure: t3 cloudflare leg DOWN while internal leg UP (>3m)"
              description: "The full-public-path (cloudflare) t3 probe leg is down but the internal (Traefik-only) leg is healthy — the exact 2026-06-27 egress-only signature (internet/NAT down, internal routing fine). A total outage would also drop the internal leg. Check pfSense WAN/egress; docs/runbooks/pfsense-egress.md."
          - alert: PfSenseVMDown
            # pfSense = Proxmox VMID 101 (proxmox-exporter pve_up). VM stopped
            # while the host is up = total egress + inter-VLAN + DHCP + DNS loss
            # (single point of failure, no HA). CAVEAT: a GUEST-INTERNAL reboot
            # leaves pve_up==1 (it tracks the qemu process) — so this catches a
            # true VM stop/crash, NOT the in-guest reboot seen on 2026-06-27.
            expr: pve_up{id="qemu/101"} == 0 and on() pve_up{id="node/pve"} == 1
            for: 2m
            labels:
              severity: critical
              subsystem: pfsense
            annotations:
              summary: "pfSense VM (Proxmox VMID 101) is DOWN while the host is up"
              description: "The pfSense VM (qemu/101) reports down while the PVE host (node/pve) is up — the cluster has lost its single-point-of-failure gateway/NAT/DHCP/DNS (no HA). Start VM 101 from Proxmox immediately. Note: an in-guest reboot does NOT trip this (pve_up tracks the qemu process)."
      - name: MyProtein Watch
        rules:
          # This watcher's NORMAL state is silence: it posts to #alerts only when
          # a price actually qualifies, which may be months apart. So a broken
          # watcher looks exactly like a quiet market, and the absence of alerts
          # cannot be read as "no deals" without something else vouching for it.
          #
          # These two are that voucher. They cover every way the job can stop
          # reporting — pod failing, run wedged, CronJob suspended, RBAC on its
          # state ConfigMap revoked, or the product page changing shape (which
          # exits non-zero on a zero-variant parse, by design).
          #
          # Not covered, and worth knowing: a run that succeeds while silently
          # evaluating the wrong thing. Success here means "fetched, parsed and
          # decided", not "decided correctly".
          #
          # NOTE: the generic JobFailed rule does NOT cover this job. Its
          # `for: 2h` cannot be satisfied alongside its own
          # `(time() - start_time) < 3600` guard, so it has 2047 pending series
          # and 0 firing over 30d — measured 2026-08-17. That gap applies to
          # every CronJob in the cluster and is not fixed here.
          - alert: MyProteinWatchStale
            # 13h ~= two missed 6h runs, matching TailscaleSubnetRouterProbeStale
            # above. One transient failure recovers on the next run without
            # saying anything.
            expr: (time() - kube_cronjob_status_last_successful_time{cronjob="myprotein-watch", namespace="myprotein-watch"}) > 46800
            for: 30m
            labels:
              severity: warning
            annotations:
              summary: "MyProtein price watcher has not completed successfully in {{ $value | humanizeDuration }} (>2 missed 6h runs)"
              description: "The myprotein-watch CronJob (every 6h, ns myprotein-watch) has no recent successful run, so price alerts are UNVERIFIED rather than absent — a deal could be running unreported. Check `kubectl -n myprotein-watch get jobs` and the last pod's logs. A zero-variant parse (exit 1) means the product page shape changed and check.py's parser needs updating; code + tests live in infra/stacks/myprotein-watch/."
          - alert: MyProteinWatchNeverSucceeded
            expr: kube_cronjob_status_last_successful_time{cronjob="myprotein-watch", namespace="myprotein-watch"} == 0
            for: 1h
            labels:
              severity: warning
            annotations:
              summary: "MyProtein price watcher has never completed successfully"
              description: "The myprotein-watch CronJob has no successful run on record. Most likely a deploy-time problem (bad ConfigMap script, missing SLACK_WEBHOOK_URL from ESO, or the ConfigMap-patch Role not applied) rather than a page change."
          # The digest (daily 08:00) is the heartbeat that makes the watcher's
          # silence readable to a human: one line every morning whether or not
          # anything qualified. A missing digest is meant to be noticed by its
          # absence, but "did I just not see it?" is exactly the doubt it exists
          # to remove — so it gets a machine check of its own.
          #
          # 50h ~= two missed daily runs, the same "one transient failure is not
          # worth waking anyone" logic as the 13h above applied to a 24h cadence.
          - alert: MyProteinWatchDigestStale
            expr: (time() - kube_cronjob_status_last_successful_time{cronjob="myprotein-watch-digest", namespace="myprotein-watch"}) > 180000
            for: 30m
            labels:
              severity: warning
            annotations:
              summary: "MyProtein daily digest has not posted in {{ $value | humanizeDuration }} (>2 missed daily runs)"
              description: "The myprotein-watch-digest CronJob (daily 08:00 Europe/London, ns myprotein-watch) has no recent successful run, so the daily 'watcher OK' line in #alerts has stopped arriving and its silence no longer means anything. The digest is read-only and holds no state, so this is a fetch, image-pull or webhook-secret problem rather than a parser one — check `kubectl -n myprotein-watch get jobs` and the last digest pod's logs. Price alerting itself is covered separately by MyProteinWatchStale."
          # Companion to the above, matching the pair used for the check job and
          # for every backup CronJob in this file: a job that has NEVER succeeded
          # has no last-success timestamp to age, so the staleness rule alone
          # would stay silent about a digest that was broken from its first run.
          - alert: MyProteinWatchDigestNeverSucceeded
            expr: kube_cronjob_status_last_successful_time{cronjob="myprotein-watch-digest", namespace="myprotein-watch"} == 0
            for: 1h
            labels:
              severity: warning
            annotations:
              summary: "MyProtein daily digest has never posted successfully"
              description: "The myprotein-watch-digest CronJob has no successful run on record, so the daily heartbeat has never arrived. Most likely a deploy-time problem — missing SLACK_WEBHOOK_URL from ESO, or the script ConfigMap not mounted — rather than anything about MyProtein's page."

extraScrapeConfigs: |
  # Alertmanager self-metrics. The bundled Alertmanager Service carries no
  # prometheus.io/scrape annotation, so kubernetes-service-endpoints never
  # discovered it — there was NO alertmanager_notifications_total / _alerts /
  # _notifications_failed_total series until this job (alert-noise-reduction
  # 2026-06-12), i.e. notification volume was unmeasurable. Static target = the
  # in-cluster Alertmanager service.
  - job_name: 'alertmanager'
    static_configs:
      - targets:
        - 'prometheus-alertmanager.monitoring.svc.cluster.local:9093'
  # Authentik walling-off guard. Probes each must-stay-public carve-out URL via
  # blackbox-exporter's `http_no_authentik_redirect` module (no_follow_redirects +
  # fail_if_header_matches on a Location -> Authentik). probe_success == 0 for a
  # target here means that URL now 302s to Authentik — a carve-out regressed.
  # Target list + "how to add a target" docs: authentik_walloff_probe.tf.
  # Alert: AuthentikWallingOffPublicPath (alerting_rules.yml, lane=security).
  - job_name: 'blackbox-authentik-walloff'
    scrape_interval: 1m
    scrape_timeout: 30s
    metrics_path: /probe
    params:
      module: [http_no_authentik_redirect]
    static_configs:
%{ for svc, url in authentik_walloff_targets ~}
      - targets: ["${url}"]
        labels:
          service: "${svc}"
%{ endfor ~}
    relabel_configs:
      - source_labels: [__address__]
        target_label: __param_target
      - source_labels: [__param_target]
        target_label: instance
      - target_label: __address__
        replacement: 'blackbox-exporter.monitoring.svc.cluster.local:9115'
  # --- Backup MX (mx2, Oracle Always-Free relay; ADR-0019) ------------------
  # Two jobs: (1) a blackbox TCP-connect probe of the reserved public IP:25 from
  # inside the cluster (out over the internet) -> BackupMxDown; (2) a direct
  # scrape of the VM's node_exporter (9100), which also serves the postfix
  # queue-depth textfile metric (postfix_queue_size). 9100 is allowlisted to the
  # homelab WAN /32 in the OCI security list, so this scrape (egressing as
  # 176.12.22.76) is the only thing that can reach it. Alerts: BackupMxDown /
  # BackupMxQueueStuck (alerting_rules.yml, group "Backup MX").
  - job_name: 'backup-mx-smtp'
    scrape_interval: 2m
    scrape_timeout: 15s
    metrics_path: /probe
    params:
      module: [tcp_connect]
    static_configs:
      - targets: ["92.5.132.215:25"]
        labels:
          service: 'backup-mx'
    relabel_configs:
      - source_labels: [__address__]
        target_label: __param_target
      - source_labels: [__param_target]
        target_label: instance
      - target_label: __address__
        replacement: 'blackbox-exporter.monitoring.svc.cluster.local:9115'
  - job_name: 'backup-mx-node'
    scrape_interval: 2m
    scrape_timeout: 15s
    static_configs:
      - targets: ["92.5.132.215:9100"]
        labels:
          node: 'mx2'
    metrics_path: '/metrics'
    relabel_configs:
      - source_labels: [__address__]
        target_label: instance
        replacement: 'mx2'
  # --- Status / failover page (mx2 second tenant; ADR-0020) ------------------
  # HTTPS blackbox probe (http_2xx module, authentik_walloff_probe.tf) of the
  # public status/failover page served by nginx + gatus on mx2 (grey-cloud A
  # record — no Cloudflare proxy). Probed from inside the cluster, the path
  # traverses cluster egress -> internet -> mx2, which is the fidelity we want:
  # it fails if EITHER our egress or mx2's web tenant breaks. backup-mx-smtp
  # (TCP:25, same VM) disambiguates — both down = whole VM (or our egress);
  # only this one = nginx/gatus. Alert: StatusPageDown (alerting_rules.yml,
  # group "Status Page").
  - job_name: 'status-page-https'
    scrape_interval: 2m
    scrape_timeout: 15s
    metrics_path: /probe
    params:
      module: [http_2xx]
    static_configs:
      - targets: ["https://status.viktorbarzin.me"]
        labels:
          service: 'status-page'
    relabel_configs:
      - source_labels: [__address__]
        target_label: __param_target
      - source_labels: [__param_target]
        target_label: instance
      - target_label: __address__
        replacement: 'blackbox-exporter.monitoring.svc.cluster.local:9115'
  # The `mailserver-dovecot` scrape job was retired in code-1ik together
  # with the Dovecot exporter. docker-mailserver 15.0.0's Dovecot 2.3
  # doesn't emit the old_stats protocol the exporter expected, so the
  # scrape only ever returned `dovecot_up{scope="user"} 0`. Re-add here
  # if a working exporter is introduced.
  - job_name: 'proxmox-host'
    static_configs:
      - targets:
        - "192.168.1.127:9100"
        labels:
          node: 'pve-node-r730'
    metrics_path: '/metrics'
    relabel_configs:
      - source_labels: [__address__]
        target_label: instance
        replacement: 'pve-node-r730' # Giving it a friendly name
  # devvm: the shared workstation VM hosting per-user t3-serve + Claude agents.
  # Its node_exporter ran unscraped until 2026-06-10 — the t3 disconnect
  # root-cause work had NO memory/IO-pressure history for the very box whose
  # stalls fire every t3 client's watchdog. Pressure/swap/load here is the
  # primary correlate for t3probe drop events.
  - job_name: 'devvm'
    static_configs:
      - targets:
        - "10.0.10.10:9100"
        labels:
          node: 'devvm'
    metrics_path: '/metrics'
    relabel_configs:
      - source_labels: [__address__]
        target_label: instance
        replacement: 'devvm' # Giving it a friendly name
  # t3-probe: differential t3 path-health prober (stacks/t3code). Legs:
  # cloudflare (full public path), internal (Traefik only), t3serve (the
  # serve process). See docs/runbooks/t3-drop-attribution.md.
  - job_name: 't3-probe'
    static_configs:
      - targets:
        - "t3-probe.t3code.svc.cluster.local:9108"
    metrics_path: '/metrics'
  # --- pfSense egress / WAN probes (added 2026-06-28 after the 2026-06-27
  # WAN/egress black-hole incident). All three probe via blackbox-exporter from
  # INSIDE the cluster (pod 10.10.x -> node -> pfSense NAT), so they exercise the
  # exact egress path that failed. Alerts: WANGatewayUnreachable /
  # InternetEgressDown / ExternalDNSResolutionDown (alerting_rules.yml, group
  # "Egress / pfSense"). Module defs (icmp_egress, dns_external) + NET_RAW:
  # authentik_walloff_probe.tf.
  - job_name: 'wan-gateway-icmp'
    scrape_interval: 30s
    scrape_timeout: 10s
    metrics_path: /probe
    params:
      module: [icmp_egress]
    static_configs:
      - targets: ["192.168.1.1"]
    relabel_configs:
      - source_labels: [__address__]
        target_label: __param_target
      - source_labels: [__param_target]
        target_label: instance
      - target_label: __address__
        replacement: 'blackbox-exporter.monitoring.svc.cluster.local:9115'
  - job_name: 'internet-egress-icmp'
    scrape_interval: 30s
    scrape_timeout: 10s
    metrics_path: /probe
    params:
      module: [icmp_egress]
    static_configs:
      - targets: ["9.9.9.9", "1.1.1.1"]
    relabel_configs:
      - source_labels: [__address__]
        target_label: __param_target
      - source_labels: [__param_target]
        target_label: instance
      - target_label: __address__
        replacement: 'blackbox-exporter.monitoring.svc.cluster.local:9115'
  # Split-horizon apex canary. Asks Technitium (the internal authority) for
  # viktorbarzin.me A and fails unless the answer is the live Traefik LB IP.
  # Replaced the viktorbarzin-apex-probe CronJob on 2026-08-16 — that ran every
  # 5 minutes and pip-installed dnspython+requests each time, ~288 pods and
  # 4.8 GB of writes a day for one DNS question. Feeds ViktorBarzinApexDrift.
  - job_name: 'apex-dns'
    scrape_interval: 60s
    scrape_timeout: 10s
    metrics_path: /probe
    params:
      module: [dns_apex]
    static_configs:
      - targets: ["10.0.20.201"] # Technitium primary
    relabel_configs:
      - source_labels: [__address__]
        target_label: __param_target
      - source_labels: [__param_target]
        target_label: instance
      - target_label: __address__
        replacement: 'blackbox-exporter.monitoring.svc.cluster.local:9115'
  - job_name: 'internet-egress-dns'
    scrape_interval: 60s
    scrape_timeout: 10s
    metrics_path: /probe
    params:
      module: [dns_external]
    static_configs:
      - targets: ["9.9.9.9", "1.1.1.1"]
    relabel_configs:
      - source_labels: [__address__]
        target_label: __param_target
      - source_labels: [__param_target]
        target_label: instance
      - target_label: __address__
        replacement: 'blackbox-exporter.monitoring.svc.cluster.local:9115'
  # rpi-sofia: external Raspberry Pi 3 at the Sofia home site (Frigate camera
  # DNAT passthrough + solar inverter path + HA MQTT sensors). node_exporter
  # installed via apt; the rpi_* metrics come from a vcgencmd textfile collector
  # (undervoltage/throttle/SoC temp). Scraped by hostname (-> 192.168.1.10 wired).
  - job_name: 'rpi-sofia'
    static_configs:
      - targets:
        - "rpi-sofia.viktorbarzin.lan.:9100"
        labels:
          node: 'rpi-sofia'
    metrics_path: '/metrics'
    relabel_configs:
      - source_labels: [__address__]
        target_label: instance
        replacement: 'rpi-sofia' # Giving it a friendly name
  - job_name: 'istiod'
    kubernetes_sd_configs:
    - role: endpoints
      namespaces:
        names:
        - istio-system
    relabel_configs:
    - source_labels: [__meta_kubernetes_service_name, __meta_kubernetes_endpoint_port_name]
      action: keep
      regex: istiod;http-monitoring
  - job_name: 'envoy-stats'
    metrics_path: /stats/prometheus
    kubernetes_sd_configs:
    - role: pod
    relabel_configs:
    - source_labels: [__meta_kubernetes_pod_container_port_name]
      action: keep
      regex: '.*-envoy-prom'

  - job_name: 'cnpg'
    # Scrapes the CNPG built-in postgres exporter (port 9187, named "metrics")
    # on every cluster instance pod. Adds cnpg_cluster + cnpg_role labels so
    # alerts (PGConnectionsHigh/Critical) can group by cluster.
    kubernetes_sd_configs:
    - role: pod
      namespaces:
        names:
        - dbaas
    relabel_configs:
    - source_labels: [__meta_kubernetes_pod_label_cnpg_io_podRole, __meta_kubernetes_pod_container_port_name]
      action: keep
      regex: 'instance;metrics'
    - source_labels: [__meta_kubernetes_pod_label_cnpg_io_cluster]
      target_label: cnpg_cluster
    - source_labels: [__meta_kubernetes_pod_label_cnpg_io_instanceRole]
      target_label: cnpg_role
    - source_labels: [__meta_kubernetes_pod_name]
      target_label: pod

  - job_name: 'crowdsec'
    static_configs:
        - targets:
          - "crowdsec-service.crowdsec.svc.cluster.local:6060"
    metrics_path: '/metrics'
  - job_name: 'snmp-idrac'
    # 30s (was 1m) so the HA dashboard iDRAC metrics (temps / fan RPM / power /
    # voltage, read by ha-sofia's prometheus-query.lan REST sensors) refresh
    # every 30s — matching the fan-control daemon's Pushgateway metrics. The
    # SNMP scrape takes ~3-4s; snmp-ups also runs at 30s. (2026-06-05)
    scrape_interval: 30s
    scrape_timeout: 15s
    params:
      module: [dell_idrac]
      auth: [public_v2]
    static_configs:
        - targets:
          - "idrac.viktorbarzin.lan.:161"
    metrics_path: '/snmp'
    relabel_configs:
      - source_labels: [__address__]
        target_label: __param_target
      - source_labels: [__param_target]
        target_label: instance
      - target_label: __address__
        replacement: 'snmp-exporter.monitoring.svc.cluster.local:9116'
    metric_relabel_configs:
      - source_labels: [ __name__ ]
        target_label: '__name__'
        action: replace
        regex: '(.*)'
        replacement: 'r730_idrac_$${1}'
  - job_name: 'redfish-idrac'
    # Slow remnant since 2026-06-05: SNMP (snmp-idrac, 1m) is the fast primary
    # source. This Redfish job only feeds the few panels SNMP can't serve (LED,
    # NIC Mbps, SSD life %, machine/BIOS/DIMM/NIC inventory) and keeps the
    # exporter warm for HA Sofia's direct sensor.r730_fan_speed read. 10m is
    # plenty for slow-changing inventory/health.
    scrape_interval: 10m
    scrape_timeout: 45s
    metrics_path: /metrics
    static_configs:
      - targets:
        - 192.168.1.4
    relabel_configs:
      - source_labels: [__address__]
        target_label: __param_target
      - source_labels: [__param_target]
        target_label: instance
      - target_label: __address__
        replacement: idrac-redfish-exporter.monitoring.svc.cluster.local:9090  
    metric_relabel_configs:
      - source_labels: [ __name__ ]
        target_label: '__name__'
        action: replace
        regex: '(.*)'
        replacement: 'r730_idrac_$${1}'
  - job_name: 'openwrt'
    static_configs:
        - targets:
          #- "home.viktorbarzin.lan:9100"
          #- "10.0.20.100:9100"
          - "192.168.2.1:9100"
    metrics_path: '/metrics'
    #relabel_configs:
    #  - source_labels: [__address__]
    #    target_label: __param_target
    #  - source_labels: [__param_target]
    #    target_label: instance
    #  - target_label: __address__
    #    #replacement: 'home.viktorbarzin.lan:9100'
    #    #replacement: '10.0.20.100:9100'
    metric_relabel_configs:
      - source_labels: [ __name__ ]
        target_label: '__name__'
        action: replace
        regex: '(.*)'
        replacement: 'openwrt_$${1}'
  - job_name: 'snmp-ups'
    # Keep UPS fast: 30s overrides the 2m global so PowerOutage / LowUPSBattery
    # detect within ~30s instead of 2m.
    scrape_interval: 30s
    params:
      module: [huawei]
    static_configs:
        - targets:
          - "ups.viktorbarzin.lan.:161"
    metrics_path: '/snmp'
    relabel_configs:
      - source_labels: [__address__]
        target_label: __param_target
      - source_labels: [__param_target]
        target_label: instance
      - target_label: __address__
        replacement: 'snmp-exporter.monitoring.svc.cluster.local:9116'
    metric_relabel_configs:
      - source_labels: [ __name__ ]
        target_label: '__name__'
        action: replace
        regex: '(.*)'
        replacement: 'ups_$${1}'
  - job_name: 'registry'
    static_configs:
        - targets:
          #- "192.168.1.10:5001" # rpi
          #- "10.0.10.10:5001" # devvm
          - "10.0.20.10:5001" # registry-vm
    metrics_path: '/metrics'
    metric_relabel_configs:
      - source_labels: [ __name__ ]
        target_label: '__name__'
        action: replace
        regex: '(.*)'
        replacement: 'registry_$${1}' 
  - job_name: 'automatic-transfer-switch'
    static_configs:
        - targets:
          - "tuya-bridge.tuya-bridge.svc.cluster.local:80"
    metrics_path: '/metrics/bfe98afa941d5a1e2def8s'
    params:
      api-key: ['${tuya_api_key}']
    metric_relabel_configs:
      - source_labels: [ __name__ ]
        target_label: '__name__'
        action: replace
        regex: '(.*)'
        replacement: 'automatic_transfer_switch_$${1}'
  - job_name: 'fuse-garage'
    static_configs:
        - targets:
          - "tuya-bridge.tuya-bridge.svc.cluster.local:80"
    metrics_path: '/metrics/bf62301ef04e38d881ugcu'
    params:
      api-key: ['${tuya_api_key}']
    metric_relabel_configs:
      - source_labels: [ __name__ ]
        target_label: '__name__'
        action: replace
        regex: '(.*)'
        replacement: 'fuse_garage_$${1}'
  - job_name: 'fuse-main'
    static_configs:
        - targets:
          - "tuya-bridge.tuya-bridge.svc.cluster.local:80"
    metrics_path: '/metrics/bf1a684e80ae942e4dji6b'
    params:
      api-key: ['${tuya_api_key}']
    metric_relabel_configs:
      - source_labels: [ __name__ ]
        target_label: '__name__'
        action: replace
        regex: '(.*)'
        replacement: 'fuse_main_$${1}'
  - job_name: 'thermostat-hol'
    static_configs:
        - targets:
          - "tuya-bridge.tuya-bridge.svc.cluster.local:80"
    metrics_path: '/metrics/bf7efce9519bd508df431s'
    params:
      api-key: ['${tuya_api_key}']
    metric_relabel_configs:
      - source_labels: [ __name__ ]
        target_label: '__name__'
        action: replace
        regex: '(.*)'
        replacement: 'thermostat_hol_$${1}'
  - job_name: 'thermostat-master-bedroom'
    static_configs:
        - targets:
          - "tuya-bridge.tuya-bridge.svc.cluster.local:80"
    metrics_path: '/metrics/bf70e80159641f61a5lzho'
    params:
      api-key: ['${tuya_api_key}']
    metric_relabel_configs:
      - source_labels: [ __name__ ]
        target_label: '__name__'
        action: replace
        regex: '(.*)'
        replacement: 'thermostat_master_bedroom_$${1}'
  - job_name: 'thermostat-office'
    static_configs:
        - targets:
          - "tuya-bridge.tuya-bridge.svc.cluster.local:80"
    metrics_path: '/metrics/bf9597a0064f0349d4b09x'
    params:
      api-key: ['${tuya_api_key}']
    metric_relabel_configs:
      - source_labels: [ __name__ ]
        target_label: '__name__'
        action: replace
        regex: '(.*)'
        replacement: 'thermostat_office_$${1}'
  - job_name: 'thermostat-kids-room'
    static_configs:
        - targets:
          - "tuya-bridge.tuya-bridge.svc.cluster.local:80"
    metrics_path: '/metrics/bfe64da91577117e0annt5'
    params:
      api-key: ['${tuya_api_key}']
    metric_relabel_configs:
      - source_labels: [ __name__ ]
        target_label: '__name__'
        action: replace
        regex: '(.*)'
        replacement: 'thermostat_kids_room_$${1}'
  - job_name: 'haos'
    static_configs:
        - targets:
          - "ha-sofia.viktorbarzin.lan.:8123"
    metrics_path: '/api/prometheus'
    bearer_token: "${haos_api_token}"
  - job_name: 'nvidia'
    static_configs:
        - targets:
          - "nvidia-exporter.nvidia.svc.cluster.local"
    metrics_path: '/metrics'
    metric_relabel_configs:
      - source_labels: [ __name__ ]
        target_label: '__name__'
        action: replace
        regex: '(.*)'
        replacement: 'nvidia_tesla_t4_$${1}'
  - job_name: 'gpu-pod-memory'
    static_configs:
        - targets:
          - "gpu-pod-exporter.nvidia.svc.cluster.local"
    metrics_path: '/metrics'
  - job_name: 'traefik'
    kubernetes_sd_configs:
      - role: pod
        namespaces:
          names:
            - traefik
    relabel_configs:
      - source_labels: [__meta_kubernetes_pod_container_port_name]
        action: keep
        regex: metrics
      - source_labels: [__meta_kubernetes_pod_name]
        target_label: instance
    metric_relabel_configs:
      # Drop the high-cardinality duration HISTOGRAM (router/entrypoint
      # *_bucket, ~5k series/pod — the real cardinality driver, commit 06490b06)
      # plus the bulky bytes/tls/sum/count router series, but KEEP
      # traefik_router_requests_total: the only per-router counter carrying both
      # `router` and `code` labels, needed to see 4xx/5xx (incl. 429/503) on the
      # authentik routers. ~448 series/pod. (The earlier blanket `traefik_router_.*`
      # dropped it, so per-router error rates were un-queryable + un-alertable.)
      #
      # traefik_SERVICE_request_duration_seconds_bucket is deliberately KEPT
      # (2026-08-15): IngressTTFBHigh/Critical need it for a p95. They used to
      # average over 5m, and since most services here take only a few requests a
      # minute, one slow request decided the mean — 81 firings in the preceding
      # 7 days, none of them a service that was actually slow. Measured cost of
      # keeping just this histogram: 440 series/pod x 3 pods = ~1.3k series,
      # ~1.4% of the ~97k head series. The router/entrypoint buckets stay
      # dropped — those are the ~5k/pod ones and nothing alerts on them.
      - source_labels: [__name__]
        regex: 'traefik_(router|entrypoint)_request_duration_seconds_bucket|traefik_router_request(s_bytes_total|s_tls_total|_duration_seconds_(sum|count))|traefik_router_responses_bytes_total'
        action: drop
  - job_name: 'realestate-crawler-api'
    kubernetes_sd_configs:
      - role: endpoints
        namespaces:
          names:
            - realestate-crawler
    relabel_configs:
      - source_labels: [__meta_kubernetes_service_name]
        action: keep
        regex: realestate-crawler-api
      - source_labels: [__meta_kubernetes_pod_name]
        target_label: instance
    metrics_path: '/metrics/'
  - job_name: 'realestate-crawler-celery'
    kubernetes_sd_configs:
      - role: endpoints
        namespaces:
          names:
            - realestate-crawler
    relabel_configs:
      - source_labels: [__meta_kubernetes_service_name]
        action: keep
        regex: realestate-crawler-celery-metrics
      - source_labels: [__meta_kubernetes_pod_name]
        target_label: instance
    metrics_path: '/metrics'
  - job_name: 'goflow2'
    static_configs:
        - targets:
          - "goflow2.monitoring.svc.cluster.local:8080"
    metrics_path: '/metrics'
    metric_relabel_configs:
      - source_labels: [__name__]
        regex: 'goflow2_flow_process_nf_templates_total'
        action: drop

