/**
 * Azure Monitor agent and container tables that hunting queries and some rules read: performance
 * counters, platform metrics, container logs and Kubernetes events. Column names and types follow the Azure Monitor table reference.
 */
import { tableFromSpec } from "./table_spec.ts";

/** `Perf`: performance counters from Windows and Linux agents. */
export const PERF = tableFromSpec(
  "Perf",
  `TimeGenerated:datetime Computer ObjectName CounterName InstanceName CounterValue:real CounterPath
  SourceSystem MG BucketStartTime:datetime BucketEndTime:datetime Min:real Max:real SampleCount:int
  StandardDeviation:real`,
);

/** `ContainerLog`: stdout/stderr of containers (Container insights). */
export const CONTAINER_LOG = tableFromSpec(
  "ContainerLog",
  `TimeGenerated:datetime Computer TimeOfCommand:datetime ContainerID Image ImageTag Repository Name LogEntry
  LogEntrySource SourceSystem`,
);

/** `KubeEvents`: Kubernetes events (Container insights). */
export const KUBE_EVENTS = tableFromSpec(
  "KubeEvents",
  `TimeGenerated:datetime Computer ObjectKind Namespace Name Reason Message KubeEventType SourceComponent
  FirstSeen:datetime LastSeen:datetime Count:real ClusterName ClusterId SourceSystem`,
);

/** `AzureMetrics`: platform metrics of Azure resources. */
export const AZURE_METRICS = tableFromSpec(
  "AzureMetrics",
  `TimeGenerated:datetime ResourceId ResourceProvider Resource ResourceGroup SubscriptionId MetricName Total:real
  Count:real Maximum:real Minimum:real Average:real TimeGrain UnitName SourceSystem`,
);

/** The tables of this group. */
export const MONITORING_TABLES = [PERF, CONTAINER_LOG, KUBE_EVENTS, AZURE_METRICS] as const;
