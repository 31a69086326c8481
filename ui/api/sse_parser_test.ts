import assert from "node:assert/strict";
import { SseParser } from "./sse_parser.ts";

const STREAM =
  'event: hello\ndata: {"a":1}\n\n: keep-alive\n\nevent: rates\nid: 2\ndata: line1\ndata: line2\n\n';

Deno.test("sse parser: events, comments and multi-line data", () => {
  const parser = new SseParser();
  assert.deepEqual(parser.push(STREAM), [
    { event: "hello", data: '{"a":1}', id: undefined },
    { event: "rates", data: "line1\nline2", id: "2" },
  ]);
});

Deno.test("sse parser: the same stream fed one character at a time gives the same events", () => {
  const parser = new SseParser();
  const out = [...STREAM].flatMap((ch) => parser.push(ch));
  assert.deepEqual(out.map((m) => m.event), ["hello", "rates"]);
  assert.equal(out[1].data, "line1\nline2");
});

Deno.test("sse parser: CRLF split between chunks and a default event name", () => {
  const parser = new SseParser();
  assert.deepEqual(parser.push("data: x\r"), []);
  assert.deepEqual(parser.push("\n\r\n"), [{ event: "message", data: "x", id: undefined }]);
});
