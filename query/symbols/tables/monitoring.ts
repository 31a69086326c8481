/**
 * Azure Monitor agent and container tables that hunting queries and some rules read: performance
 * counters and container logs. Column names and types follow the Azure Monitor table reference.
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

/** The tables of this group. */
export const MONITORING_TABLES = [PERF, CONTAINER_LOG] as const;
