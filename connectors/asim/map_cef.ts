/**
 * CommonSecurityLog rows (CEF from firewalls, proxies and IDS) to ASIM: a row naming both ends of a connection
 * is a NetworkSession, or a WebSession when it also carries a URL (proxies). Rows about anything else (alerts
 * without addresses, system messages) stay CommonSecurityLog only.
 */
import type { ParsedRecord, Row } from "../connector.ts";
import { asimRecord, hostFields, str } from "./asim_row.ts";

/** IANA protocol numbers CEF `proto` sometimes carries, to names. */
const PROTOCOLS: Readonly<Record<string, string>> = { "1": "ICMP", "6": "TCP", "17": "UDP", "58": "ICMPv6" };

/** `DeviceAction` words (lowercase) to ASIM's `DvcAction` and `EventResult`. */
const ACTIONS: ReadonlyArray<readonly [RegExp, string, string]> = [
  [
    /^(allow|allowed|accept|accepted|permit|permitted|pass|passed|built|success|close|start|end)/,
    "Allow",
    "Success",
  ],
  [/^(deny|denied|block|blocked|reject|rejected|prevent|prevented)/, "Deny", "Failure"],
  [/^(drop|dropped|discard)/, "Drop", "Failure"],
  [/^(reset|rst|reset-both|reset-client|reset-server)/, "Reset", "Failure"],
];

/** CEF severities: 0-3 low, 4-6 medium, 7-8 high, 9-10 very high (named levels pass through). */
function severity(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n)) {
    const named = value.toLowerCase();
    if (named === "unknown") return undefined;
    return named.startsWith("low")
      ? "Low"
      : named.startsWith("med")
      ? "Medium"
      : named.startsWith("info")
      ? "Informational"
      : "High";
  }
  return n <= 3 ? "Low" : n <= 6 ? "Medium" : "High";
}

/**
 * The ASim NetworkSession or WebSession record of a CommonSecurityLog row, or none.
 *
 * @param row A CommonSecurityLog row.
 * @returns Zero or one record.
 * @example
 * ```ts
 * const [session] = mapCef({ TimeGenerated: "2024-01-01T00:00:00.000Z", DeviceVendor: "Fortinet",
 *   SourceIP: "10.0.0.5", DestinationIP: "10.0.0.6", DestinationPort: 443, DeviceAction: "deny" });
 * session.row.DvcAction; // "Deny"
 * ```
 */
export function mapCef(row: Row): ParsedRecord[] {
  const src = str(row, "SourceIP");
  const dst = str(row, "DestinationIP");
  const url = str(row, "RequestURL");
  if (src === undefined || (dst === undefined && url === undefined)) return [];
  const original = str(row, "DeviceAction");
  const action = original === undefined
    ? undefined
    : ACTIONS.find(([pattern]) => pattern.test(original.toLowerCase()));
  const protocol = str(row, "Protocol");
  const direction = str(row, "CommunicationDirection");
  const sent = typeof row.SentBytes === "number" ? row.SentBytes : undefined;
  const received = typeof row.ReceivedBytes === "number" ? row.ReceivedBytes : undefined;
  const values: Record<string, unknown> = {
    TimeGenerated: row.TimeGenerated,
    EventVendor: str(row, "DeviceVendor"),
    EventProduct: str(row, "DeviceProduct"),
    EventProductVersion: str(row, "DeviceVersion"),
    EventOriginalType: str(row, "DeviceEventClassID"),
    EventOriginalSubType: str(row, "Activity"),
    EventMessage: str(row, "Message") ?? str(row, "Activity"),
    EventOriginalSeverity: str(row, "LogSeverity"),
    EventSeverity: severity(str(row, "LogSeverity")) ?? "Informational",
    EventOriginalUid: str(row, "ExtID"),
    EventResult: action?.[2] ??
      (str(row, "EventOutcome")?.toLowerCase() === "failure" ? "Failure" : "Success"),
    DvcAction: action?.[1],
    DvcOriginalAction: original,
    DvcIpAddr: str(row, "DeviceAddress"),
    ...hostFields("Dvc", str(row, "DeviceName") ?? str(row, "Computer")),
    DvcMacAddr: str(row, "DeviceMacAddress"),
    DvcInboundInterface: str(row, "DeviceInboundInterface"),
    DvcOutboundInterface: str(row, "DeviceOutboundInterface"),
    SrcIpAddr: src,
    SrcPortNumber: row.SourcePort,
    ...hostFields("Src", str(row, "SourceHostName")),
    SrcMacAddr: str(row, "SourceMACAddress"),
    SrcUsername: str(row, "SourceUserName"),
    SrcUsernameType: str(row, "SourceUserName") === undefined ? undefined : "Simple",
    SrcNatIpAddr: str(row, "SourceTranslatedAddress"),
    SrcNatPortNumber: row.SourceTranslatedPort,
    SrcBytes: sent,
    DstIpAddr: dst,
    DstPortNumber: row.DestinationPort,
    ...hostFields("Dst", str(row, "DestinationHostName")),
    DstMacAddr: str(row, "DestinationMACAddress"),
    DstUsername: str(row, "DestinationUserName"),
    DstUsernameType: str(row, "DestinationUserName") === undefined ? undefined : "Simple",
    DstNatIpAddr: str(row, "DestinationTranslatedAddress"),
    DstNatPortNumber: row.DestinationTranslatedPort,
    DstBytes: received,
    NetworkBytes: sent !== undefined && received !== undefined ? sent + received : undefined,
    NetworkProtocol: protocol === undefined ? undefined : PROTOCOLS[protocol] ?? protocol.toUpperCase(),
    NetworkApplicationProtocol: str(row, "ApplicationProtocol"),
    NetworkDirection: direction === "0" || direction?.toLowerCase() === "inbound"
      ? "Inbound"
      : direction === "1" || direction?.toLowerCase() === "outbound"
      ? "Outbound"
      : undefined,
  };
  if (url === undefined) {
    return [asimRecord("NetworkSession", { ...values, EventType: "NetworkSession" })];
  }
  return [asimRecord("WebSession", {
    ...values,
    EventType: "HTTPsession",
    Url: url,
    UrlCategory: str(row, "RequestContext"),
    HttpRequestMethod: str(row, "RequestMethod"),
    HttpUserAgent: str(row, "RequestClientApplication"),
    FileName: str(row, "FileName"),
  })];
}
