import assert from "node:assert/strict";
import { call } from "./_call.ts";

Deno.test("hash is XXH64 of the UTF-8 text (documentation example)", () => {
  assert.equal(call("hash", ["World"]), Number(1846988464401551951n));
  assert.equal(call("hash", ["World", 100]), 51);
  assert.equal(call("hash", [null]), null);
  assert.equal(typeof call("hash", [42], { argTypes: ["long"] }), "number");
});

Deno.test("hash_sha256, hash_sha1 and hash_md5 match the standard test vectors", () => {
  assert.equal(
    call("hash_sha256", ["abc"]),
    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
  );
  assert.equal(call("hash_sha256", [""]), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  assert.equal(call("hash_sha1", ["abc"]), "a9993e364706816aba3e25717850c26c9cd0d89d");
  assert.equal(call("hash_md5", [""]), "d41d8cd98f00b204e9800998ecf8427e");
  assert.equal(
    call("hash_md5", ["The quick brown fox jumps over the lazy dog"]),
    "9e107d9d372bb6826bd81d3542a419d6",
  );
});

Deno.test("hash_sha256 and hash_sha1 agree with Web Crypto on multi-block input", async () => {
  const text = "päßwörd-".repeat(50);
  for (const [name, algorithm] of [["hash_sha256", "SHA-256"], ["hash_sha1", "SHA-1"]]) {
    const digest = await crypto.subtle.digest(algorithm, new TextEncoder().encode(text));
    const hex = Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
    assert.equal(call(name, [text]), hex);
  }
});
