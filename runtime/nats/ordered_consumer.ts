/**
 * An ordered consumer that starts at a point in time and keeps going across server restarts.
 *
 * nats.js (3.4) recreates an ordered consumer after a reset (server restart, missed heartbeats, a sequence gap)
 * from its first config plus `deliver_policy: by_start_sequence`. A config that started by time still carries
 * `opt_start_time`, which the server refuses next to a start sequence, so every recreation fails and the consumer
 * stalls for good (found by tests/fault_nats_restart_test.ts). So the time is first turned into a sequence.
 */
import type { NatsConnection } from "@nats-io/nats-core";
import { AckPolicy, type Consumer, DeliverPolicy, jetstream, jetstreamManager } from "@nats-io/jetstream";

/**
 * The first stream sequence stored at or after `time` (last sequence + 1 when there is none yet).
 *
 * @param nc the connection
 * @param stream the stream
 * @param time milliseconds since the epoch
 * @returns the sequence
 */
export async function sequenceAt(nc: NatsConnection, stream: string, time: number): Promise<number> {
  const jsm = await jetstreamManager(nc);
  // A throwaway consumer: the server resolves the time, and its info says where it would start.
  const info = await jsm.consumers.add(stream, {
    deliver_policy: DeliverPolicy.StartTime,
    opt_start_time: new Date(time).toISOString(),
    ack_policy: AckPolicy.None,
    mem_storage: true,
    inactive_threshold: 30 * 1e9,
  });
  await jsm.consumers.delete(stream, info.name).catch(() => {});
  return info.delivered.stream_seq + 1;
}

/**
 * An ordered consumer of `stream` from `time` on.
 *
 * @param nc the connection
 * @param stream the stream
 * @param time milliseconds since the epoch
 * @returns the consumer
 */
export async function orderedConsumerFrom(
  nc: NatsConnection,
  stream: string,
  time: number,
): Promise<Consumer> {
  return await jetstream(nc).consumers.get(stream, {
    deliver_policy: DeliverPolicy.StartSequence,
    opt_start_seq: await sequenceAt(nc, stream, time),
  });
}
