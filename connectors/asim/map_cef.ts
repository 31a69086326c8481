/**
 * CommonSecurityLog rows (CEF from firewalls, proxies and IDS) to ASIM: a row naming both ends of a connection
 * is a NetworkSession, or a WebSession when it also carries a URL (proxies). Rows about anything else (alerts
 * without addresses, system messages) stay CommonSecurityLog only.
 */
import type { ParsedRecord, Row } from "../connector.ts";
import { AsimRow, hostColumns, setHost, str } from "./asim_row.ts";

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
  const b = new AsimRow(url === undefined ? "NetworkSession" : "WebSession", row.TimeGenerated);
  b.set("EventVendor", str(row, "DeviceVendor"));
  b.set("EventProduct", str(row, "DeviceProduct"));
  b.set("EventProductVersion", str(row, "DeviceVersion"));
  b.set("EventOriginalType", str(row, "DeviceEventClassID"));
  b.set("EventOriginalSubType", str(row, "Activity"));
  b.set("EventMessage", str(row, "Message") ?? str(row, "Activity"));
  b.set("EventOriginalSeverity", str(row, "LogSeverity"));
  b.set("EventSeverity", severity(str(row, "LogSeverity")) ?? "Informational");
  b.set("EventOriginalUid", str(row, "ExtID"));
  b.set(
    "EventResult",
    action?.[2] ?? (str(row, "EventOutcome")?.toLowerCase() === "failure" ? "Failure" : "Success"),
  );
  b.set("DvcAction", action?.[1]);
  b.set("DvcOriginalAction", original);
  b.set("DvcIpAddr", str(row, "DeviceAddress"));
  setHost(b, DVC_HOST, str(row, "DeviceName") ?? str(row, "Computer"));
  b.set("DvcMacAddr", str(row, "DeviceMacAddress"));
  b.set("DvcInboundInterface", str(row, "DeviceInboundInterface"));
  b.set("DvcOutboundInterface", str(row, "DeviceOutboundInterface"));
  b.set("SrcIpAddr", src);
  b.set("SrcPortNumber", row.SourcePort);
  setHost(b, SRC_HOST, str(row, "SourceHostName"));
  b.set("SrcMacAddr", str(row, "SourceMACAddress"));
  const srcUser = str(row, "SourceUserName");
  b.set("SrcUsername", srcUser);
  if (srcUser !== undefined) b.set("SrcUsernameType", "Simple");
  b.set("SrcNatIpAddr", str(row, "SourceTranslatedAddress"));
  b.set("SrcNatPortNumber", row.SourceTranslatedPort);
  b.set("SrcBytes", sent);
  b.set("DstIpAddr", dst);
  b.set("DstPortNumber", row.DestinationPort);
  setHost(b, DST_HOST, str(row, "DestinationHostName"));
  b.set("DstMacAddr", str(row, "DestinationMACAddress"));
  const dstUser = str(row, "DestinationUserName");
  b.set("DstUsername", dstUser);
  if (dstUser !== undefined) b.set("DstUsernameType", "Simple");
  b.set("DstNatIpAddr", str(row, "DestinationTranslatedAddress"));
  b.set("DstNatPortNumber", row.DestinationTranslatedPort);
  b.set("DstBytes", received);
  if (sent !== undefined && received !== undefined) b.set("NetworkBytes", sent + received);
  if (protocol !== undefined) b.set("NetworkProtocol", PROTOCOLS[protocol] ?? protocol.toUpperCase());
  b.set("NetworkApplicationProtocol", str(row, "ApplicationProtocol"));
  b.set(
    "NetworkDirection",
    direction === "0" || direction?.toLowerCase() === "inbound"
      ? "Inbound"
      : direction === "1" || direction?.toLowerCase() === "outbound"
      ? "Outbound"
      : undefined,
  );
  if (url === undefined) {
    b.set("EventType", "NetworkSession");
    return [b.record()];
  }
  b.set("EventType", "HTTPsession");
  b.set("Url", url);
  b.set("UrlCategory", str(row, "RequestContext"));
  b.set("HttpRequestMethod", str(row, "RequestMethod"));
  b.set("HttpUserAgent", str(row, "RequestClientApplication"));
  b.set("FileName", str(row, "FileName"));
  return [b.record()];
}

const DVC_HOST = hostColumns("Dvc");
const SRC_HOST = hostColumns("Src");
const DST_HOST = hostColumns("Dst");
