/**
 * The response object: status, the send/json family and how each value
 * type becomes a body and headers, header helpers, content negotiation,
 * redirects, cookies and what happens when a response is sent twice.
 */
import { app, curl } from "../scenario-kit.mjs";

export default [
  // --- status -------------------------------------------------------------
  {
    name: "res.status sets the status code and chains",
    code: app(`
      app.post("/users", (req, res) => res.status(201).send("created"));
      app.get("/teapot", (req, res) => res.status(418).send("short and stout"));
      app.get("/custom", (req, res) => res.status(299).send("unusual"));
    `),
    requests: [{ method: "POST", url: "/users" }, { url: "/teapot" }, { url: "/custom" }],
  },
  {
    name: "res.status rejects codes that are not integers between 100 and 999",
    code: app(`
      app.get("/:code", (req, res) => {
        const value = req.params.code === "string" ? "200" : Number(req.params.code);
        try { res.status(value); res.send("accepted " + res.statusCode); }
        catch (err) { res.status(500).send(err.name + ": " + err.message); }
      });
    `),
    requests: [{ url: "/99" }, { url: "/1000" }, { url: "/200.5" }, { url: "/string" }, { url: "/999" }],
  },
  {
    name: "res.sendStatus sends the status text as the body",
    code: app(`
      app.get("/ok", (req, res) => res.sendStatus(200));
      app.get("/forbidden", (req, res) => res.sendStatus(403));
      app.get("/teapot", (req, res) => res.sendStatus(418));
      app.get("/unknown", (req, res) => res.sendStatus(299));
      app.get("/nocontent", (req, res) => res.sendStatus(204));
    `),
    requests: [{ url: "/ok" }, { url: "/forbidden" }, { url: "/teapot" }, { url: "/unknown" }, { url: "/nocontent" }],
  },
  {
    name: "statusMessage can be customised",
    code: app(`
      app.get("/", (req, res) => { res.statusMessage = "Everything Is Fine"; res.status(200).send("ok"); });
    `),
    requests: [{ url: "/" }],
  },
  // --- send ---------------------------------------------------------------
  {
    name: "res.send with a string defaults to HTML",
    code: app(`
      app.get("/", (req, res) => res.send("<h1>Hello</h1>"));
      app.get("/empty", (req, res) => res.send(""));
    `),
    requests: [{ url: "/" }, { url: "/empty" }],
  },
  {
    name: "res.send with an object or array sends JSON",
    code: app(`
      app.get("/object", (req, res) => res.send({ user: "tobi", tags: ["a", "b"] }));
      app.get("/array", (req, res) => res.send([1, 2, 3]));
    `),
    requests: [{ url: "/object" }, { url: "/array" }],
  },
  {
    name: "res.send with a Buffer sends binary",
    code: app(`
      app.get("/bin", (req, res) => res.send(Buffer.from("raw bytes")));
      app.get("/typed", (req, res) => res.type("text").send(Buffer.from("typed buffer")));
      app.get("/uint8", (req, res) => res.send(new Uint8Array([104, 105])));
    `),
    requests: [{ url: "/bin" }, { url: "/typed" }, { url: "/uint8" }],
  },
  {
    name: "res.send with a number or boolean sends JSON",
    code: app(`
      app.get("/number", (req, res) => res.send(42));
      app.get("/true", (req, res) => res.send(true));
    `),
    requests: [{ url: "/number" }, { url: "/true" }],
  },
  {
    name: "res.send with null or undefined sends an empty body",
    code: app(`
      app.get("/null", (req, res) => res.send(null));
      app.get("/undefined", (req, res) => res.send(undefined));
      app.get("/nothing", (req, res) => res.send());
    `),
    requests: [{ url: "/null" }, { url: "/undefined" }, { url: "/nothing" }],
  },
  {
    name: "res.send keeps a Content-Type set earlier but forces charset=utf-8",
    code: app(`
      app.get("/text", (req, res) => res.set("Content-Type", "text/plain").send("plain"));
      app.get("/xml", (req, res) => res.type("xml").send("<a/>"));
      app.get("/latin", (req, res) => res.set("Content-Type", "text/plain; charset=iso-8859-1").send("x"));
    `),
    requests: [{ url: "/text" }, { url: "/xml" }, { url: "/latin" }],
  },
  {
    name: "res.send counts Content-Length in bytes",
    code: app(`
      app.get("/", (req, res) => res.send("héllo wörld ✓ 😀"));
    `),
    requests: [{ url: "/" }],
  },
  {
    name: "a 204 or 304 status strips the body and content headers",
    code: app(`
      app.get("/204", (req, res) => res.status(204).send("ignored body"));
      app.get("/304", (req, res) => res.status(304).json({ ignored: true }));
      app.get("/205", (req, res) => res.status(205).send("reset"));
    `),
    requests: [{ url: "/204" }, { url: "/304" }, { url: "/205" }],
  },
  // --- json ---------------------------------------------------------------
  {
    name: "res.json with objects, arrays and primitives",
    code: app(`
      app.get("/object", (req, res) => res.json({ a: 1, nested: { b: [true, null] } }));
      app.get("/null", (req, res) => res.json(null));
      app.get("/string", (req, res) => res.json("hi"));
      app.get("/number", (req, res) => res.json(3.5));
      app.get("/undefined", (req, res) => res.json(undefined));
    `),
    requests: [{ url: "/object" }, { url: "/null" }, { url: "/string" }, { url: "/number" }, { url: "/undefined" }],
  },
  {
    name: "res.json drops undefined and functions, turns NaN into null",
    code: app(`
      app.get("/", (req, res) => res.json({ u: undefined, f() {}, n: NaN, i: Infinity, d: new Date(0), arr: [undefined, () => 1] }));
    `),
    requests: [{ url: "/" }],
  },
  {
    name: "res.json honours json spaces",
    code: app(`
      app.set("json spaces", 2);
      app.get("/", (req, res) => res.json({ name: "tobi", pets: ["loki", "jane"] }));
    `),
    requests: [{ url: "/" }],
  },
  {
    name: "json spaces can be a string",
    code: app(`
      app.set("json spaces", "\\t");
      app.get("/", (req, res) => res.json({ a: { b: 1 } }));
    `),
    requests: [{ url: "/" }],
  },
  {
    name: "res.json honours a json replacer function",
    code: app(`
      app.set("json replacer", (key, value) => (key === "password" ? undefined : value));
      app.get("/", (req, res) => res.json({ user: "ada", password: "secret" }));
    `),
    requests: [{ url: "/" }],
  },
  {
    name: "res.json honours a json replacer array",
    code: app(`
      app.set("json replacer", ["id", "name"]);
      app.get("/", (req, res) => res.json({ id: 1, name: "ada", email: "ada@example.com" }));
    `),
    requests: [{ url: "/" }],
  },
  {
    name: "res.json calls toJSON",
    code: app(`
      class Money { constructor(c) { this.cents = c; } toJSON() { return (this.cents / 100).toFixed(2) + " EUR"; } }
      app.get("/", (req, res) => res.json({ price: new Money(1999), when: new Date(Date.UTC(2024, 0, 2)) }));
    `),
    requests: [{ url: "/" }],
  },
  {
    name: "the json escape setting escapes < > &",
    code: app(`
      app.enable("json escape");
      app.get("/", (req, res) => res.json({ html: "<script>alert('x') && 1</script>" }));
    `),
    requests: [{ url: "/" }],
  },
  {
    name: "res.json keeps a Content-Type set earlier",
    code: app(`
      app.get("/", (req, res) => res.type("application/vnd.api+json").json({ data: [] }));
    `),
    requests: [{ url: "/" }],
  },
  {
    name: "res.jsonp wraps the body in the callback",
    code: app(`
      app.get("/", (req, res) => res.jsonp({ user: "tobi" }));
    `),
    requests: [{ url: "/?callback=handle" }, { url: "/" }, { url: "/?callback=evil()%3B" }],
  },
  // --- end / write ----------------------------------------------------------
  {
    name: "res.end sends no Content-Type",
    code: app(`
      app.get("/empty", (req, res) => res.end());
      app.get("/text", (req, res) => res.end("plain end"));
      app.get("/status", (req, res) => res.status(202).end());
    `),
    requests: [{ url: "/empty" }, { url: "/text" }, { url: "/status" }],
  },
  {
    name: "res.write streams a chunked response",
    code: app(`
      app.get("/", (req, res) => {
        res.type("text");
        res.write("one,");
        res.write("two,");
        res.end("three");
      });
    `),
    requests: [{ url: "/" }],
  },
  {
    name: "res.writeHead sets status and headers directly",
    code: app(`
      app.get("/", (req, res) => {
        res.writeHead(201, { "Content-Type": "text/plain", "X-Direct": "yes" });
        res.end("written directly");
      });
    `),
    requests: [{ url: "/" }],
  },
  // --- headers --------------------------------------------------------------
  {
    name: "res.set with a name, an object, or an array value",
    code: app(`
      app.get("/", (req, res) => {
        res.set("X-One", "1");
        res.header("X-Alias", "header() is set()");
        res.set({ "X-Two": "2", "X-Number": 3 });
        res.set("X-List", ["a", "b"]);
        res.send("ok");
      });
    `),
    requests: [{ url: "/" }],
  },
  {
    name: "res.set('Content-Type') adds a charset to text types",
    code: app(`
      app.get("/html", (req, res) => { res.set("Content-Type", "text/html"); res.end("x"); });
      app.get("/json", (req, res) => { res.set("Content-Type", "application/json"); res.end("{}"); });
      app.get("/png", (req, res) => { res.set("Content-Type", "image/png"); res.end(""); });
    `),
    requests: [{ url: "/html" }, { url: "/json" }, { url: "/png" }],
  },
  {
    name: "res.set('Content-Type') with an array throws",
    code: app(`
      app.get("/", (req, res) => {
        try { res.set("Content-Type", ["text/html", "text/plain"]); res.send("no error"); }
        catch (err) { res.send(err.name + ": " + err.message); }
      });
    `),
    requests: [{ url: "/" }],
  },
  {
    name: "res.get reads back a header that was set",
    code: app(`
      app.get("/", (req, res) => {
        res.set("X-Thing", "value");
        res.type("json");
        res.json({ thing: res.get("x-thing"), type: res.get("Content-Type"), missing: res.get("X-None") ?? null, powered: res.get("X-Powered-By") });
      });
    `),
    requests: [{ url: "/" }],
  },
  {
    name: "res.append adds to a header instead of replacing it",
    code: app(`
      app.get("/", (req, res) => {
        res.append("Link", "<http://localhost/>");
        res.append("Link", ["<http://localhost:80/>", "<http://localhost:8080/>"]);
        res.append("Warning", "199 Miscellaneous warning");
        res.cookie("a", "1");
        res.append("Set-Cookie", "b=2; Path=/; HttpOnly");
        res.send("ok");
      });
    `),
    requests: [{ url: "/" }],
  },
  {
    name: "res.type maps short names and extensions to MIME types",
    code: app(`
      app.get("/:kind", (req, res) => {
        const map = { html: "html", dothtml: ".html", json: "json", png: "png", custom: "application/x-custom", unknown: "nosuchext", text: "text", js: "js", css: "css" };
        res.type(map[req.params.kind]);
        res.send(res.get("Content-Type"));
      });
    `),
    requests: ["html", "dothtml", "json", "png", "custom", "unknown", "text", "js", "css"].map((k) => ({ url: "/" + k })),
  },
  {
    name: "res.links builds a Link header",
    code: app(`
      app.get("/", (req, res) => {
        res.links({ next: "http://api.example.com/users?page=2", last: "http://api.example.com/users?page=5" });
        res.links({ prev: "http://api.example.com/users?page=0" });
        res.end();
      });
    `),
    requests: [{ url: "/" }],
  },
  {
    name: "res.vary adds to the Vary header once",
    code: app(`
      app.get("/", (req, res) => {
        res.vary("Accept");
        res.vary("Accept-Encoding");
        res.vary("accept");
        res.send("varied");
      });
    `),
    requests: [{ url: "/" }],
  },
  {
    name: "res.attachment sets Content-Disposition and the type",
    code: app(`
      app.get("/plain", (req, res) => res.attachment().send("data"));
      app.get("/pdf", (req, res) => res.attachment("reports/summary.pdf").send("%PDF"));
      app.get("/unicode", (req, res) => res.attachment("résumé.txt").send("cv"));
    `),
    requests: [{ url: "/plain" }, { url: "/pdf" }, { url: "/unicode" }],
  },
  // --- format ---------------------------------------------------------------
  {
    name: "res.format picks the handler that matches Accept",
    code: app(`
      app.get("/", (req, res) => res.format({
        "text/plain": () => res.send("hey"),
        "text/html": () => res.send("<p>hey</p>"),
        "application/json": () => res.send({ message: "hey" }),
      }));
    `),
    requests: [
      { url: "/" },
      { url: "/", headers: curl(["Accept", "text/html"]) },
      { url: "/", headers: curl(["Accept", "application/json"]) },
      { url: "/", headers: curl(["Accept", "text/*;q=0.5, application/json;q=0.9"]) },
    ],
  },
  {
    name: "res.format with extension names",
    code: app(`
      app.get("/", (req, res) => res.format({
        text: () => res.send("hey"),
        html: () => res.send("<p>hey</p>"),
        json: () => res.json({ message: "hey" }),
      }));
    `),
    requests: [{ url: "/", headers: curl(["Accept", "application/json"]) }, { url: "/", headers: curl(["Accept", "text/html"]) }],
  },
  {
    name: "res.format answers 406 when nothing matches",
    code: app(`
      app.get("/", (req, res) => res.format({
        html: () => res.send("<p>hey</p>"),
        json: () => res.json({ message: "hey" }),
      }));
      app.use((err, req, res, next) => res.status(err.status).json({ message: err.message, types: err.types }));
    `),
    requests: [{ url: "/", headers: curl(["Accept", "image/png"]) }],
  },
  {
    name: "res.format 406 on the development error page",
    code: app(`
      app.get("/", (req, res) => res.format({ html: () => res.send("<p>hey</p>") }));
    `),
    requests: [{ url: "/", headers: curl(["Accept", "application/xml"]) }],
    compare: { body: "stack" },
  },
  {
    name: "res.format falls back to default",
    code: app(`
      app.get("/", (req, res) => res.format({
        json: () => res.json({ ok: true }),
        default: () => res.status(406).send("Not Acceptable, try JSON"),
      }));
    `),
    requests: [{ url: "/", headers: curl(["Accept", "text/csv"]) }],
  },
  // --- location / redirect --------------------------------------------------
  {
    name: "res.location sets an encoded Location header",
    code: app(`
      app.get("/a", (req, res) => res.location("/foo/bar").end());
      app.get("/b", (req, res) => res.location("http://example.com/a path/ü?x=1 2").end());
      app.get("/c", (req, res) => res.location("back").end());
      app.get("/d", (req, res) => res.location("/already%20encoded").end());
    `),
    requests: [{ url: "/a" }, { url: "/b" }, { url: "/c", headers: curl(["Referer", "/from"]) }, { url: "/d" }],
  },
  {
    name: "res.redirect defaults to 302 with a text body",
    code: app(`
      app.get("/old", (req, res) => res.redirect("/new"));
    `),
    requests: [{ url: "/old" }],
  },
  {
    name: "res.redirect with a status",
    code: app(`
      app.get("/moved", (req, res) => res.redirect(301, "https://example.com/"));
      app.post("/form", (req, res) => res.redirect(303, "/thanks"));
      app.get("/temp", (req, res) => res.redirect(307, "/elsewhere"));
    `),
    requests: [{ url: "/moved" }, { method: "POST", url: "/form", body: "a=1" }, { url: "/temp" }],
  },
  {
    name: "res.redirect body follows the Accept header",
    code: app(`
      app.get("/", (req, res) => res.redirect("/login?next=<home>"));
    `),
    requests: [
      { url: "/", headers: curl(["Accept", "text/html"]) },
      { url: "/", headers: curl(["Accept", "text/plain"]) },
      { url: "/", headers: curl(["Accept", "application/json"]) },
      { method: "HEAD", url: "/" },
    ],
  },
  {
    name: "res.redirect to relative and absolute URLs",
    code: app(`
      app.get("/blog/post/1", (req, res) => res.redirect("../login"));
      app.get("/external", (req, res) => res.redirect("http://example.com/path?q=a b"));
      app.get("/unicode", (req, res) => res.redirect("/café"));
    `),
    requests: [{ url: "/blog/post/1" }, { url: "/external" }, { url: "/unicode" }],
  },
  // --- cookies --------------------------------------------------------------
  {
    name: "res.cookie sets a cookie with Path=/",
    code: app(`
      app.get("/", (req, res) => res.cookie("name", "tobi").cookie("empty", "").send("ok"));
    `),
    requests: [{ url: "/" }],
  },
  {
    name: "res.cookie with every option",
    code: app(`
      app.get("/", (req, res) => {
        res.cookie("full", "value", {
          domain: "example.com",
          path: "/admin",
          secure: true,
          httpOnly: true,
          sameSite: "strict",
          expires: new Date(Date.UTC(2030, 0, 1)),
          priority: "high",
          partitioned: true,
        });
        res.cookie("lax", "1", { sameSite: "lax" });
        res.cookie("none", "1", { sameSite: "none", secure: true });
        res.cookie("bool", "1", { sameSite: true });
        res.send("ok");
      });
    `),
    requests: [{ url: "/" }],
  },
  {
    name: "res.cookie maxAge sets Max-Age in seconds and Expires",
    code: app(`
      app.get("/", (req, res) => res.cookie("remember", "1", { maxAge: 900000, httpOnly: true }).send("ok"));
      app.get("/zero", (req, res) => res.cookie("gone", "1", { maxAge: 0 }).send("ok"));
    `),
    requests: [{ url: "/" }, { url: "/zero" }],
  },
  {
    name: "res.cookie encodes values and serialises objects with j:",
    code: app(`
      app.get("/", (req, res) => {
        res.cookie("cart", { items: [1, 2], note: "a b" });
        res.cookie("spaced", "hello world; ü");
        res.cookie("number", 42);
        res.send("ok");
      });
    `),
    requests: [{ url: "/" }],
  },
  {
    name: "res.cookie rejects a value that its encode option leaves invalid",
    code: app(`
      app.get("/ok", (req, res) => res.cookie("raw", "a+b", { encode: String }).send("ok"));
      app.get("/bad", (req, res) => res.cookie("raw", "a b", { encode: String }).send("ok"));
      app.use((err, req, res, next) => res.status(500).send(err.name + ": " + err.message));
    `),
    requests: [{ url: "/ok" }, { url: "/bad" }],
  },
  {
    name: "a signed cookie without a secret is an error",
    code: app(`
      app.get("/", (req, res) => {
        try { res.cookie("s", "v", { signed: true }); res.send("no error"); }
        catch (err) { res.status(500).send(err.message); }
      });
    `),
    requests: [{ url: "/" }],
  },
  {
    name: "res.clearCookie expires the cookie",
    code: app(`
      app.get("/", (req, res) => res.clearCookie("name").send("cleared"));
      app.get("/path", (req, res) => res.clearCookie("name", { path: "/admin", domain: "example.com", maxAge: 1000 }).send("cleared"));
    `),
    requests: [{ url: "/" }, { url: "/path" }],
  },
  // --- locals / headersSent / double send -------------------------------------
  {
    name: "res.locals is shared by the middleware of one request only",
    code: app(`
      let n = 0;
      app.use((req, res, next) => { n++; res.locals.requestNumber = n; res.locals.user = "ada"; next(); });
      app.get("/", (req, res) => res.json({ locals: res.locals, proto: Object.getPrototypeOf(res.locals) }));
    `),
    requests: [{ url: "/" }, { url: "/" }],
  },
  {
    name: "res.headersSent turns true once the response starts",
    code: app(`
      app.get("/", (req, res) => {
        const before = res.headersSent;
        res.type("text");
        res.write("before=" + before + " ");
        res.end("after=" + res.headersSent);
      });
    `),
    requests: [{ url: "/" }],
  },
  {
    name: "sending twice throws ERR_HTTP_HEADERS_SENT",
    code: app(`
      app.get("/", (req, res) => {
        res.send("first");
        try { res.send("second"); }
        catch (err) { console.log(err.code + ": " + err.message); }
      });
    `),
    requests: [{ url: "/" }, { url: "/" }],
    compareLogs: true,
  },
  {
    name: "setting a header after sending throws",
    code: app(`
      app.get("/", (req, res) => {
        res.json({ done: true });
        try { res.set("X-Late", "1"); } catch (err) { console.log(err.name + " " + err.code); }
        try { res.status(500); console.log("status change allowed, now", res.statusCode); } catch (err) { console.log(err.message); }
      });
    `),
    requests: [{ url: "/" }],
    compareLogs: true,
  },
  // --- streaming, writeHead, header helpers (added with the engine's response model) ------
  {
    name: "res.write after res.end is ignored and writeHead freezes the headers",
    code: app(`
      app.get("/", (req, res) => {
        res.writeHead(200, "All Good", { "Content-Type": "text/plain" });
        let error = "none";
        try { res.setHeader("X-Late", "1"); } catch (err) { error = err.code; }
        res.write("sent=" + res.headersSent + " ");
        res.end("error=" + error + " message=" + res.statusMessage);
        res.write("ignored");
      });
    `),
    requests: [{ url: "/" }],
  },
  {
    name: "res.write with a Content-Length set by hand is not chunked",
    code: app(`
      app.get("/", (req, res) => {
        res.set("Content-Length", "10");
        res.write("hello");
        res.end("world");
      });
    `),
    requests: [{ url: "/" }, { method: "HEAD", url: "/" }],
  },
  {
    name: "res.write on HEAD and 204 sends no body",
    code: app(`
      app.get("/", (req, res) => { res.write("streamed"); res.end(); });
      app.get("/204", (req, res) => { res.status(204); res.write("nothing"); res.end(); });
    `),
    requests: [{ method: "HEAD", url: "/" }, { url: "/204" }],
  },
  {
    name: "res.writeHead with an array of headers and an invalid status",
    code: app(`
      app.get("/", (req, res) => {
        res.writeHead(202, ["X-A", "1", "X-A", "2", "Content-Type", "text/plain"]);
        res.end("accepted");
      });
      app.get("/bad", (req, res) => {
        try { res.writeHead(1000); } catch (err) { res.end(err.name + " " + err.code + ": " + err.message); }
      });
    `),
    requests: [{ url: "/" }, { url: "/bad" }],
  },
  {
    name: "res.getHeaders, getHeaderNames and hasHeader",
    code: app(`
      app.get("/", (req, res) => {
        res.set("X-One", "1");
        res.append("X-List", ["a", "b"]);
        res.json({ headers: res.getHeaders(), names: res.getHeaderNames(), has: res.hasHeader("x-one"), hasNot: res.hasHeader("x-none"), list: res.get("X-List") });
      });
    `),
    requests: [{ url: "/" }],
  },
  {
    name: "res.setHeader rejects bad names and undefined values",
    code: app(`
      app.get("/", (req, res) => {
        const out = [];
        try { res.setHeader("Bad Name", "x"); } catch (err) { out.push(err.code + ": " + err.message); }
        try { res.setHeader("X-Undef", undefined); } catch (err) { out.push(err.code + ": " + err.message); }
        res.json(out);
      });
    `),
    requests: [{ url: "/" }],
  },
  {
    name: "res.vary with a list, with * and with an invalid name",
    code: app(`
      app.get("/list", (req, res) => res.vary(["Origin", "Accept-Language"]).vary("origin, Cookie").end());
      app.get("/star", (req, res) => res.vary("Accept").vary("*").vary("Origin").end());
      app.get("/bad", (req, res) => {
        try { res.vary("bad header"); res.end("no error"); } catch (err) { res.end(err.name + ": " + err.message); }
      });
      app.get("/array", (req, res) => {
        try { res.vary(["Accept, Origin"]); res.end("no error"); } catch (err) { res.end(err.name + ": " + err.message); }
      });
      app.get("/attach", (req, res) => {
        try { res.attachment(42); res.end("no error"); } catch (err) { res.end(err.code + ": " + err.message); }
      });
    `),
    requests: [{ url: "/list" }, { url: "/star" }, { url: "/bad" }, { url: "/array" }, { url: "/attach" }],
  },
  {
    name: "res.links with arrays and res.attachment without an extension",
    code: app(`
      app.get("/links", (req, res) => res.links({ pages: ["/p1", "/p2"], next: "/p3" }).end());
      app.get("/readme", (req, res) => res.attachment("docs/README").send("read me"));
      app.get("/quoted", (req, res) => res.attachment('say "hi".txt').send("hi"));
    `),
    requests: [{ url: "/links" }, { url: "/readme" }, { url: "/quoted" }],
  },
  {
    name: "res.format with q-values, parameters and a default only",
    code: app(`
      app.get("/", (req, res) => res.format({
        "application/json": () => res.json({ kind: "json" }),
        "text/html; charset=utf-8": () => res.send("<b>html</b>"),
      }));
      app.get("/default", (req, res) => res.format({ default: () => res.send("only default") }));
    `),
    requests: [
      { url: "/", headers: curl(["Accept", "text/html;q=0.9, application/json;q=0.1"]) },
      { url: "/", headers: curl(["Accept", "*/*;q=0.1, text/html"]) },
      { url: "/", headers: curl(["Accept", null]) },
      { url: "/default", headers: curl(["Accept", "image/png"]) },
    ],
  },
  {
    name: "res.jsonp honours the callback name setting and escapes line separators",
    code: app(`
      app.set("jsonp callback name", "cb");
      app.get("/", (req, res) => res.jsonp({ text: "a\\u2028b" }));
      app.get("/undefined", (req, res) => res.jsonp(undefined));
    `),
    requests: [{ url: "/?cb=my.handler[0]" }, { url: "/?callback=ignored" }, { url: "/undefined?cb=fn&cb=other" }],
  },
  {
    name: "res.redirect with an unknown status and to a URL with a fragment",
    code: app(`
      app.get("/odd", (req, res) => res.redirect(299, "/x"));
      app.get("/frag", (req, res) => res.redirect(301, "/docs#intro?x=<y>"));
    `),
    requests: [{ url: "/odd" }, { url: "/frag", headers: curl(["Accept", "text/html"]) }],
  },
  {
    name: "res.send with a Transfer-Encoding set and a Buffer on HEAD",
    code: app(`
      app.get("/te", (req, res) => res.set("Transfer-Encoding", "chunked").send("chunky"));
      app.get("/buf", (req, res) => res.send(Buffer.from("bytes")));
    `),
    requests: [{ url: "/te" }, { method: "HEAD", url: "/buf" }],
  },
  {
    name: "res.statusMessage reads back after the head is sent",
    code: app(`
      app.get("/", (req, res) => {
        const before = String(res.statusMessage);
        res.status(404).write("x");
        res.end(" before=" + before + " after=" + res.statusMessage);
      });
    `),
    requests: [{ url: "/" }],
  },
  // --- found side by side with real Express ---------------------------
  {
    name: "res.send with a BigInt, a Symbol or a function throws a TypeError",
    code: app(`
      app.get("/bigint", (req, res) => res.send(10n));
      app.get("/symbol", (req, res) => res.send(Symbol("s")));
      app.get("/function", (req, res) => res.send(() => 1));
      app.use((err, req, res, next) => res.status(500).send(err.name + " " + err.code));
    `),
    requests: [{ url: "/bigint" }, { url: "/symbol" }, { url: "/function" }],
  },
  {
    name: "res.cookie and res.clearCookie after res.write throw ERR_HTTP_HEADERS_SENT",
    code: app(`
      app.get("/cookie", (req, res) => {
        res.write("started;");
        try { res.cookie("a", "1"); res.end(" no error"); } catch (err) { res.end(" " + err.code); }
      });
      app.get("/clear", (req, res) => {
        res.write("started;");
        try { res.clearCookie("a"); res.end(" no error"); } catch (err) { res.end(" " + err.code); }
      });
    `),
    requests: [{ url: "/cookie" }, { url: "/clear" }],
  },
]
