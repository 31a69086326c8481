/**
 * @module
 * The `threat-intel` connector: STIX 2.1 indicator bundles and CSV IoC feeds to ThreatIntelligenceIndicator,
 * so "TI map" rules can join recent indicators with the logs.
 *
 * @example
 * ```ts
 * import { stixObservables } from "./mod.ts";
 * stixObservables("[file:hashes.'SHA-256' = 'aa']"); // [{ FileHashType: "SHA256", FileHashValue: "aa" }]
 * ```
 */

export { threatIntelConnector } from "./threat_intel_connector.ts";
export { DEFAULT_VALIDITY_DAYS, mapStixObject, TI_TABLE } from "./map_stix.ts";
export { parseCsvFeed } from "./csv_feed.ts";
export { type IndicatorFields, stixObservables } from "./stix_pattern.ts";
