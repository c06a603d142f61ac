/**
 * Compressed request bodies: body-parser 2 inflates `Content-Encoding: gzip`
 * and `deflate` through Node's zlib, applies the limit to the inflated
 * size, and passes zlib's own error (message, code, errno) on a corrupt body.
 */
import { brotliCompressSync, deflateRawSync } from "node:zlib";
import { app, curl, deflate, gzip } from "../scenario-kit.mjs";

/** An error handler that shows what body-parser or zlib put on the error. */
const SHOW_ERROR = `app.use((err, req, res, next) => {
  res.status(err.status ?? 500).json({
    name: err.name, status: err.status, type: err.type, message: err.message,
    code: err.code, errno: err.errno, limit: err.limit, received: err.received, keys: Object.keys(err),
  });
});`;

const echo = (setup) => app(`
  ${setup}
  app.post("/", (req, res) => res.json({ body: req.body === undefined ? "(undefined)" : req.body }));
  ${SHOW_ERROR}
`);

/** A POST with curl's headers plus a type and a Content-Encoding. */
const coded = (encoding, body, type = "application/json") => ({
  method: "POST",
  url: "/",
  headers: curl(["Content-Type", type], ["Content-Encoding", encoding]),
  body,
});

const JSON_BODY = '{"name":"ada","langs":["js","rust"]}';

/** `gzip(JSON_BODY)` with its CRC-32 damaged. */
function badCrc() {
  const bytes = gzip(JSON_BODY);
  bytes[bytes.length - 5] ^= 1;
  return bytes;
}

export default [
  {
    name: "express.json reads a gzip body, whatever the case of the coding",
    code: echo(`app.use(express.json());`),
    requests: [coded("gzip", gzip(JSON_BODY)), coded("GZip", gzip(JSON_BODY))],
  },
  {
    name: "express.urlencoded reads a deflate body",
    code: echo(`app.use(express.urlencoded({ extended: true }));`),
    requests: [coded("deflate", deflate("user[name]=ada&tags[]=a&tags[]=b"), "application/x-www-form-urlencoded")],
  },
  {
    name: "express.raw and express.text get the inflated bytes",
    code: app(`
      app.post("/raw", express.raw({ type: "*/*" }), (req, res) => res.json({ length: req.body.length, text: req.body.toString() }));
      app.post("/text", express.text(), (req, res) => res.send(req.body.toUpperCase()));
    `),
    requests: [
      { ...coded("gzip", gzip("hello, zlib"), "application/octet-stream"), url: "/raw" },
      { ...coded("deflate", deflate("hello, zlib"), "text/plain"), url: "/text" },
    ],
  },
  {
    name: "gzip members one after another are read as one body",
    code: echo(`app.use(express.json());`),
    requests: [coded("gzip", Buffer.concat([gzip('{"a":'), gzip("[1,2]}"), Buffer.from([0, 0])]))],
  },
  {
    name: "a corrupt compressed body is a 400 carrying zlib's error",
    code: echo(`app.use(express.json());`),
    requests: [
      coded("gzip", JSON_BODY),
      coded("gzip", gzip(JSON_BODY).subarray(0, 20)),
      coded("deflate", deflateRawSync(JSON_BODY)),
      coded("gzip", badCrc()),
      coded("gzip", Buffer.concat([gzip(JSON_BODY), Buffer.from("tail")])),
      coded("gzip", ""),
    ],
  },
  {
    name: "a corrupt gzip body on the development error page",
    code: app(`
      app.use(express.json());
      app.post("/", (req, res) => res.json(req.body));
    `),
    requests: [coded("gzip", "not gzip at all")],
    compare: { body: "stack" },
  },
  {
    name: "inflate: false answers compressed bodies with a 415",
    code: echo(`app.use(express.json({ inflate: false }));`),
    requests: [coded("gzip", gzip(JSON_BODY)), coded("identity", JSON_BODY)],
  },
  {
    name: "the limit applies to the inflated size, counted in zlib's 16 KiB chunks",
    code: app(`
      app.post("/json", express.json({ limit: 20 }), (req, res) => res.json(req.body));
      app.post("/text", express.text({ limit: "20kb" }), (req, res) => res.send(String(req.body.length)));
      ${SHOW_ERROR}
    `),
    requests: [
      { ...coded("gzip", gzip('{"a":1}')), url: "/json" },
      { ...coded("gzip", gzip(JSON.stringify({ a: "x".repeat(100) }))), url: "/json" },
      { ...coded("gzip", gzip(JSON.stringify({ a: "x".repeat(100000) }))), url: "/json" },
      { ...coded("deflate", deflate("y".repeat(20000)), "text/plain"), url: "/text" },
      { ...coded("deflate", deflate("y".repeat(50000)), "text/plain"), url: "/text" },
    ],
  },
  {
    name: "codings body-parser has no stream for are a 415",
    code: echo(`app.use(express.json());`),
    requests: [coded("x-gzip", gzip(JSON_BODY)), coded("gzip, deflate", gzip(JSON_BODY)), coded("compress", JSON_BODY)],
  },
  {
    name: "a Brotli body is read by Node's zlib",
    code: echo(`app.use(express.json());`),
    requests: [coded("br", brotliCompressSync(JSON_BODY))],
    pending: "the playground carries no Brotli decoder (it would add about 90 KB gzip to the runtime); it answers 415 and says so",
  },
  {
    name: "verify sees the inflated body",
    code: echo(`
      app.use(express.json({ verify: (req, res, buf, encoding) => { req.seen = buf.length + " bytes in " + encoding; } }));
      app.post("/seen", (req, res) => res.send(req.seen));
    `),
    requests: [{ ...coded("gzip", gzip(JSON_BODY)), url: "/seen" }],
  },
];
