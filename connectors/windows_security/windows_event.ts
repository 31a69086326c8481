/**
 * The common form of a Windows event, whichever agent shipped it: Winlogbeat, NXLog, Azure Monitor Agent
 * (already in SecurityEvent columns) or the event's own XML.
 */
export interface WindowsEvent {
  /** The event's time as a row datetime, or null. */
  readonly time: string | null;
  readonly computer: string | null;
  readonly eventId: number | null;
  readonly channel: string | null;
  readonly provider: string | null;
  readonly level: string | null;
  readonly task: number | null;
  /** EventData `Data` items by name, in document order. */
  readonly eventData: ReadonlyArray<readonly [string, string]>;
  /** Columns an agent already produced in SecurityEvent form (AMA shape), passed through as they are. */
  readonly columns?: Readonly<Record<string, unknown>>;
}
