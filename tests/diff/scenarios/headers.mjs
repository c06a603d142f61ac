/**
 * Headers Express adds or reacts to on its own: X-Powered-By, charset,
 * Content-Length, ETag and conditional GET (304), HEAD derived from GET,
 * the automatic OPTIONS answer, and keep-alive.
 */
import { app, curl } from "../scenario-kit.mjs";

export default [
  {
    name: "X-Powered-By: Express is sent by default",
    code: app(`
      app.get("/", (req, res) => res.send("hi"));
    `),
    requests: [{ url: "/" }, { url: "/missing" }],
  },
  {
    name: "app.disable('x-powered-by') removes the header",
    code: app(`
      app.disable("x-powered-by");
      app.get("/", (req, res) => res.send("hi"));
    `),
    requests: [{ url: "/" }, { url: "/missing" }],
  },
  {
    name: "res.removeHeader can drop X-Powered-By for one response",
    code: app(`
      app.get("/", (req, res) => { res.removeHeader("X-Powered-By"); res.send("hi"); });
    `),
    requests: [{ url: "/" }],
  },
  {
    name: "text responses get charset=utf-8",
    code: app(`
      app.get("/html", (req, res) => res.send("<p>x</p>"));
      app.get("/json", (req, res) => res.json({}));
      app.get("/text", (req, res) => res.type("txt").send("x"));
      app.get("/buffer", (req, res) => res.send(Buffer.from("x")));
    `),
    requests: [{ url: "/html" }, { url: "/json" }, { url: "/text" }, { url: "/buffer" }],
  },
  {
    name: "a weak ETag is generated for res.send bodies",
    code: app(`
      app.get("/a", (req, res) => res.send("same body"));
      app.get("/b", (req, res) => res.send("same body"));
      app.get("/json", (req, res) => res.json({ a: 1 }));
      app.get("/empty", (req, res) => res.send(""));
      app.get("/big", (req, res) => res.send("x".repeat(5000)));
    `),
    requests: [{ url: "/a" }, { url: "/b" }, { url: "/json" }, { url: "/empty" }, { url: "/big" }],
  },
  {
    name: "a matching If-None-Match answers 304 Not Modified",
    code: app(`
      app.get("/", (req, res) => res.send("cached body"));
    `),
    requests: [
      { url: "/" },
      { url: "/", headers: curl(["If-None-Match", 'W/"b-RpduzBJZAFbH5eCQN8YG1M7vsAE"']) },
      { url: "/", headers: curl(["If-None-Match", '"b-RpduzBJZAFbH5eCQN8YG1M7vsAE"']) },
      { url: "/", headers: curl(["If-None-Match", '"something-else"']) },
      { url: "/", headers: curl(["If-None-Match", "*"]) },
    ],
  },
  {
    name: "If-None-Match with a list of ETags",
    code: app(`
      app.get("/", (req, res) => res.set("ETag", '"v2"').send("body"));
    `),
    requests: [{ url: "/", headers: curl(["If-None-Match", '"v1", "v2"']) }, { url: "/", headers: curl(["If-None-Match", 'W/"v2"']) }],
  },
  {
    name: "Cache-Control: no-cache in the request skips the 304",
    code: app(`
      app.get("/", (req, res) => res.set("ETag", '"fixed"').send("body"));
    `),
    requests: [{ url: "/", headers: curl(["If-None-Match", '"fixed"'], ["Cache-Control", "no-cache"]) }],
  },
  {
    name: "If-Modified-Since with a Last-Modified header",
    code: app(`
      app.get("/", (req, res) => {
        res.set("Last-Modified", "Mon, 01 Jan 2024 00:00:00 GMT");
        res.send("dated body");
      });
    `),
    requests: [
      { url: "/", headers: curl(["If-Modified-Since", "Tue, 02 Jan 2024 00:00:00 GMT"]) },
      { url: "/", headers: curl(["If-Modified-Since", "Sun, 31 Dec 2023 00:00:00 GMT"]) },
    ],
  },
  {
    name: "a 304 only happens for GET and HEAD",
    code: app(`
      app.all("/", (req, res) => res.set("ETag", '"fixed"').send("body"));
    `),
    requests: [
      { method: "HEAD", url: "/", headers: curl(["If-None-Match", '"fixed"']) },
      { method: "POST", url: "/", headers: curl(["If-None-Match", '"fixed"']) },
    ],
  },
  {
    name: "a 304 never replaces an error status",
    code: app(`
      app.get("/", (req, res) => res.status(404).set("ETag", '"fixed"').send("not here"));
    `),
    requests: [{ url: "/", headers: curl(["If-None-Match", '"fixed"']) }],
  },
  {
    name: "app.set('etag', false) turns ETags off",
    code: app(`
      app.set("etag", false);
      app.get("/", (req, res) => res.send("no etag"));
    `),
    requests: [{ url: "/" }],
  },
  {
    name: "app.set('etag', 'strong') makes strong ETags",
    code: app(`
      app.set("etag", "strong");
      app.get("/", (req, res) => res.send("strong etag"));
    `),
    requests: [{ url: "/" }],
  },
  {
    name: "a custom ETag function",
    code: app(`
      app.set("etag", (body, encoding) => '"len-' + body.length + '-' + (encoding ?? "buffer") + '"');
      app.get("/", (req, res) => res.send("custom"));
      app.get("/json", (req, res) => res.json({ x: 1 }));
    `),
    requests: [{ url: "/" }, { url: "/json" }],
  },
  {
    name: "an ETag set by hand is kept",
    code: app(`
      app.get("/", (req, res) => res.set("ETag", '"mine"').send("body"));
    `),
    requests: [{ url: "/" }],
  },
  {
    name: "HEAD sends GET's headers without a body",
    code: app(`
      app.get("/page", (req, res) => res.set("X-Extra", "1").send("<p>page body</p>"));
      app.get("/json", (req, res) => res.json({ hello: "world" }));
    `),
    requests: [{ method: "HEAD", url: "/page" }, { method: "HEAD", url: "/json" }, { method: "HEAD", url: "/none" }],
  },
  {
    name: "OPTIONS is answered automatically with Allow",
    code: app(`
      app.get("/items", (req, res) => res.send("list"));
      app.post("/items", (req, res) => res.send("create"));
      app.route("/items/:id").get((req, res) => res.send("one")).put((req, res) => res.send("put")).delete((req, res) => res.send("del"));
    `),
    requests: [{ method: "OPTIONS", url: "/items" }, { method: "OPTIONS", url: "/items/1" }, { method: "OPTIONS", url: "/nothing" }],
  },
  {
    name: "a mounted router answers OPTIONS from its own routes only",
    code: app(`
      const router = express.Router();
      router.patch("/thing", (req, res) => res.send("patched"));
      app.use("/api", router);
      app.get("/api/thing", (req, res) => res.send("got"));
    `),
    requests: [{ method: "OPTIONS", url: "/api/thing" }],
  },
  {
    name: "an explicit app.options handler wins over the automatic answer",
    code: app(`
      app.options("/items", (req, res) => res.set("Allow", "GET").status(204).end());
      app.get("/items", (req, res) => res.send("list"));
      app.post("/items", (req, res) => res.send("create"));
    `),
    requests: [{ method: "OPTIONS", url: "/items" }],
  },
  {
    name: "OPTIONS Allow skips a route that handled OPTIONS itself, like app.all",
    code: app(`
      app.all("/any", (req, res, next) => next());
      app.get("/any", (req, res) => res.send("x"));
    `),
    requests: [{ method: "OPTIONS", url: "/any" }],
  },
  {
    name: "repeated header values become separate header lines",
    code: app(`
      app.get("/", (req, res) => {
        res.set("X-Multi", ["one", "two"]);
        res.cookie("a", "1");
        res.cookie("b", "2");
        res.send("ok");
      });
    `),
    requests: [{ url: "/" }],
  },
  {
    name: "Connection: close in the request closes the connection",
    code: app(`
      app.get("/", (req, res) => res.send("bye"));
    `),
    requests: [{ url: "/", headers: curl(["Connection", "close"]) }],
  },
  {
    name: "a response with no headers set still gets the standard ones",
    code: app(`
      app.get("/", (req, res) => res.end());
    `),
    requests: [{ url: "/" }],
  },
  {
    name: "header values are converted to strings",
    code: app(`
      app.get("/", (req, res) => {
        res.set("X-Number", 42);
        res.set("X-Bool", true);
        res.setHeader("X-Raw", 7);
        res.send("ok");
      });
    `),
    requests: [{ url: "/" }],
  },
  {
    name: "Content-Length set by hand is kept for res.end",
    code: app(`
      app.get("/", (req, res) => { res.set("Content-Length", "5"); res.end("hello"); });
    `),
    requests: [{ url: "/" }],
  },
  // --- conditional requests, ETag functions and connection handling in depth -------------
  {
    name: "strong ETags and If-None-Match",
    code: app(`
      app.set("etag", "strong");
      app.get("/", (req, res) => res.send("strong body"));
    `),
    requests: [
      { url: "/", headers: curl(["If-None-Match", '"b-L3XTq9lcUYvkwZyPekuLumLvnQA"']) },
      { url: "/", headers: curl(["If-None-Match", 'W/"b-L3XTq9lcUYvkwZyPekuLumLvnQA"']) },
      { url: "/", headers: curl(["If-None-Match", '"b-other"']) },
    ],
  },
  {
    name: "a custom ETag function that returns nothing, and one that sees a Buffer",
    code: app(`
      app.set("etag", (body) => (body.length > 3 ? undefined : "short"));
      app.get("/long", (req, res) => res.send("long body"));
      app.get("/short", (req, res) => res.send("ab"));
      app.get("/buffer", (req, res) => res.send(Buffer.from("xy")));
      app.get("/null", (req, res) => res.send(null));
    `),
    requests: [{ url: "/long" }, { url: "/short" }, { url: "/buffer" }, { url: "/null" }],
  },
  {
    name: "an unknown etag setting throws",
    code: app(`
      let error = "none";
      try { app.set("etag", "medium"); } catch (err) { error = err.name + ": " + err.message; }
      app.get("/", (req, res) => res.send(error));
    `),
    requests: [{ url: "/" }],
  },
  {
    name: "If-Modified-Since is ignored when If-None-Match is present",
    code: app(`
      app.get("/", (req, res) => res.set("Last-Modified", "Mon, 01 Jan 2024 00:00:00 GMT").set("ETag", '"v1"').send("x"));
    `),
    requests: [
      { url: "/", headers: curl(["If-None-Match", '"v2"'], ["If-Modified-Since", "Tue, 02 Jan 2024 00:00:00 GMT"]) },
      { url: "/", headers: curl(["If-None-Match", '"v1"'], ["If-Modified-Since", "Sun, 31 Dec 2023 00:00:00 GMT"]) },
      { url: "/", headers: curl(["If-Modified-Since", "Mon, 01 Jan 2024 00:00:00 GMT"]) },
      { url: "/", headers: curl(["If-Modified-Since", "not a date"]) },
      { url: "/", headers: curl(["If-None-Match", '"v1"'], ["Cache-Control", "max-age=0, no-cache"]) },
    ],
  },
  {
    name: "Connection: close with a streamed response and a Connection header set by hand",
    code: app(`
      app.get("/stream", (req, res) => { res.write("a"); res.end("b"); });
      app.get("/mine", (req, res) => res.set("Connection", "close").send("closing"));
      app.get("/date", (req, res) => res.set("Date", "Thu, 01 Jan 1970 00:00:00 GMT").send("dated"));
    `),
    requests: [
      { url: "/stream", headers: curl(["Connection", "close"]) },
      { url: "/mine" },
      { url: "/date" },
    ],
  },
  {
    name: "a 304 keeps the validators and drops the body headers",
    code: app(`
      app.get("/", (req, res) => res.set("Cache-Control", "max-age=60").type("json").send('{"cached":true}'));
    `),
    requests: [{ url: "/", headers: curl(["If-None-Match", 'W/"f-egQJ2GZ4zV2gZ6356rLyck2hnGM"']) }, { method: "HEAD", url: "/", headers: curl(["If-None-Match", 'W/"f-egQJ2GZ4zV2gZ6356rLyck2hnGM"']) }],
  },
  {
    name: "request header values are trimmed and repeated singletons keep the first",
    code: app(`
      app.get("/", (req, res) => res.json({ host: req.get("host"), type: req.get("content-type"), custom: req.get("x-custom"), raw: req.rawHeaders.slice(-6) }));
    `),
    requests: [{ url: "/", headers: curl(["X-Custom", "  spaced\t"], ["Host", "localhost:3000"], ["Host", "second.example"], ["Content-Type", "text/a"], ["Content-Type", "text/b"]) }],
  },
  // --- found side by side with real Express ---------------------------
  {
    name: "a method Node does not know is a 400 before Express runs",
    code: app(`
      app.all("/", (req, res) => res.send("method " + req.method));
    `),
    requests: [{ method: "FOO", url: "/" }, { method: "PROPFIND", url: "/" }],
  },
  {
    name: "a request without a Host header is a 400 from Node's server",
    code: app(`
      app.all("/", (req, res) => res.send("method " + req.method));
    `),
    requests: [{ url: "/", headers: curl(["Host", null]) }],
  },
]
