import assert from "node:assert/strict";
import { call } from "./_call.ts";

Deno.test("url_encode and url_decode follow .NET's UrlEncode", () => {
  assert.equal(
    call("url_encode", ["https://www.bing.com/hello world/"]),
    "https%3a%2f%2fwww.bing.com%2fhello+world%2f",
  );
  assert.equal(call("url_decode", ["https%3a%2f%2fwww.bing.com%2f"]), "https://www.bing.com/");
  assert.equal(call("url_decode", ["a+b%20c"]), "a b c");
  assert.equal(call("url_decode", ["%E0%A4%A"]), null);
});

Deno.test("base64 encoding and decoding", () => {
  assert.equal(call("base64_encode_tostring", ["Kusto"]), "S3VzdG8=");
  assert.equal(call("base64_decode_tostring", ["S3VzdG8="]), "Kusto");
  assert.deepEqual(call("base64_decode_toarray", ["S3VzdG8="]), [75, 117, 115, 116, 111]);
  assert.equal(call("base64_decode_tostring", ["U3RyaW5n0KHRgtGA0L7Rh9C60LA="]), "StringСтрочка");
  assert.equal(call("base64_decode_tostring", ["@@@"]), null);
  assert.equal(call("base64_decode_tostring", ["/w=="]), null, "invalid UTF-8 gives null");
  assert.equal(call("base64_encode_fromarray", [[75, 117, 115, 116, 111]]), "S3VzdG8=");
});

Deno.test("parse_url splits a URL as the documentation shows", () => {
  assert.deepEqual(
    call("parse_url", ["scheme://username:password@host:1234/this/is/a/path?k1=v1&k2=v2#fragment"]),
    {
      Scheme: "scheme",
      Host: "host",
      Port: "1234",
      Path: "/this/is/a/path",
      Username: "username",
      Password: "password",
      "Query Parameters": { k1: "v1", k2: "v2" },
      Fragment: "fragment",
    },
  );
  assert.deepEqual(call("parse_url", ["not a url"]), {});
});

Deno.test("parse_urlquery decodes parameters", () => {
  assert.deepEqual(call("parse_urlquery", ["k1=v1&k2=v2&k3=v3"]), {
    "Query Parameters": { k1: "v1", k2: "v2", k3: "v3" },
  });
  assert.deepEqual(call("parse_urlquery", ["?a=b%20c"]), { "Query Parameters": { a: "b c" } });
});

Deno.test("parse_path reproduces the documentation's table", () => {
  const empty = { Scheme: "", RootPath: "", AlternateDataStreamName: "" };
  assert.deepEqual(call("parse_path", ["C:\\temp\\file.txt"]), {
    ...empty,
    RootPath: "C:",
    DirectoryPath: "C:\\temp",
    DirectoryName: "temp",
    Filename: "file.txt",
    Extension: "txt",
  });
  assert.deepEqual(call("parse_path", ["temp\\file.txt"]), {
    ...empty,
    DirectoryPath: "temp",
    DirectoryName: "temp",
    Filename: "file.txt",
    Extension: "txt",
  });
  assert.deepEqual(call("parse_path", ["file://C:/temp/file.txt:some.exe"]), {
    Scheme: "file",
    RootPath: "C:",
    DirectoryPath: "C:/temp",
    DirectoryName: "temp",
    Filename: "file.txt",
    Extension: "txt",
    AlternateDataStreamName: "some.exe",
  });
  assert.deepEqual(call("parse_path", ["\\\\shared\\users\\temp\\file.txt.gz"]), {
    ...empty,
    DirectoryPath: "\\\\shared\\users\\temp",
    DirectoryName: "temp",
    Filename: "file.txt.gz",
    Extension: "gz",
  });
  assert.deepEqual(call("parse_path", ["/usr/lib/temp/file.txt"]), {
    ...empty,
    DirectoryPath: "/usr/lib/temp",
    DirectoryName: "temp",
    Filename: "file.txt",
    Extension: "txt",
  });
});

Deno.test("parse_command_line follows CommandLineToArgvW", () => {
  assert.deepEqual(call("parse_command_line", ['echo "hello world!" print$?', "windows"]), [
    "echo",
    "hello world!",
    "print$?",
  ]);
  assert.deepEqual(
    call("parse_command_line", ['"C:\\Program Files\\a.exe" -x "a\\"b" c\\\\"d e"', "windows"]),
    [
      "C:\\Program Files\\a.exe",
      "-x",
      'a"b',
      "c\\d e",
    ],
  );
  assert.deepEqual(call("parse_command_line", ["  ", "windows"]), []);
  assert.equal(call("parse_command_line", ["a b", "linux"]), null);
});

Deno.test("parse_csv reads one record with quoted fields", () => {
  assert.deepEqual(call("parse_csv", ['aa,"b,b,b",cc,"Escaping quotes: ""Title""","line1\nline2"']), [
    "aa",
    "b,b,b",
    "cc",
    'Escaping quotes: "Title"',
    "line1\nline2",
  ]);
  assert.deepEqual(call("parse_csv", ["record1,a,b,c\nrecord2,x,y,z"]), ["record1", "a", "b", "c"]);
  assert.deepEqual(call("parse_csv", [""]), [""]);
});

Deno.test("unicode code points to and from strings", () => {
  assert.deepEqual(call("unicode_codepoints_from_string", ["⒦⒰⒮⒯⒪"]), [9382, 9392, 9390, 9391, 9386]);
  assert.deepEqual(call("unicode_codepoints_from_string", ["a😀"]), [97, 128512]);
  assert.equal(call("unicode_codepoints_to_string", [[75, 117, 115, 116, 111]]), "Kusto");
  assert.equal(call("unicode_codepoints_to_string", [[-1]]), null);
});
