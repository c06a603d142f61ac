/**
 * Edge cases a learner meets sooner or later, gathered by comparing the
 * playground with real Express 5 side by side: odd Accept headers, cookie
 * options, MIME lookups, redirects, path syntax errors, query parsing,
 * non-Error rejections, cors and morgan options.
 */
import { app, curl, json } from "../scenario-kit.mjs";

const COOKIE_PARSER = ['import cookieParser from "cookie-parser";'];
const CORS = ['import cors from "cors";'];
const MORGAN = ['import morgan from "morgan";'];

/** Runs fn and gives its result, or the error it threw as "Name: message". */
const ATTEMPT = `const attempt = (fn) => { try { const v = fn(); return v === undefined ? "(undefined)" : v; } catch (err) { return err.name + ": " + err.message; } };`;

export default [
  // --- res.format -----------------------------------------------------------
  {
    name: "res.format with odd Accept headers",
    code: app(`
      app.get("/", (req, res) => res.format({
        "text/plain": () => res.send("plain"),
        "application/json": () => res.json({ kind: "json" }),
      }));
    `),
    requests: [
      { url: "/", headers: curl(["Accept", ""]) },
      { url: "/", headers: curl(["Accept", "garbage"]) },
      { url: "/", headers: curl(["Accept", "application/*"]) },
      { url: "/", headers: curl(["Accept", "text/plain;q=0, */*"]) },
      { url: "/", headers: curl(["Accept", "TEXT/PLAIN"]) },
      { url: "/", headers: curl(["Accept", "text/plain;q=0.5, application/json;q=0.5"]) },
    ],
    compare: { body: "stack" },
  },
  // --- redirects and Location ----------------------------------------------
  {
    name: "res.redirect('back') is a plain relative URL in Express 5",
    code: app(`
      app.get("/a/b", (req, res) => res.redirect("back"));
    `),
    requests: [
      { url: "/a/b", headers: curl(["Referer", "http://localhost:3000/from"]) },
      { url: "/a/b" },
      { method: "HEAD", url: "/a/b", headers: curl(["Referer", "/x"]) },
    ],
  },
  {
    name: "res.redirect keeps valid escapes and encodes the rest",
    code: app(`
      app.get("/1", (req, res) => res.redirect("/a%20b/%zz/ü?q=%41&r=100%"));
      app.get("/2", (req, res) => res.redirect('/search?q="x"&y=<z>\\'w\\''));
      app.get("/3", (req, res) => res.redirect("//evil.example/path"));
      app.get("/4", (req, res) => res.redirect("http://[::1]:8080/a b?c=d e#f g"));
      app.get("/5", (req, res) => res.redirect("mailto:ada@example.com?subject=hi there"));
      app.get("/6", (req, res) => res.redirect("/tab\\there\\\\back"));
    `),
    requests: ["/1", "/2", "/3", "/4", "/5", "/6"].map((url) => ({ url, headers: curl(["Accept", "text/html"]) })),
  },
  {
    name: "res.redirect with the Express 4 argument order (url, status)",
    code: app(`
      app.get("/old", (req, res) => res.redirect("/new", 301));
    `),
    requests: [{ url: "/old" }],
    compare: { body: "stack" },
  },
  {
    name: "res.location with quotes, brackets, backslashes and unicode",
    code: app(`
      app.get("/:n", (req, res) => {
        const targets = ['/a"b', "/<script>", "/a\\\\b", "/[x]{y}|z^", "https://bücher.example/straße", "/%", "/%41%2f", "/a?b=c d&e=ü#frag ment", "../up", ""];
        res.location(targets[Number(req.params.n)]).json({ location: res.get("Location") });
      });
    `),
    requests: Array.from({ length: 10 }, (_, i) => ({ url: "/" + i })),
  },
  // --- status ---------------------------------------------------------------
  {
    name: "res.sendStatus with unusual codes",
    code: app(`
      app.get("/:code", (req, res) => res.sendStatus(Number(req.params.code)));
    `),
    requests: [208, 226, 308, 421, 425, 451, 508, 510, 511, 599, 999, 205].map((c) => ({ url: "/" + c })),
  },
  // --- res.json / res.send values -------------------------------------------
  {
    name: "res.json with Dates, Maps, Sets, -0, Infinity and symbol keys",
    code: app(`
      app.get("/", (req, res) => res.json({
        date: new Date(Date.UTC(2024, 1, 29, 12, 30, 0, 5)),
        map: new Map([["a", 1]]),
        set: new Set([1, 2]),
        negZero: -0,
        inf: Infinity,
        big: 1e21,
        small: 1e-7,
        holes: [1, , 3],
        arr: [undefined, () => 1, Symbol("s")],
        [Symbol("hidden")]: 1,
        nested: { toJSON() { return undefined; } },
        str: new String("boxed"),
        num: new Number(5),
        regex: /a+/g,
        err: new Error("boom"),
      }));
    `),
    requests: [{ url: "/" }],
  },
  {
    name: "res.json with a circular object or a BigInt reaches the error handler",
    code: app(`
      app.get("/circular", (req, res) => { const o = { name: "loop" }; o.self = o; res.json(o); });
      app.get("/deep", (req, res) => { const o = { a: { b: [] } }; o.a.b.push(o.a); res.json(o); });
      app.get("/bigint", (req, res) => res.json({ n: 1n }));
      app.use((err, req, res, next) => res.status(500).json({ name: err.name, message: err.message }));
    `),
    requests: [{ url: "/circular" }, { url: "/deep" }, { url: "/bigint" }],
  },
  {
    name: "res.send with an ArrayBuffer, a DataView, a Date and a boxed String",
    code: app(`
      app.get("/arraybuffer", (req, res) => res.send(new Uint8Array([65, 66]).buffer));
      app.get("/dataview", (req, res) => res.send(new DataView(new Uint8Array([67, 68]).buffer)));
      app.get("/date", (req, res) => res.send(new Date(0)));
      app.get("/boxed", (req, res) => res.send(new String("boxed")));
      app.get("/false", (req, res) => res.send(false));
      app.get("/empty-buffer", (req, res) => res.send(Buffer.alloc(0)));
      app.get("/float32", (req, res) => res.send(new Float32Array([1])));
    `),
    requests: ["/arraybuffer", "/dataview", "/date", "/boxed", "/false", "/empty-buffer", "/float32"].map((url) => ({ url })),
  },
  // --- MIME lookups ---------------------------------------------------------
  {
    name: "res.type maps many extensions and names to Content-Type",
    code: app(`
      const names = ["html", ".css", "js", "mjs", "json", "png", "svg", "ico", "webp", "avif", "wasm", "md", "txt", "xml", "csv", "pdf", "zip", "gz", "mp4", "mp3", "woff2", "ts", "yaml", "jsonld", "map", "webmanifest", "weird", "application/x-custom", "text/x-custom", "application/vnd.api+json", "TEXT/PLAIN", "text/plain; charset=latin1", "image/svg+xml", "JSON", "foo.bar.jpg", "../x.png"];
      app.get("/", (req, res) => {
        const out = {};
        for (const n of names) { res.type(n); out[n] = res.get("Content-Type"); }
        res.json(out);
      });
    `),
    requests: [{ url: "/" }],
  },
  {
    name: "res.attachment picks the type from the extension and encodes unicode names",
    code: app(`
      app.get("/:n", (req, res) => {
        const files = ["résumé.pdf", "日本語.txt", "report 2024.csv", "archive.tar.gz", "data.json", "noext", "a;b=c.txt", "%41.txt", "photo.JPG", "/path/to/deep/file.md"];
        res.attachment(files[Number(req.params.n)]).send("x");
      });
    `),
    requests: Array.from({ length: 10 }, (_, i) => ({ url: "/" + i })),
  },
  // --- headers ---------------------------------------------------------------
  {
    name: "res.append with Set-Cookie, arrays, numbers and after res.set",
    code: app(`
      app.get("/", (req, res) => {
        res.cookie("a", "1");
        res.append("Set-Cookie", "b=2; Path=/");
        res.append("Set-Cookie", ["c=3", "d=4"]);
        res.append("X-Num", 5);
        res.append("X-Num", [6, 7]);
        res.set("X-Reset", "one");
        res.append("X-Reset", "two");
        res.set("X-Reset2", ["x", "y"]);
        res.append("X-Reset2", "z");
        res.append("Link", "<a>");
        res.links({ next: "/n" });
        res.links({ prev: "/p" });
        res.json({ num: res.get("X-Num"), reset: res.get("X-Reset"), link: res.get("Link") });
      });
    `),
    requests: [{ url: "/" }],
  },
  {
    name: "res.set with null, numbers, objects and a Content-Type short name",
    code: app(`
      ${ATTEMPT}
      app.get("/", (req, res) => {
        res.set("X-Null", null);
        res.set("X-Num", 42);
        res.set("X-Obj", { a: 1 });
        res.set("X-Bool", false);
        res.set({ "X-Many": ["1", 2], "X-Plain": "p" });
        const short = attempt(() => { res.set("Content-Type", "json"); return res.get("Content-Type"); });
        const charset = attempt(() => { res.set("Content-Type", "text/css; charset=ascii"); return res.get("Content-Type"); });
        res.json({ short, charset, missing: res.get("X-None") ?? "(undefined)" });
      });
    `),
    requests: [{ url: "/" }],
  },
  // --- cookies ---------------------------------------------------------------
  {
    name: "res.cookie sameSite and priority spellings, and invalid ones",
    code: app(`
      ${ATTEMPT}
      app.get("/", (req, res) => {
        const out = {};
        const opts = {
          strictCap: { sameSite: "Strict" }, laxUpper: { sameSite: "LAX" }, noneMixed: { sameSite: "None" }, falseSite: { sameSite: false },
          badSite: { sameSite: "sometimes" }, low: { priority: "Low" }, medium: { priority: "MEDIUM" }, badPriority: { priority: "urgent" },
          partitionedFalse: { partitioned: false }, epoch: { expires: new Date(0) }, badDate: { expires: new Date("nope") },
          notDate: { expires: "tomorrow" }, badDomain: { domain: "bad domain" }, badPath: { path: "/a;b" }, emptyPath: { path: "" },
          dotDomain: { domain: ".example.com" }, secureFalse: { secure: false, httpOnly: false },
        };
        for (const [name, o] of Object.entries(opts)) out[name] = attempt(() => { res.cookie(name, "v", o); return "ok"; });
        res.json(out);
      });
    `),
    requests: [{ url: "/" }],
  },
  {
    name: "res.cookie maxAge as a fraction, a negative, a string and Infinity",
    code: app(`
      ${ATTEMPT}
      app.get("/", (req, res) => {
        const out = {};
        for (const [name, maxAge] of [["frac", 1500], ["neg", -1000], ["str", "3000"], ["inf", Infinity], ["word", "abc"], ["nul", null], ["tiny", 999]]) {
          out[name] = attempt(() => { res.cookie(name, "v", { maxAge }); return "ok"; });
        }
        res.json(out);
      });
    `),
    requests: [{ url: "/" }],
  },
  {
    name: "signed cookies with several secrets sign with the first and verify with any",
    code: app(`
      app.use(cookieParser(["new secret", "old secret"]));
      app.get("/set", (req, res) => res.cookie("user", "ada", { signed: true }).cookie("obj", { admin: true }, { signed: true }).send("set"));
      app.get("/read", (req, res) => res.json({ cookies: req.cookies, signed: req.signedCookies }));
    `, { imports: COOKIE_PARSER }),
    requests: [
      { url: "/set" },
      { url: "/read", headers: curl(["Cookie", "a=s%3Aada.wrong; b=s%3Anodot; c=s%3A; d=plain; e=j%3A%5B1%2C2%5D"]) },
    ],
  },
  {
    name: "res.clearCookie keeps other options but drops maxAge and expires",
    code: app(`
      app.use(cookieParser("secret"));
      app.get("/", (req, res) => {
        res.clearCookie("a", { expires: new Date(Date.UTC(2030, 0, 1)), httpOnly: true, secure: true, sameSite: "strict" });
        res.clearCookie("b", { signed: true, partitioned: true, priority: "high" });
        res.clearCookie("c", { path: "" });
        res.clearCookie("d", { domain: "example.com", path: "/x", maxAge: 0 });
        res.send("cleared");
      });
    `, { imports: COOKIE_PARSER }),
    requests: [{ url: "/" }],
  },
  {
    name: "cookie-parser with duplicate names, quoted values and broken escapes",
    code: app(`
      app.use(cookieParser());
      app.get("/", (req, res) => res.json({ cookies: req.cookies, proto: Object.getPrototypeOf(req.cookies) === null }));
    `, { imports: COOKIE_PARSER }),
    requests: [
      { url: "/", headers: curl(["Cookie", 'a=1; a=2; b="quoted value"; c=%E0%A4%A; d= spaced ; e; =f; g=h=i']) },
      { url: "/", headers: curl(["Cookie", "j=j:{bad; k=j:123; l=j:\"str\"; m=j:[]; n=J:{}"]) },
      { url: "/", headers: curl(["Cookie", "x=1"], ["Cookie", "y=2"]) },
    ],
  },
  // --- req negotiation -------------------------------------------------------
  {
    name: "req.accepts with q=0, an empty Accept and lists",
    code: app(`
      app.get("/", (req, res) => res.json({
        html: req.accepts("html"),
        jsonOrHtml: req.accepts(["json", "html"]),
        args: req.accepts("text/plain", "image/png"),
        all: req.accepts(),
        ext: req.accepts(".png"),
        unknownExt: req.accepts("nope"),
      }));
    `),
    requests: [
      { url: "/", headers: curl(["Accept", "text/html;q=0, */*;q=0.1"]) },
      { url: "/", headers: curl(["Accept", ""]) },
      { url: "/", headers: curl(["Accept", "image/*;q=0.9, application/json, text/html;q=0.9"]) },
      { url: "/", headers: curl(["Accept", null]) },
    ],
  },
  {
    name: "req.acceptsCharsets, acceptsEncodings and acceptsLanguages with wildcards and q=0",
    code: app(`
      app.get("/", (req, res) => res.json({
        charsets: req.acceptsCharsets(),
        utf8: req.acceptsCharsets("utf-8", "iso-8859-1"),
        encodings: req.acceptsEncodings(),
        gzipBr: req.acceptsEncodings("gzip", "br"),
        identity: req.acceptsEncodings("identity"),
        languages: req.acceptsLanguages(),
        lang: req.acceptsLanguages("en-US", "fr", "de"),
        langArray: req.acceptsLanguages(["pt-BR", "en"]),
      }));
    `),
    requests: [
      { url: "/", headers: curl(["Accept-Charset", "*;q=0.5, iso-8859-1;q=0"], ["Accept-Encoding", "gzip;q=0, *"], ["Accept-Language", "fr-CA, en;q=0.8, *;q=0.1"]) },
      { url: "/", headers: curl(["Accept-Encoding", "identity;q=0, br;q=0.5"], ["Accept-Language", "EN-us"]) },
      { url: "/", headers: curl(["Accept-Encoding", ""], ["Accept-Language", ""], ["Accept-Charset", ""]) },
      { url: "/" },
    ],
  },
  {
    name: "req.fresh with Last-Modified, weak ETags and If-None-Match: *",
    code: app(`
      app.all("/", (req, res) => {
        res.set("ETag", 'W/"v1"');
        res.set("Last-Modified", "Wed, 01 Jan 2020 00:00:00 GMT");
        if (req.query.status) res.status(Number(req.query.status));
        res.set("Content-Type", "application/json").end(JSON.stringify({ fresh: req.fresh, stale: req.stale }));
      });
    `),
    requests: [
      { url: "/", headers: curl(["If-None-Match", '"v1"']) },
      { url: "/", headers: curl(["If-None-Match", "*"]) },
      { url: "/", headers: curl(["If-Modified-Since", "Thu, 02 Jan 2020 00:00:00 GMT"]) },
      { url: "/", headers: curl(["If-Modified-Since", "Tue, 31 Dec 2019 00:00:00 GMT"]) },
      { url: "/", headers: curl(["If-Modified-Since", "not a date"]) },
      { url: "/?status=404", headers: curl(["If-None-Match", 'W/"v1"']) },
      { method: "POST", url: "/", headers: curl(["If-None-Match", 'W/"v1"']) },
      { url: "/", headers: curl(["If-None-Match", 'W/"v1"'], ["Cache-Control", "max-age=0, no-cache"]) },
    ],
  },
  // --- host, subdomains, ip ---------------------------------------------------
  {
    name: "req.hostname and subdomains for IPv6, ports and long hosts",
    code: app(`
      app.set("subdomain offset", 1);
      app.get("/", (req, res) => res.json({ hostname: req.hostname, host: req.host, subdomains: req.subdomains }));
    `),
    requests: [
      { url: "/", headers: curl(["Host", "[::1]:3000"]) },
      { url: "/", headers: curl(["Host", "a.b.c.example.com"]) },
      { url: "/", headers: curl(["Host", "localhost"]) },
      { url: "/", headers: curl(["Host", "192.168.0.1:8080"]) },
      { url: "/", headers: curl(["Host", "WWW.Example.COM:80"]) },
      { url: "/", headers: curl(["Host", "example.com."]) },
    ],
  },
  {
    name: "trust proxy 'loopback' and true with chains of X-Forwarded headers",
    code: app(`
      const sub = express();
      sub.set("trust proxy", true);
      sub.get("/", (req, res) => res.json({ ip: req.ip, ips: req.ips, host: req.host, hostname: req.hostname, protocol: req.protocol, secure: req.secure }));
      app.use("/all", sub);
      app.set("trust proxy", "loopback");
      app.get("/", (req, res) => res.json({ ip: req.ip, ips: req.ips, host: req.host, hostname: req.hostname, protocol: req.protocol, secure: req.secure }));
    `),
    requests: [
      { url: "/", headers: curl(["X-Forwarded-For", "203.0.113.5, 127.0.0.1, ::1"], ["X-Forwarded-Host", "api.example.com, proxy.local"], ["X-Forwarded-Proto", "https, http"]) },
      { url: "/", headers: curl(["X-Forwarded-For", "10.0.0.1,,  198.51.100.7 "], ["X-Forwarded-Proto", " HTTPS "]) },
      { url: "/all", headers: curl(["X-Forwarded-For", "1.1.1.1, 2.2.2.2"], ["X-Forwarded-Host", "[::1]:8443"]) },
      { url: "/all", headers: curl(["X-Forwarded-For", ""]) },
    ],
  },
  // --- query parsing ---------------------------------------------------------
  {
    name: "the extended query parser with prototype keys, dots and mixed values",
    code: app(`
      app.set("query parser", "extended");
      app.get("/", (req, res) => res.json({ query: req.query, ownToString: Object.hasOwn(req.query, "toString") }));
    `),
    requests: [
      { url: "/?toString=1&hasOwnProperty=x" },
      { url: "/?__proto__[polluted]=1&a[__proto__][b]=2&c=3" },
      { url: "/?a.b=1&a[c.d]=2" },
      { url: "/?a=1&a[b]=2&a=3" },
      { url: "/?a[b]c=1&d[e][]=f&d[e][]=g" },
      { url: "/?a[0]=x&a[2]=y&b[]=&b[]=" },
      { url: "/?a[]=1&a[]=2&a[x]=3" },
      { url: "/?%5Bx%5D=1&y%5Bz%5D=2&w%255B=3" },
    ],
  },
  // --- path syntax -------------------------------------------------------------
  {
    name: "invalid route patterns and the exact messages path-to-regexp gives",
    code: app(`
      ${ATTEMPT}
      const patterns = ["/:", "/*", "/(x)", "/[x]", "/{", "/a}", "/?q", "/a+", "/a!", "/:a:b", '/:"unterminated', "/\\\\", "/**", "/{/}", "/:1a", "/{:a}{:b}", "/:a{", "/a{b{c}}", "/:ü"];
      const out = {};
      for (const p of patterns) out[p] = attempt(() => { express.Router().get(p, (req, res) => res.end()); return "ok"; });
      app.get("/", (req, res) => res.json(out));
    `),
    requests: [{ url: "/" }],
  },
  {
    name: "path syntax: groups without params, escaped braces and params in groups",
    code: app(`
      app.get("/a{b}c", (req, res) => res.send("group literal"));
      app.get("/lit/\\\\{x\\\\}", (req, res) => res.send("escaped braces"));
      app.get("/p/:a{-:b}", (req, res) => res.json(req.params));
      app.get("/files{/*rest}.zip", (req, res) => res.json(req.params));
      app.get('/q/:"with space"', (req, res) => res.json(req.params));
      app.get("/u/:id{/:action{/:extra}}", (req, res) => res.json(req.params));
    `),
    requests: [
      { url: "/ac" }, { url: "/abc" }, { url: "/lit/%7Bx%7D" }, { url: "/lit/{x}" },
      { url: "/p/one" }, { url: "/p/one-two" }, { url: "/p/one-two-three" },
      { url: "/files.zip" }, { url: "/files/a/b.zip" },
      { url: "/q/hello" },
      { url: "/u/1" }, { url: "/u/1/edit" }, { url: "/u/1/edit/more" }, { url: "/u/1/edit/more/x" },
    ],
  },
  // --- routing -----------------------------------------------------------------
  {
    name: "next('route') and next('router') from app.param",
    code: app(`
      app.param("id", (req, res, next, id) => {
        if (id === "skip") return next("route");
        if (id === "leave") return next("router");
        req.seen = (req.seen ?? 0) + 1;
        next();
      });
      app.get("/item/:id", (req, res) => res.send("first route saw " + req.seen));
      app.get("/item/:id", (req, res) => res.send("second route, seen=" + req.seen));
      const router = express.Router();
      router.param("x", (req, res, next, x) => x === "out" ? next("router") : x === "r" ? next("route") : next());
      router.get("/r/:x", (req, res) => res.send("router route 1"));
      router.get("/r/:x", (req, res) => res.send("router route 2"));
      app.use(router);
      app.use((req, res) => res.status(404).send("fell through to the app"));
    `),
    requests: [{ url: "/item/1" }, { url: "/item/skip" }, { url: "/item/leave" }, { url: "/r/a" }, { url: "/r/r" }, { url: "/r/out" }],
  },
  {
    name: "app.param with bad arguments throws at setup",
    code: app(`
      ${ATTEMPT}
      const out = {
        fn: attempt(() => { app.param((name, fn) => fn); return "ok"; }),
        colon: attempt(() => { app.param(":id", (req, res, next) => next()); return "ok"; }),
        noFn: attempt(() => { app.param("id"); return "ok"; }),
        notFn: attempt(() => { app.param("id", "nope"); return "ok"; }),
        empty: attempt(() => { app.param("", (req, res, next) => next()); return "ok"; }),
        number: attempt(() => { express.Router().param(5, (req, res, next) => next()); return "ok"; }),
      };
      app.get("/", (req, res) => res.json(out));
    `),
    requests: [{ url: "/" }],
  },
  {
    name: "route methods with invalid handlers throw naming the method",
    code: app(`
      ${ATTEMPT}
      const out = {
        getUndefined: attempt(() => { app.get("/a", undefined); return "ok"; }),
        postObject: attempt(() => { app.post("/a", {}); return "ok"; }),
        routeString: attempt(() => { app.route("/b").put("nope"); return "ok"; }),
        useString: attempt(() => { app.use("/c", "nope"); return "ok"; }),
        useNothing: attempt(() => { app.use(); return "ok"; }),
        routerUse: attempt(() => { express.Router().use("/d", 42); return "ok"; }),
        nested: attempt(() => { app.get("/e", [[(req, res) => res.end()], [null]]); return "ok"; }),
      };
      app.get("/", (req, res) => res.json(out));
    `),
    requests: [{ url: "/" }],
  },
  // --- errors ------------------------------------------------------------------
  {
    name: "async handlers rejecting with non-Error values",
    code: app(`
      app.get("/string", async () => { throw "oops"; });
      app.get("/number", async () => { throw 42; });
      app.get("/object", async () => { throw { status: 404, message: "not here" }; });
      app.get("/statusCode", async () => { throw { statusCode: 403, expose: true }; });
      app.get("/false", () => Promise.reject(false));
      app.get("/zero", () => Promise.reject(0));
      app.get("/empty", () => Promise.reject(""));
      app.get("/array", async () => { throw ["a", "b"]; });
    `),
    requests: ["/string", "/number", "/object", "/statusCode", "/false", "/zero", "/empty", "/array"].map((url) => ({ url })),
    compare: { body: "stack" },
  },
  {
    name: "non-Error values seen by a custom error handler",
    code: app(`
      app.get("/string", async () => { throw "oops"; });
      app.get("/null", () => Promise.reject(null));
      app.get("/next-false", (req, res, next) => next(false));
      app.get("/next-zero", (req, res, next) => next(0));
      app.get("/next-obj", (req, res, next) => next({ code: "X" }));
      app.use((err, req, res, next) => res.status(500).json({ type: typeof err, isError: err instanceof Error, value: err instanceof Error ? err.message : err }));
    `),
    requests: ["/string", "/null", "/next-false", "/next-zero", "/next-obj"].map((url) => ({ url })),
  },
  {
    name: "err.status and err.statusCode with err.expose on the production page",
    code: app(`
      app.set("env", "production");
      app.get("/:n", (req, res, next) => {
        const n = Number(req.params.n);
        const e = new Error("secret <details>");
        if (n === 1) e.status = 404;
        if (n === 2) e.statusCode = 422;
        if (n === 3) { e.status = 503; e.statusCode = 400; }
        if (n === 4) e.status = "418";
        if (n === 5) e.status = 399;
        if (n === 6) { e.status = 500; e.expose = true; }
        next(e);
      });
    `),
    requests: [1, 2, 3, 4, 5, 6].map((n) => ({ url: "/" + n })),
  },
  // --- streaming ---------------------------------------------------------------
  {
    name: "res.write with encodings, Buffers and empty chunks",
    code: app(`
      app.get("/", (req, res) => {
        const results = [];
        res.type("text");
        results.push(res.write(""));
        results.push(res.write("68656c6c6f", "hex"));
        results.push(res.write(Buffer.from(" wor")));
        results.push(res.write("bGQ=", "base64"));
        res.end(" " + JSON.stringify(results), "utf8");
      });
      app.get("/end-buffer", (req, res) => res.end(Buffer.from("ended with a buffer")));
      app.get("/end-cb", (req, res) => res.end("with callback", () => console.log("end callback ran")));
    `),
    requests: [{ url: "/" }, { url: "/end-buffer" }, { url: "/end-cb" }],
    compareLogs: true,
  },
  // --- body parsers ------------------------------------------------------------
  {
    name: "express.json strict with whitespace, a BOM and primitives",
    code: app(`
      app.use(express.json());
      app.post("/", (req, res) => res.json({ body: req.body }));
      app.use((err, req, res, next) => res.status(err.status).json({ type: err.type, message: err.message, body: err.body }));
    `),
    requests: [
      json("POST", "/", "  \n [1, 2]"),
      json("POST", "/", "\uFEFF{\"a\":1}"),
      json("POST", "/", "\"just a string\""),
      json("POST", "/", "true"),
      json("POST", "/", "{\"a\":1,}"),
      json("POST", "/", "{\"__proto__\":{\"x\":1},\"b\":2}"),
    ],
  },
  // --- cors ----------------------------------------------------------------------
  {
    name: "cors with a regex origin, a mixed list and origin: false",
    code: app(`
      app.use("/re", cors({ origin: /\\.example\\.com$/ }));
      app.use("/list", cors({ origin: ["https://a.test", /^https:\\/\\/b\\./] }));
      app.use("/off", cors({ origin: false }));
      app.all("/{*any}", (req, res) => res.send("ok"));
    `, { imports: CORS }),
    requests: [
      { url: "/re", headers: curl(["Origin", "https://app.example.com"]) },
      { url: "/re", headers: curl(["Origin", "https://example.com.evil"]) },
      { url: "/list", headers: curl(["Origin", "https://b.test"]) },
      { url: "/list", headers: curl(["Origin", "https://c.test"]) },
      { method: "OPTIONS", url: "/list", headers: curl(["Origin", "https://a.test"], ["Access-Control-Request-Method", "PUT"]) },
      { url: "/off", headers: curl(["Origin", "https://a.test"]) },
    ],
  },
  {
    name: "cors preflight reflects requested headers, with methods as a string and maxAge 0",
    code: app(`
      app.use(cors({ methods: "GET,PUT", maxAge: 0, exposedHeaders: ["X-Total", "X-Page"], credentials: true }));
      app.get("/", (req, res) => res.send("ok"));
    `, { imports: CORS }),
    requests: [
      { method: "OPTIONS", url: "/", headers: curl(["Origin", "https://x.test"], ["Access-Control-Request-Method", "PUT"], ["Access-Control-Request-Headers", "X-Custom, Content-Type"]) },
      { method: "OPTIONS", url: "/", headers: curl(["Origin", "https://x.test"]) },
      { url: "/", headers: curl(["Origin", "https://x.test"]) },
      { url: "/" },
    ],
  },
  // --- morgan --------------------------------------------------------------------
  {
    name: "morgan custom tokens with arguments and request/response headers",
    code: app(`
      morgan.token("type", (req) => req.headers["content-type"]);
      morgan.token("upper", (req, res, arg) => (arg ?? "none").toUpperCase());
      morgan.format("mine", ":method :url :status :res[content-type] :res[x-missing] :req[accept] :type :upper[abc] :upper :http-version");
      app.use(morgan("mine"));
      const router = express.Router();
      router.get("/items/:id", (req, res) => res.json({ id: req.params.id }));
      app.use("/api", router);
    `, { imports: MORGAN }),
    requests: [
      { url: "/api/items/7?x=1", headers: curl(["Accept", "application/json"]) },
      { method: "POST", url: "/nowhere", type: "text/plain", body: "hi" },
    ],
    compareLogs: true,
  },
  {
    name: "morgan('dev') colours redirects, client errors and server errors",
    code: app(`
      app.use(morgan("dev"));
      app.get("/r", (req, res) => res.redirect("/"));
      app.get("/e", (req, res) => res.sendStatus(503));
      app.get("/c", (req, res) => res.status(201).end());
      app.get("/i", (req, res) => res.status(101 + 99).send(""));
    `, { imports: MORGAN }),
    requests: [{ url: "/r" }, { url: "/nope" }, { url: "/e" }, { url: "/c" }, { url: "/i" }],
    compareLogs: true,
  },
  // --- console output learners read -----------------------------------------------
  {
    name: "console.log of req.body, req.query and req.cookies shows their prototypes",
    code: app(`
      app.use(cookieParser());
      app.use(express.urlencoded());
      app.use("/ext", express.urlencoded({ extended: true }));
      app.use(express.json());
      app.use("/raw", express.raw({ type: "*/*" }));
      app.post("/{*any}", (req, res) => { console.log(req.body); console.log(req.query); console.log(req.cookies, req.signedCookies); res.end(); });
      app.get("/", (req, res) => { console.log("query:", req.query, "params:", req.params); res.end(); });
    `, { imports: COOKIE_PARSER }),
    requests: [
      { method: "POST", url: "/form?x=1&x=2", headers: curl(["Cookie", "a=1; b=j%3A%7B%22c%22%3A2%7D"]), type: "application/x-www-form-urlencoded", body: "name=ada&tags=a&tags=b" },
      { method: "POST", url: "/ext", body: "user[name]=ada&user[langs][]=js" },
      json("POST", "/json", { nested: { deep: { deeper: { deepest: 1 } } }, list: [1, 2, 3], s: "it's" }),
      { method: "POST", url: "/raw", type: "application/octet-stream", body: "hello raw" },
      { url: "/?a=1" },
    ],
    compareLogs: true,
  },
  {
    name: "console.log formats nested objects, long arrays, Maps, Sets and classes",
    code: app(`
      class User { constructor() { this.name = "ada"; this.langs = ["js"]; } }
      class Empty {}
      app.get("/", (req, res) => {
        console.log({ a: { b: { c: { d: { e: 1 } } } } });
        console.log(Array.from({ length: 120 }, (_, i) => i));
        console.log(["a fairly long string number one", "a fairly long string number two", "and three"]);
        console.log(new Map([["k", { v: 1 }], [{ o: 1 }, "obj key"]]), new Set(["x", 2]));
        console.log(new User(), new Empty(), Object.create(null), [undefined, null, , 3]);
        console.log({ fn() {}, arrow: () => 1, cls: User, sym: Symbol("s"), [Symbol("k")]: 2, big: 10n, neg: -0, date: new Date(0), re: /x/gi });
        console.log("str", 42, true, null, undefined, "multi\\nline", ["in 'array'"], { q: "it's \\"quoted\\"" });
        res.end();
      });
    `),
    requests: [{ url: "/" }],
    compareLogs: true,
  },
  {
    name: "console.log of errors with extra properties, causes and custom names",
    code: app(`
      class NotFound extends Error { constructor(m) { super(m); this.name = "NotFound"; this.status = 404; } }
      app.get("/", (req, res) => {
        const e = new Error("with props"); e.code = "E_CODE"; e.status = 418;
        console.log(e);
        console.log(new NotFound("missing thing"));
        const noStack = new Error("no stack"); noStack.stack = undefined;
        console.log(noStack);
        console.log({ error: new TypeError("inside an object") });
        console.log("message only: " + new RangeError("range"));
        res.end();
      });
    `),
    requests: [{ url: "/" }],
    compareLogs: true,
  },
  {
    name: "timers, microtasks and nextTick run in Node's order inside a handler",
    code: app(`
      app.get("/", (req, res) => {
        const order = [];
        setTimeout(() => { order.push("timeout"); }, 0);
        setImmediate(() => { order.push("immediate"); });
        process.nextTick(() => order.push("nextTick"));
        Promise.resolve().then(() => { order.push("promise"); process.nextTick(() => order.push("nextTick in promise")); });
        queueMicrotask(() => order.push("microtask"));
        order.push("sync");
        setTimeout(() => res.json(order), 20);
      });
    `),
    requests: [{ url: "/" }],
  },
  {
    name: "close and finish events on req and res with morgan in between",
    code: app(`
      app.use(morgan("tiny"));
      app.use((req, res, next) => {
        req.on("close", () => console.log("req close"));
        req.on("end", () => console.log("req end"));
        res.on("finish", () => console.log("res finish"));
        res.on("close", () => console.log("res close"));
        next();
      });
      app.get("/", (req, res) => { console.log("handler"); res.send("ok"); console.log("after send"); });
    `, { imports: MORGAN }),
    requests: [{ url: "/" }],
    compareLogs: true,
  },
  // --- files ---------------------------------------------------------------------
  {
    name: "res.sendFile and res.download with relative and missing paths",
    code: app(`
      app.get("/missing", (req, res) => res.sendFile("/definitely/missing/file.txt"));
      app.get("/cb", (req, res) => res.sendFile("/definitely/missing/file.txt", (err) => res.status(err.status ?? 500).json({ code: err.code, status: err.status, message: err.message })));
      app.get("/download", (req, res) => res.download("/definitely/missing/report.pdf", "report.pdf", (err) => res.status(404).json({ code: err.code, sent: res.headersSent })));
      app.get("/root", (req, res) => res.sendFile("file.txt", { root: "/definitely/missing" }, (err) => res.status(404).send(err.message)));
      app.get("/dotdot", (req, res) => res.sendFile("../secret.txt", { root: "/definitely/missing" }, (err) => res.status(err.status).send(err.message)));
    `),
    requests: ["/missing", "/cb", "/download", "/root", "/dotdot"].map((url) => ({ url })),
    compare: { body: "stack" },
  },
  {
    name: "res.sendFile with a relative path or a non-string path throws a TypeError",
    code: app(`
      ${ATTEMPT}
      app.get("/relative", (req, res) => res.sendFile("public/index.html"));
      app.get("/checks", (req, res) => res.json({
        none: attempt(() => res.sendFile()),
        number: attempt(() => res.sendFile(42)),
        relativeRoot: attempt(() => res.sendFile("x.txt", { root: "relative/dir" }, () => {})),
      }));
    `),
    requests: [{ url: "/relative" }, { url: "/checks" }],
    compare: { body: "stack" },
  },
  {
    name: "express.static with a missing folder falls through, and its option errors",
    code: app(`
      ${ATTEMPT}
      app.use(express.static("public"));
      app.use("/assets", express.static("does-not-exist", { fallthrough: false }));
      const errors = { noRoot: attempt(() => express.static()), numberRoot: attempt(() => express.static(5)), badSetHeaders: attempt(() => express.static("x", { setHeaders: "no" })) };
      app.get("/errors", (req, res) => res.json(errors));
    `),
    requests: [{ url: "/index.html" }, { url: "/errors" }, { url: "/assets/app.js" }, { method: "POST", url: "/assets/app.js" }],
    compare: { body: "stack" },
  },
  // --- jsonwebtoken and crypto ---------------------------------------------------
  {
    name: "jsonwebtoken errors an auth middleware reports",
    code: app(`
      const secret = "shhh";
      const good = jwt.sign({ sub: "42" }, secret, { noTimestamp: true });
      const expired = jwt.sign({ sub: "42", exp: 1000 }, secret);
      const future = jwt.sign({ sub: "42", nbf: 4102444800 }, secret);
      function check(token, opts) {
        try { return jwt.verify(token, secret, opts); }
        catch (err) { return { name: err.name, message: err.message, expiredAt: err.expiredAt, date: err.date }; }
      }
      app.get("/", (req, res) => res.json({
        wrongSecret: (() => { try { return jwt.verify(good, "other"); } catch (e) { return e.name + ": " + e.message; } })(),
        malformed: check("abc.def"),
        empty: check(""),
        garbage: check("a.b.c"),
        expired: check(expired),
        notBefore: check(future),
        audience: check(good, { audience: "api" }),
        algorithms: check(good, { algorithms: ["RS256"] }),
        none: check(jwt.sign({ a: 1 }, null, { algorithm: "none", noTimestamp: true })),
        decodeBad: jwt.decode("not a token"),
        signNoSecret: (() => { try { return jwt.sign({ a: 1 }, ""); } catch (e) { return e.name + ": " + e.message; } })(),
        signString: (() => { try { return jwt.sign("plain", secret, { expiresIn: 60 }); } catch (e) { return e.name + ": " + e.message; } })(),
      }));
    `, { imports: ['import jwt from "jsonwebtoken";'] }),
    requests: [{ url: "/" }],
  },
  {
    name: "crypto hashes, HMACs and password hashing with fixed inputs",
    code: app(`
      app.get("/", (req, res) => res.json({
        sha256: crypto.createHash("sha256").update("hello").digest("hex"),
        md5b64: crypto.createHash("md5").update("a").update("b").digest("base64"),
        sha1url: crypto.createHash("sha1").update(Buffer.from([0, 255])).digest("base64url"),
        hmac: crypto.createHmac("sha256", "key").update("message").digest("hex"),
        uuidShape: /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(crypto.randomUUID()),
        randomLength: crypto.randomBytes(16).toString("hex").length,
        safeEqual: crypto.timingSafeEqual(Buffer.from("abc"), Buffer.from("abc")),
        safeEqualLength: (() => { try { return crypto.timingSafeEqual(Buffer.from("a"), Buffer.from("ab")); } catch (e) { return e.code + ": " + e.message; } })(),
        badAlgo: (() => { try { return crypto.createHash("sha999"); } catch (e) { return e.code + ": " + e.message; } })(),
        randomInt: crypto.randomInt(5, 6),
      }));
    `, { imports: ['import crypto from "crypto";'] }),
    requests: [{ url: "/" }],
  },
  {
    name: "console.log of settled promises shows their value",
    code: app(`
      app.get("/", (req, res) => {
        const rejected = Promise.reject(new RangeError("no"));
        rejected.catch(() => {});
        console.log(Promise.resolve(5), Promise.resolve({ a: [1] }));
        console.log([Promise.resolve("in array")]);
        res.end();
      });
    `),
    requests: [{ url: "/" }],
    compareLogs: true,
    pending: "util.inspect cannot see promise state: the playground prints 'Promise { <pending> }' where Node prints 'Promise { 5 }'",
  },
  {
    name: "crypto beyond createHash: pbkdf2Sync, scryptSync, hash.copy and SHA-3",
    code: app(`
      app.get("/", (req, res) => res.json({
        pbkdf2: crypto.pbkdf2Sync("password", "salt", 1000, 16, "sha512").toString("hex"),
        scrypt: crypto.scryptSync("password", "salt", 16).toString("hex"),
      }));
      app.get("/async", (req, res, next) => crypto.pbkdf2("pw", "salt", 10, 8, "sha256", (err, key) => err ? next(err) : res.send(key.toString("hex"))));
      app.get("/more", (req, res) => {
        const attempt = (fn) => { try { return fn(); } catch (err) { return err.name + ": " + err.message; } };
        res.json({
          copy: attempt(() => { const h = crypto.createHash("sha1").update("a"); const c = h.copy(); c.update("b"); return [h.digest("hex"), c.digest("hex")]; }),
          sha3: attempt(() => crypto.createHash("sha3-256").update("").digest("hex")),
          sha512_256: attempt(() => crypto.createHash("sha512-256").update("").digest("hex")),
          hasSha384: crypto.getHashes().includes("sha384"), hasRipemd: crypto.getHashes().includes("ripemd160"),
        });
      });
    `, { imports: ['import crypto from "crypto";'] }),
    requests: [{ url: "/" }, { url: "/async" }, { url: "/more" }],
    compare: { body: "stack" },
  },
  {
    name: "util.isDeepStrictEqual, parseArgs and stripVTControlCharacters",
    code: app(`
      ${ATTEMPT}
      app.get("/", (req, res) => res.json({
        deep: attempt(() => util.isDeepStrictEqual({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })),
        notDeep: attempt(() => util.isDeepStrictEqual([1], ["1"])),
        strip: attempt(() => util.stripVTControlCharacters("\\u001b[31mred\\u001b[39m")),
        args: attempt(() => util.parseArgs({ args: ["--port", "8080", "-v"], options: { port: { type: "string" }, v: { type: "boolean" } } }).values),
      }));
    `, { imports: ['import util from "util";'] }),
    requests: [{ url: "/" }],
  },
  // --- mutating the request, Node's stream and server objects ------------------------
  {
    name: "rewriting req.url in middleware changes which route matches",
    code: app(`
      app.use((req, res, next) => { if (req.path === "/home") req.url = "/"; next(); });
      app.get("/", (req, res) => res.send("root, url=" + req.url + " original=" + req.originalUrl));
      const router = express.Router();
      router.use((req, res, next) => { if (req.url === "/legacy") req.url = "/modern"; next(); });
      router.get("/modern", (req, res) => res.json({ url: req.url, baseUrl: req.baseUrl, originalUrl: req.originalUrl }));
      app.use("/api", router);
      app.use("/v1", (req, res, next) => { req.url = "/api" + req.url; next(); });
      app.use((req, res, next) => { console.log("after", req.url); next(); });
    `),
    requests: [{ url: "/home" }, { url: "/api/legacy" }, { url: "/v1/modern" }],
    compareLogs: true,
  },
  {
    name: "method override: assigning req.method in middleware reroutes the request",
    code: app(`
      app.use((req, res, next) => { if (req.query._method) req.method = String(req.query._method).toUpperCase(); next(); });
      app.delete("/item", (req, res) => res.json({ via: "delete", method: req.method }));
      app.post("/item", (req, res) => res.json({ via: "post", method: req.method }));
    `),
    requests: [{ method: "POST", url: "/item?_method=delete" }, { method: "POST", url: "/item" }],
  },
  {
    name: "res.render without a view engine or file extension",
    code: app(`
      app.get("/", (req, res) => res.render("index", { title: "Home" }));
      app.use((err, req, res, next) => res.status(500).send(err.name + ": " + err.message));
    `),
    requests: [{ url: "/" }],
  },
  {
    name: "res.setHeader keeps numbers and arrays as given until they are sent",
    code: app(`
      app.get("/", (req, res) => {
        res.setHeader("X-Count", 5);
        res.setHeader("X-List", ["a", 1]);
        res.json({ count: res.getHeader("X-Count"), type: typeof res.getHeader("X-Count"), list: res.getHeader("x-list"), strict: res.getHeader("X-Count") === 5 });
      });
    `),
    requests: [{ url: "/" }],
  },
  {
    name: "reading the body with req.on('readable') and req.read()",
    code: app(`
      app.post("/", (req, res) => {
        const chunks = [];
        req.on("readable", () => { let c; while ((c = req.read()) !== null) chunks.push(c.toString()); });
        req.on("end", () => res.json({ chunks }));
      });
    `),
    requests: [{ method: "POST", url: "/", type: "text/plain", body: "read me" }],
  },
  {
    name: "stream state on req and res: complete, readableEnded, writable, sendDate",
    code: app(`
      app.post("/", async (req, res) => {
        for await (const chunk of req) void chunk;
        res.json({
          complete: req.complete, readableEnded: req.readableEnded, readable: req.readable, aborted: req.aborted,
          trailers: req.trailers, distinct: req.headersDistinct?.["x-dup"] ?? null,
          writable: res.writable, sendDate: res.sendDate, chunkedEncoding: res.chunkedEncoding, hasSocket: res.socket === req.socket,
          highWaterMark: res.writableHighWaterMark,
        });
      });
    `),
    requests: [{ method: "POST", url: "/", type: "text/plain", headers: curl(["X-Dup", "1"], ["X-Dup", "2"]), body: "abc" }],
  },
  {
    name: "res.write and res.end callbacks and finish events run in Node's order",
    code: app(`
      app.get("/", (req, res) => {
        res.on("prefinish", () => console.log("prefinish event"));
        res.on("finish", () => console.log("finish event"));
        res.on("close", () => console.log("close event"));
        res.write("a", () => console.log("write cb a"));
        res.end("b", () => console.log("end cb"));
        console.log("after end sync");
        setImmediate(() => console.log("immediate after end"));
      });
      app.get("/ended", (req, res) => {
        res.on("error", (e) => console.log("res error event", e.code));
        res.end();
        res.end(() => console.log("second end cb"));
        res.write("late", (err) => console.log("late write cb", err?.code));
      });
    `),
    requests: [{ url: "/" }, { url: "/ended" }],
    compareLogs: true,
  },
  {
    name: "the server returned by app.listen: listening flag, timeouts and request events",
    code: `import express from "express";

const app = express();
app.get("/", (req, res) => res.send("ok"));

const server = app.listen(3000, () => console.log("listening callback, listening =", server.listening));
console.log("right after listen, listening =", server.listening);
console.log("timeouts", server.keepAliveTimeout, server.headersTimeout, server.requestTimeout, server.timeout, server.maxHeadersCount);
server.on("request", (req) => console.log("request event", req.method, req.url));
`,
    requests: [{ url: "/" }, { url: "/?again" }],
    compareLogs: true,
  },
  {
    name: "the development error page for an error whose stack was replaced",
    code: app(`
      app.get("/custom-stack", (req, res, next) => { const e = new Error("x"); e.stack = "Custom stack <b>bold</b>\\n  line two\\ttab"; next(e); });
      app.get("/no-stack", (req, res, next) => { const e = new Error("no stack here"); e.stack = undefined; next(e); });
      app.get("/tostring", (req, res, next) => next({ toString() { return "custom toString <i>"; } }));
      app.get("/symbol", (req, res, next) => next(Symbol("sym")));
      app.get("/nullproto", (req, res, next) => next(Object.create(null)));
      app.get("/headers", (req, res, next) => { const e = new Error("h"); e.stack = "h"; e.status = 429; e.headers = { "Retry-After": 30, "X-List": ["a", "b"], "Content-Type": "text/plain" }; next(e); });
    `),
    requests: ["/custom-stack", "/no-stack", "/tostring", "/symbol", "/nullproto", "/headers"].map((url) => ({ url })),
    compareLogs: true,
  },
  {
    name: "the development error page for an error with an empty stack",
    code: app(`
      app.get("/", (req, res, next) => { const e = new Error("empty stack"); e.stack = ""; next(e); });
    `),
    requests: [{ url: "/" }],
    compareLogs: true,
  },
  {
    name: "an EventEmitter with captureRejections sends async listener errors to 'error'",
    code: app(`
      app.get("/", async (req, res) => {
        const bus = new EventEmitter({ captureRejections: true });
        const seen = [];
        bus.on("error", (err) => seen.push("captured " + err.message));
        bus.on("save", async () => { throw new Error("async listener failed"); });
        bus.emit("save");
        await new Promise((resolve) => setTimeout(resolve, 5));
        res.json(seen);
      });
    `, { imports: ['import { EventEmitter } from "events";'] }),
    requests: [{ url: "/" }],
  },
  {
    name: "events.on turns an emitter into an async iterator",
    code: app(`
      app.get("/", async (req, res) => {
        const ticker = new EventEmitter();
        setTimeout(() => { ticker.emit("tick", 1); ticker.emit("tick", 2); ticker.emit("tick", 3); }, 1);
        const got = [];
        for await (const [n] of on(ticker, "tick")) { got.push(n); if (got.length === 3) break; }
        res.json({ got, left: ticker.listenerCount("tick") });
      });
    `, { imports: ['import { EventEmitter, on } from "events";'] }),
    requests: [{ url: "/" }],
  },
];
