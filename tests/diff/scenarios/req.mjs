/**
 * The request object: params, query parsing, header access, content
 * negotiation and the properties Express derives from the connection
 * (hostname, ip, protocol...). Most scenarios echo values as JSON so one
 * response shows many properties at once.
 */
import { app, curl } from "../scenario-kit.mjs";

export default [
  {
    name: "req.params holds the named route segments",
    code: app(`
      app.get("/shops/:shop/items/:item", (req, res) => res.json({ params: req.params, keys: Object.keys(req.params) }));
    `),
    requests: [{ url: "/shops/acme/items/anvil" }],
  },
  {
    name: "req.query with the default simple parser",
    code: app(`
      app.get("/search", (req, res) => res.json(req.query));
    `),
    requests: [
      { url: "/search?q=shoes&sort=price" },
      { url: "/search?tag=a&tag=b&tag=c" },
      { url: "/search?user[name]=ada&user[age]=36" },
      { url: "/search?a=1+2&b=%20x%20&c&=d&e=" },
      { url: "/search" },
    ],
  },
  {
    name: "req.query with the extended parser builds nested objects",
    code: app(`
      app.set("query parser", "extended");
      app.get("/search", (req, res) => res.json(req.query));
    `),
    requests: [
      { url: "/search?user[name]=ada&user[age]=36" },
      { url: "/search?ids[]=1&ids[]=2" },
      { url: "/search?a[b][c]=deep&list[1]=second&list[0]=first" },
      { url: "/search?tag=a&tag=b" },
    ],
  },
  {
    name: "req.query is empty when the query parser is disabled",
    code: app(`
      app.set("query parser", false);
      app.get("/", (req, res) => res.json({ query: req.query, url: req.url }));
    `),
    requests: [{ url: "/?a=1&b=2" }],
  },
  {
    name: "req.query is re-parsed on every read, so assigning to it does not stick",
    code: app(`
      app.get("/", (req, res) => {
        req.query.added = "yes";
        res.json({ query: req.query, same: req.query === req.query });
      });
    `),
    requests: [{ url: "/?a=1" }],
  },
  {
    name: "req.get and req.header read headers case-insensitively",
    code: app(`
      app.get("/", (req, res) => res.json({
        ua: req.get("User-Agent"),
        accept: req.header("accept"),
        custom: req.get("X-CUSTOM-thing"),
        missing: req.get("X-Missing") ?? "undefined",
        referer: req.get("Referrer"),
      }));
    `),
    requests: [{ url: "/", headers: curl(["X-Custom-Thing", "hello"], ["Referer", "http://example.com/page"]) }],
  },
  {
    name: "req.headers has lower-case names and joins repeated headers",
    code: app(`
      app.get("/", (req, res) => res.json(req.headers));
    `),
    requests: [{ url: "/", headers: curl(["X-Tag", "one"], ["x-tag", "two"], ["Cookie", "a=1"], ["Cookie", "b=2"], ["X-Note", "  padded  "]) }],
  },
  {
    name: "req.rawHeaders keeps names as sent",
    code: app(`
      app.get("/", (req, res) => res.json(req.rawHeaders));
    `),
    requests: [{ url: "/", headers: curl(["x-lower", "a"], ["X-UPPER", "b"]) }],
  },
  {
    name: "req.get() without a name throws a TypeError",
    code: app(`
      app.get("/", (req, res) => {
        try { req.get(); res.send("no error"); } catch (err) { res.send(err.name + ": " + err.message); }
      });
    `),
    requests: [{ url: "/" }],
  },
  {
    name: "req.is checks the request Content-Type",
    code: app(`
      app.post("/", (req, res) => res.json({
        json: req.is("json"),
        html: req.is("html"),
        appJson: req.is("application/json"),
        anyApp: req.is("application/*"),
        list: req.is(["text", "json"]),
      }));
    `),
    requests: [
      { method: "POST", url: "/", type: "application/json; charset=utf-8", body: "{}" },
      { method: "POST", url: "/", type: "text/html", body: "<p>" },
      { method: "POST", url: "/" },
    ],
  },
  {
    name: "req.accepts picks the best type from the Accept header",
    code: app(`
      app.get("/", (req, res) => res.json({
        html: req.accepts("html"),
        json: req.accepts("json"),
        best: req.accepts(["json", "html"]),
        png: req.accepts("image/png"),
        all: req.accepts(),
      }));
    `),
    requests: [
      { url: "/" },
      { url: "/", headers: curl(["Accept", "text/html"]) },
      { url: "/", headers: curl(["Accept", "application/json;q=0.5, text/html;q=0.9"]) },
      { url: "/", headers: curl(["Accept", "image/*"]) },
      { url: "/", headers: curl(["Accept", null]) },
    ],
  },
  {
    name: "req.acceptsLanguages, acceptsEncodings and acceptsCharsets",
    code: app(`
      app.get("/", (req, res) => res.json({
        lang: req.acceptsLanguages("fr", "en"),
        langs: req.acceptsLanguages(),
        enc: req.acceptsEncodings("br", "gzip"),
        charset: req.acceptsCharsets("utf-8", "iso-8859-1"),
      }));
    `),
    requests: [
      { url: "/", headers: curl(["Accept-Language", "en-GB,en;q=0.8,fr;q=0.5"], ["Accept-Encoding", "gzip, deflate"], ["Accept-Charset", "iso-8859-1"]) },
      { url: "/" },
    ],
  },
  {
    name: "req.hostname comes from the Host header without the port",
    code: app(`
      app.get("/", (req, res) => res.json({ hostname: req.hostname, host: req.host, subdomains: req.subdomains }));
    `),
    requests: [
      { url: "/" },
      { url: "/", headers: curl(["Host", "tobi.ferrets.example.com"]) },
      { url: "/", headers: curl(["Host", "[::1]:3000"]) },
      { url: "/", headers: curl(["Host", "localhost:3000"], ["X-Forwarded-Host", "evil.example"]) },
    ],
  },
  {
    name: "X-Forwarded-Host is used only when trust proxy is on",
    code: app(`
      app.set("trust proxy", true);
      app.get("/", (req, res) => res.json({ hostname: req.hostname, host: req.host }));
    `),
    requests: [{ url: "/", headers: curl(["X-Forwarded-Host", "shop.example.com:8443"]) }],
  },
  {
    name: "req.ip and req.ips for a direct connection",
    code: app(`
      app.get("/", (req, res) => res.json({ ip: req.ip, ips: req.ips }));
    `),
    requests: [{ url: "/" }, { url: "/", headers: curl(["X-Forwarded-For", "203.0.113.7"]) }],
  },
  {
    name: "req.ip trusts X-Forwarded-For only with trust proxy",
    code: app(`
      app.set("trust proxy", true);
      app.get("/", (req, res) => res.json({ ip: req.ip, ips: req.ips }));
    `),
    requests: [{ url: "/", headers: curl(["X-Forwarded-For", "203.0.113.7, 198.51.100.2"]) }, { url: "/" }],
  },
  {
    name: "req.protocol and req.secure",
    code: app(`
      app.get("/", (req, res) => res.json({ protocol: req.protocol, secure: req.secure }));
    `),
    requests: [{ url: "/" }, { url: "/", headers: curl(["X-Forwarded-Proto", "https"]) }],
  },
  {
    name: "X-Forwarded-Proto counts only with trust proxy",
    code: app(`
      app.enable("trust proxy");
      app.get("/", (req, res) => res.json({ protocol: req.protocol, secure: req.secure }));
    `),
    requests: [{ url: "/", headers: curl(["X-Forwarded-Proto", "https"]) }, { url: "/", headers: curl(["X-Forwarded-Proto", "https, http"]) }],
  },
  {
    name: "req.xhr is true for X-Requested-With: XMLHttpRequest",
    code: app(`
      app.get("/", (req, res) => res.json({ xhr: req.xhr }));
    `),
    requests: [{ url: "/" }, { url: "/", headers: curl(["X-Requested-With", "XMLHttpRequest"]) }, { url: "/", headers: curl(["X-Requested-With", "xmlhttprequest"]) }],
  },
  {
    name: "req.originalUrl, baseUrl, path and url inside nested routers",
    code: app(`
      const inner = express.Router();
      inner.get("/:id", (req, res) => res.json({ originalUrl: req.originalUrl, baseUrl: req.baseUrl, path: req.path, url: req.url }));
      const outer = express.Router();
      outer.use("/inner", inner);
      app.use("/outer", outer);
      app.get("/top", (req, res) => res.json({ originalUrl: req.originalUrl, baseUrl: req.baseUrl, path: req.path, url: req.url }));
    `),
    requests: [{ url: "/outer/inner/5?x=1" }, { url: "/top?y=2" }],
  },
  {
    name: "req.route describes the matched route",
    code: app(`
      app.route("/books/:id")
        .get((req, res) => res.json({ path: req.route.path, methods: req.route.methods, stackSize: req.route.stack.length }))
        .post((req, res) => res.send("post"));
      app.get(["/a", "/b"], (req, res) => res.json({ path: req.route.path }));
    `),
    requests: [{ url: "/books/1" }, { url: "/b" }],
  },
  {
    name: "req.route is undefined in app.use middleware",
    code: app(`
      app.use((req, res, next) => { res.set("X-Route", String(req.route)); next(); });
      app.get("/", (req, res) => res.send(req.route.path));
    `),
    requests: [{ url: "/" }],
  },
  {
    name: "custom properties added to req travel down the chain",
    code: app(`
      app.use((req, res, next) => { req.requestTime = "fixed-time"; req.user = { id: 1 }; next(); });
      app.get("/", (req, res) => res.json({ requestTime: req.requestTime, user: req.user }));
    `),
    requests: [{ url: "/" }],
  },
  {
    name: "req.method, req.url and req.httpVersion",
    code: app(`
      app.all("/info", (req, res) => res.json({ method: req.method, url: req.url, httpVersion: req.httpVersion }));
    `),
    requests: [{ url: "/info?x=1" }, { method: "PUT", url: "/info" }],
  },
  {
    name: "req.body is undefined without a body parser",
    code: app(`
      app.post("/", (req, res) => res.json({ body: req.body === undefined ? "undefined" : req.body }));
    `),
    requests: [{ method: "POST", url: "/", type: "application/json", body: '{"a":1}' }],
  },
  {
    name: "req.cookies is undefined without cookie-parser",
    code: app(`
      app.get("/", (req, res) => res.json({ cookies: String(req.cookies), header: req.get("cookie") }));
    `),
    requests: [{ url: "/", headers: curl(["Cookie", "a=1; b=2"]) }],
  },
  {
    name: "req.fresh and req.stale follow If-None-Match",
    code: app(`
      app.get("/", (req, res) => {
        res.set("ETag", '"v1"');
        res.json({ fresh: req.fresh, stale: req.stale });
      });
    `),
    requests: [{ url: "/" }, { url: "/", headers: curl(["If-None-Match", '"v1"']) }, { url: "/", headers: curl(["If-None-Match", '"v2"']) }],
  },
  {
    name: "req.range parses a Range header",
    code: app(`
      app.get("/", (req, res) => res.json({ range: req.range(1000) ?? "none", tooBig: req.range(10) }));
    `),
    requests: [{ url: "/", headers: curl(["Range", "bytes=0-99,200-299"]) }, { url: "/" }, { url: "/", headers: curl(["Range", "bytes=500-"]) }],
  },
  {
    name: "req.app and req.res point back to the app and the response",
    code: app(`
      app.set("title", "My Site");
      app.get("/", (req, res) => res.json({ title: req.app.get("title"), sameRes: req.res === res, sameReq: res.req === req }));
    `),
    requests: [{ url: "/" }],
  },
  {
    name: "req.params is empty for app.use middleware without params",
    code: app(`
      app.use("/x", (req, res) => res.json(req.params));
    `),
    requests: [{ url: "/x/y" }],
  },
  {
    name: "req.path excludes the query string and mount point",
    code: app(`
      const sub = express();
      sub.get("/*rest", (req, res) => res.json({ path: req.path, baseUrl: req.baseUrl, originalUrl: req.originalUrl }));
      app.use("/mounted", sub);
    `),
    requests: [{ url: "/mounted/a/b?c=d" }],
  },
  // --- negotiation, proxies, ranges and queries in depth -------------------------------
  {
    name: "req.accepts with parameters, wildcards and several arguments",
    code: app(`
      app.get("/", (req, res) => res.json({
        args: req.accepts("json", "text"),
        level: req.accepts("text/html;level=1"),
        ext: req.accepts(".png"),
        unknown: req.accepts("nosuchext"),
        all: req.accepts(),
      }));
    `),
    requests: [
      { url: "/", headers: curl(["Accept", "text/*;q=0.3, text/html;level=1, application/json;q=0.2, image/png;q=0"]) },
      { url: "/", headers: curl(["Accept", ""]) },
      { url: "/", headers: curl(["Accept", "Text/HTML;Q=0.5, */*;q=0.1"]) },
    ],
  },
  {
    name: "req.acceptsLanguages matches prefixes and acceptsEncodings knows identity",
    code: app(`
      app.get("/", (req, res) => res.json({
        lang: req.acceptsLanguages(["en-US", "fr-CA"]),
        none: req.acceptsLanguages("de"),
        enc: req.acceptsEncodings(),
        identity: req.acceptsEncodings("identity", "gzip"),
        charsets: req.acceptsCharsets(),
      }));
    `),
    requests: [
      { url: "/", headers: curl(["Accept-Language", "fr, en;q=0.5"], ["Accept-Encoding", "gzip;q=0.8, br, identity;q=0"], ["Accept-Charset", "utf-8, *;q=0.1"]) },
      { url: "/", headers: curl(["Accept-Language", "*"], ["Accept-Encoding", "*"]) },
    ],
  },
  {
    name: "req.is with no arguments, +suffix and wildcards",
    code: app(`
      app.post("/", (req, res) => res.json({ none: req.is(), suffix: req.is("+json"), star: req.is("*/json"), text: req.is("text/*"), urlencoded: req.is("urlencoded") }));
    `),
    requests: [
      { method: "POST", url: "/", type: "application/ld+json", body: "{}" },
      { method: "POST", url: "/", type: "text/plain; charset=latin1", body: "x" },
      { method: "POST", url: "/", body: "a=1" },
      { method: "POST", url: "/", type: "not a type", body: "x" },
    ],
  },
  {
    name: "trust proxy as a hop count, a subnet list and a named range",
    code: app(`
      const hop = express();
      hop.set("trust proxy", 1);
      hop.get("/", (req, res) => res.json({ ip: req.ip, ips: req.ips, protocol: req.protocol, host: req.host }));
      app.use("/hop", hop);
      const list = express();
      list.set("trust proxy", "loopback, 198.51.100.0/24");
      list.get("/", (req, res) => res.json({ ip: req.ip, ips: req.ips }));
      app.use("/list", list);
      const none = express();
      none.set("trust proxy", "10.0.0.0/8");
      none.get("/", (req, res) => res.json({ ip: req.ip, ips: req.ips, protocol: req.protocol }));
      app.use("/none", none);
    `),
    requests: ["/hop/", "/list/", "/none/"].map((url) => ({
      url,
      headers: curl(["X-Forwarded-For", "203.0.113.7, 198.51.100.2"], ["X-Forwarded-Proto", "https"], ["X-Forwarded-Host", "a.example, b.example"]),
    })),
  },
  {
    name: "trust proxy as a function and an invalid address",
    code: app(`
      app.set("trust proxy", (addr, i) => i < 2);
      let error = "none";
      try { express().set("trust proxy", "not-an-ip"); } catch (err) { error = err.name + ": " + err.message; }
      app.get("/", (req, res) => res.json({ ip: req.ip, ips: req.ips, error }));
    `),
    requests: [{ url: "/", headers: curl(["X-Forwarded-For", "1.1.1.1, 2.2.2.2, 3.3.3.3"]) }],
  },
  {
    name: "req.subdomains with a subdomain offset and an IP host",
    code: app(`
      app.set("subdomain offset", 1);
      app.get("/", (req, res) => res.json({ subdomains: req.subdomains, hostname: req.hostname }));
    `),
    requests: [
      { url: "/", headers: curl(["Host", "a.b.example.com"]) },
      { url: "/", headers: curl(["Host", "127.0.0.1:3000"]) },
      { url: "/", headers: curl(["Host", "[::1]:3000"]) },
    ],
  },
  {
    name: "req.range combine, malformed and unsatisfiable",
    code: app(`
      app.get("/", (req, res) => res.json({ combined: req.range(1000, { combine: true }), plain: req.range(100) }));
    `),
    requests: [
      { url: "/", headers: curl(["Range", "bytes=0-4,2-10,50-60,-5"]) },
      { url: "/", headers: curl(["Range", "bytes=abc"]) },
      { url: "/", headers: curl(["Range", "bytes=5000-6000"]) },
      { url: "/", headers: curl(["Range", "items=1-2"]) },
    ],
  },
  {
    name: "req.query extended: array limits, depth and odd keys",
    code: app(`
      app.set("query parser", "extended");
      app.get("/", (req, res) => res.json(req.query));
    `),
    requests: [
      { url: "/?a[25]=x&a[1]=y" },
      { url: "/?a[b][c][d][e][f][g][h]=deep" },
      { url: "/?a[b]=1&a=2" },
      { url: "/?list[]=1&list[]=2&list[]=3&list[5]=6" },
      { url: "/?x=%E0%A4%A&y=%F0%9F%98%80&z=a+b" },
      { url: "/?[]=top&=empty&k[=v" },
    ],
  },
  {
    name: "a custom query parser function gets the raw query string",
    code: app(`
      app.set("query parser", (str) => ({ raw: str === null ? "(null)" : str }));
      app.get("/", (req, res) => res.json(req.query));
    `),
    requests: [{ url: "/?a=1&b=%20" }, { url: "/" }],
  },
  {
    name: "the simple query parser decodes broken escapes like querystring",
    code: app(`
      app.get("/", (req, res) => res.json(req.query));
    `),
    requests: [{ url: "/?x=%E0%A4%A&y=100%&&=&z=%41" }],
  },
  {
    name: "req.headers edits are seen by req.get, req.is and body parsers",
    code: app(`
      app.use((req, res, next) => { req.headers["content-type"] = "application/json"; req.headers["x-added"] = "yes"; next(); });
      app.use(express.json());
      app.post("/", (req, res) => res.json({ added: req.get("X-Added"), is: req.is("json"), body: req.body }));
    `),
    requests: [{ method: "POST", url: "/", type: "text/plain", body: '{"a":1}' }],
  },
  {
    name: "req.socket.remoteAddress and req.path with a hash or spaces",
    code: app(`
      app.get("/*rest", (req, res) => res.json({ remote: req.socket.remoteAddress, path: req.path, query: req.query }));
    `),
    requests: [{ url: "/a/b?x=1#frag" }, { url: "/c%20d?y=2" }],
  },
  {
    name: "trust proxy settings that proxy-addr rejects, and netmasks",
    code: app(`
      const errors = [];
      for (const value of ["10.0.0.1/0", "10.0.0.1/33", "10.0.0.0/255.0.255.0", "::1/129", "nope", ["127.0.0.1", "bad"], { not: "a list" }]) {
        try { express().set("trust proxy", value); errors.push("ok"); } catch (err) { errors.push(err.name + ": " + err.message); }
      }
      const mask = express();
      mask.set("trust proxy", ["::1", "198.51.0.0/255.255.0.0"]);
      mask.get("/", (req, res) => res.json({ ip: req.ip, ips: req.ips, errors }));
      app.use("/mask", mask);
    `),
    requests: [{ url: "/mask/", headers: curl(["X-Forwarded-For", "203.0.113.7, 198.51.100.2"]) }],
  },
]
