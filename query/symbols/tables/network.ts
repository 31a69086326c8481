/**
 * Network and appliance tables: CEF, syslog, DNS server logs and VM connections.
 * Column names and types follow the Azure Monitor table reference.
 */
import { tableFromSpec } from "./table_spec.ts";

/** `CommonSecurityLog`: CEF events from firewalls, proxies and other appliances. */
export const COMMON_SECURITY_LOG = tableFromSpec(
  "CommonSecurityLog",
  `TimeGenerated:datetime Activity AdditionalExtensions ApplicationProtocol CollectorHostName
  CommunicationDirection Computer DestinationDnsDomain DestinationHostName DestinationIP DestinationMACAddress
  DestinationNTDomain DestinationPort:int DestinationProcessId:int DestinationProcessName
  DestinationServiceName DestinationTranslatedAddress DestinationTranslatedPort:int DestinationUserID
  DestinationUserName DestinationUserPrivileges DeviceAction DeviceAddress DeviceCustomDate1
  DeviceCustomDate1Label DeviceCustomDate2 DeviceCustomDate2Label DeviceCustomFloatingPoint1:real
  DeviceCustomFloatingPoint1Label DeviceCustomFloatingPoint2:real DeviceCustomFloatingPoint2Label
  DeviceCustomFloatingPoint3:real DeviceCustomFloatingPoint3Label DeviceCustomFloatingPoint4:real
  DeviceCustomFloatingPoint4Label DeviceCustomIPv6Address1 DeviceCustomIPv6Address1Label
  DeviceCustomIPv6Address2 DeviceCustomIPv6Address2Label DeviceCustomIPv6Address3
  DeviceCustomIPv6Address3Label DeviceCustomIPv6Address4 DeviceCustomIPv6Address4Label DeviceCustomNumber1:int
  DeviceCustomNumber1Label DeviceCustomNumber2:int DeviceCustomNumber2Label DeviceCustomNumber3:int
  DeviceCustomNumber3Label DeviceCustomString1 DeviceCustomString1Label DeviceCustomString2
  DeviceCustomString2Label DeviceCustomString3 DeviceCustomString3Label DeviceCustomString4
  DeviceCustomString4Label DeviceCustomString5 DeviceCustomString5Label DeviceCustomString6
  DeviceCustomString6Label DeviceDnsDomain DeviceEventCategory DeviceEventClassID DeviceExternalID
  DeviceFacility DeviceInboundInterface DeviceMacAddress DeviceName DeviceNtDomain DeviceOutboundInterface
  DevicePayloadId DeviceProduct DeviceTimeZone DeviceTranslatedAddress DeviceVendor DeviceVersion
  EndTime:datetime EventCount:int EventOutcome EventType:int ExternalID:int ExtID FieldDeviceCustomNumber1:long
  FieldDeviceCustomNumber2:long FieldDeviceCustomNumber3:long FileCreateTime FileHash FileID
  FileModificationTime FileName FilePath FilePermission FileSize:int FileType FlexDate1 FlexDate1Label
  FlexNumber1:int FlexNumber1Label FlexNumber2:int FlexNumber2Label FlexString1 FlexString1Label FlexString2
  FlexString2Label IndicatorThreatType LogSeverity MaliciousIP MaliciousIPCountry MaliciousIPLatitude:real
  MaliciousIPLongitude:real Message OldFileCreateTime OldFileHash OldFileID OldFileModificationTime OldFileName
  OldFilePath OldFilePermission OldFileSize:int OldFileType OriginalLogSeverity ProcessID:int ProcessName
  Protocol Reason ReceiptTime ReceivedBytes:long RemoteIP RemotePort ReportReferenceLink
  RequestClientApplication RequestContext RequestCookies RequestMethod RequestURL SentBytes:long
  SimplifiedDeviceAction SourceDnsDomain SourceHostName SourceIP SourceMACAddress SourceNTDomain SourcePort:int
  SourceProcessId:int SourceProcessName SourceSystem SourceTranslatedAddress SourceTranslatedPort:int
  SourceUserID SourceUserName SourceUserPrivileges StartTime:datetime ThreatConfidence ThreatDescription
  ThreatSeverity:int`,
);

/** `Syslog`: syslog messages (RFC 3164 / RFC 5424). */
export const SYSLOG = tableFromSpec(
  "Syslog",
  `TimeGenerated:datetime Computer EventTime:datetime Facility HostName SeverityLevel SyslogMessage
  ProcessID:int HostIP ProcessName SourceSystem MG CollectorHostName`,
);

/** `DnsEvents`: Windows DNS server events. */
export const DNS_EVENTS = tableFromSpec(
  "DnsEvents",
  `TimeGenerated:datetime SourceSystem EventId:int TaskCategory Computer Name ClientIP IPAddresses QueryType
  Result ResultCode:int Message SubType Confidence Description IndicatorThreatType IsActive
  ReportReferenceLink Severity:int MaliciousIP TLPLevel`,
);

/** `VMConnection`: network connections seen by VM insights. */
export const VM_CONNECTION = tableFromSpec(
  "VMConnection",
  `TimeGenerated:datetime Computer Direction ProcessName SourceIp DestinationIp DestinationPort:int Protocol
  RemoteIp RemoteLatitude:real RemoteLongitude:real RemoteCountry RemoteClassification MaliciousIp
  IndicatorThreatType Description TLPLevel Confidence:int Severity:int FirstSeenTime:datetime
  LastSeenTime:datetime ReportReferenceLink AdditionalInformation IsActive:bool ConnectionId BytesSent:long
  BytesReceived:long LinksEstablished:long LinksTerminated:long LinksLive:long LinksFailed:long Responses:long
  ResponseTimeMax:long ResponseTimeMin:long ResponseTimeSum:long AgentId Machine Process SourceSystem`,
);

/** The tables of this group. */
export const NETWORK_TABLES = [COMMON_SECURITY_LOG, SYSLOG, DNS_EVENTS, VM_CONNECTION] as const;
