/**
 * Application settings and locals: app.set/get/enable/disable, the
 * defaults Express starts with, settings inherited by mounted sub-apps,
 * and the errors raised for invalid values.
 */
import { app, curl } from "../scenario-kit.mjs";

export default [
  {
    name: "app.set and app.get store a custom setting",
    code: app(`
      app.set("title", "My Site");
      app.set("answer", 42);
      app.get("/", (req, res) => res.json({ title: app.get("title"), answer: app.get("answer"), missing: app.get("nope") ?? "undefined" }));
    `),
    requests: [{ url: "/" }],
  },
  {
    name: "enable, disable, enabled and disabled",
    code: app(`
      app.enable("feature x");
      app.disable("feature y");
      app.set("zero", 0);
      app.set("text", "yes");
      app.get("/", (req, res) => res.json({
        x: app.get("feature x"), y: app.get("feature y"),
        xEnabled: app.enabled("feature x"), yDisabled: app.disabled("feature y"),
        zeroEnabled: app.enabled("zero"), textEnabled: app.enabled("text"),
        unknownEnabled: app.enabled("unknown"), unknownDisabled: app.disabled("unknown"),
      }));
    `),
    requests: [{ url: "/" }],
  },
  {
    name: "the default settings",
    code: app(`
      app.get("/", (req, res) => res.json({
        env: app.get("env"),
        poweredBy: app.get("x-powered-by"),
        etag: app.get("etag"),
        queryParser: app.get("query parser"),
        subdomainOffset: app.get("subdomain offset"),
        trustProxy: app.get("trust proxy"),
        jsonpCallback: app.get("jsonp callback name"),
        caseSensitive: app.get("case sensitive routing") ?? "undefined",
        strict: app.get("strict routing") ?? "undefined",
        jsonSpaces: app.get("json spaces") ?? "undefined",
        viewCache: app.get("view cache") ?? "undefined",
        settingKeys: Object.keys(app.settings).filter((k) => k !== "views").sort(),
      }));
    `),
    requests: [{ url: "/" }],
  },
  {
    name: "app.get with one argument reads a setting, with two it adds a route",
    code: app(`
      app.set("greeting", "hello");
      app.get("/greeting", (req, res) => res.send(app.get("greeting")));
    `),
    requests: [{ url: "/greeting" }],
  },
  {
    name: "app.locals is shared by every request",
    code: app(`
      app.locals.siteName = "Playground";
      app.locals.visits = 0;
      app.get("/", (req, res) => {
        req.app.locals.visits++;
        res.json({ siteName: app.locals.siteName, visits: app.locals.visits, settingsIsSettings: app.locals.settings === app.settings });
      });
    `),
    requests: [{ url: "/" }, { url: "/" }],
  },
  {
    name: "app.locals and res.locals are separate objects",
    code: app(`
      app.locals.scope = "app";
      app.get("/", (req, res) => {
        res.locals.scope = "response";
        res.json({ app: app.locals.scope, res: res.locals.scope, resHasSettings: "settings" in res.locals });
      });
    `),
    requests: [{ url: "/" }],
  },
  {
    name: "a mounted sub-app inherits the parent's settings",
    code: app(`
      app.set("title", "Parent");
      app.set("json spaces", 2);
      const admin = express();
      admin.get("/", (req, res) => res.json({ title: admin.get("title"), own: Object.hasOwn(admin.settings, "title") }));
      app.use("/admin", admin);
    `),
    requests: [{ url: "/admin" }],
  },
  {
    name: "a sub-app's own setting does not leak to the parent",
    code: app(`
      const admin = express();
      admin.set("title", "Admin");
      admin.disable("x-powered-by");
      admin.get("/", (req, res) => res.send("admin title: " + admin.get("title")));
      app.use("/admin", admin);
      app.get("/", (req, res) => res.send("parent title: " + app.get("title")));
    `),
    requests: [{ url: "/admin" }, { url: "/" }],
  },
  {
    name: "a setting changed later applies to later responses",
    code: app(`
      app.get("/", (req, res) => res.json({ a: [1, 2] }));
      app.get("/pretty", (req, res) => { app.set("json spaces", 4); res.json({ a: [1, 2] }); });
    `),
    requests: [{ url: "/" }, { url: "/pretty" }, { url: "/" }],
  },
  {
    name: "a custom query parser function",
    code: app(`
      app.set("query parser", (str) => ({ raw: str, parts: str.split("&").length }));
      app.get("/", (req, res) => res.json(req.query));
    `),
    requests: [{ url: "/?a=1&b=2&c" }],
  },
  {
    name: "an unknown etag setting throws",
    code: app(`
      let message = "no error";
      try { app.set("etag", "bogus"); } catch (err) { message = err.name + ": " + err.message; }
      app.get("/", (req, res) => res.send(message));
    `),
    requests: [{ url: "/" }],
  },
  {
    name: "an unknown query parser setting throws",
    code: app(`
      let message = "no error";
      try { app.set("query parser", "fancy"); } catch (err) { message = err.name + ": " + err.message; }
      app.get("/", (req, res) => res.send(message));
    `),
    requests: [{ url: "/" }],
  },
  {
    name: "trust proxy with a number of hops",
    code: app(`
      app.set("trust proxy", 1);
      app.get("/", (req, res) => res.json({ ip: req.ip, ips: req.ips, protocol: req.protocol }));
    `),
    requests: [{ url: "/", headers: curl(["X-Forwarded-For", "10.0.0.1, 10.0.0.2, 10.0.0.3"], ["X-Forwarded-Proto", "https"]) }],
  },
  {
    name: "trust proxy with a list of addresses",
    code: app(`
      app.set("trust proxy", "loopback, 10.0.0.0/8");
      app.get("/", (req, res) => res.json({ ip: req.ip, ips: req.ips }));
    `),
    requests: [{ url: "/", headers: curl(["X-Forwarded-For", "203.0.113.9, 10.1.2.3"]) }],
  },
  {
    name: "the subdomain offset setting",
    code: app(`
      app.set("subdomain offset", 3);
      app.get("/", (req, res) => res.json(req.subdomains));
    `),
    requests: [{ url: "/", headers: curl(["Host", "a.b.shop.example.co.uk"]) }],
  },
  {
    name: "the jsonp callback name setting",
    code: app(`
      app.set("jsonp callback name", "cb");
      app.get("/", (req, res) => res.jsonp({ ok: true }));
    `),
    requests: [{ url: "/?cb=done" }, { url: "/?callback=ignored" }],
  },
  {
    name: "env set to production changes the error page",
    code: app(`
      app.set("env", "production");
      app.get("/", (req, res) => res.json({ env: app.get("env"), viewCache: app.get("view cache") ?? "undefined" }));
      app.get("/fail", (req, res) => { throw new Error("hidden"); });
    `),
    requests: [{ url: "/" }, { url: "/fail" }],
  },
  {
    name: "app.mountpath and app.path() for nested sub-apps",
    code: app(`
      const blog = express();
      const admin = express();
      admin.get("/", (req, res) => res.json({ adminMount: admin.mountpath, adminPath: admin.path(), blogPath: blog.path(), appPath: app.path(), appMount: app.mountpath }));
      blog.use("/admin", admin);
      app.use(["/blog", "/news"], blog);
    `),
    requests: [{ url: "/blog/admin" }],
  },
  {
    name: "the mount event fires when a sub-app is mounted",
    code: app(`
      const sub = express();
      sub.on("mount", (parent) => console.log("sub mounted, parent is app:", parent === app));
      sub.get("/", (req, res) => res.send("sub"));
      app.use("/sub", sub);
    `),
    requests: [{ url: "/sub" }],
    compareLogs: true,
  },
  {
    name: "the app.listen callback can log the server address",
    code: `import express from "express";

const app = express();
app.get("/", (req, res) => res.send("up"));

const server = app.listen(3000, () => {
  const { port, address, family } = server.address();
  console.log(\`Server listening on http://localhost:\${port} (\${address}, \${family})\`);
});
`,
    requests: [{ url: "/" }],
    compareLogs: true,
  },
  {
    name: "top-level console output comes before the listen callback",
    code: `import express from "express";

const app = express();
console.log("configuring routes");
app.get("/", (req, res) => res.send("up"));
app.listen(3000, () => console.log("ready"));
console.log("listen() called");
`,
    requests: [{ url: "/" }],
    compareLogs: true,
  },
  // --- found side by side with real Express ---------------------------
  {
    name: "a mounted sub-app inherits trust proxy from its parent",
    code: app(`
      app.set("trust proxy", true);
      const api = express();
      api.get("/ip", (req, res) => res.json({ ip: req.ip, ips: req.ips, protocol: req.protocol, hostname: req.hostname }));
      app.use("/api", api);
    `),
    requests: [{ url: "/api/ip", headers: curl(["X-Forwarded-For", "203.0.113.7"], ["X-Forwarded-Proto", "https"], ["X-Forwarded-Host", "shop.example.com"]) }],
  },
  {
    name: "app.response, app.request and the express.* prototypes can be extended",
    code: app(`
      app.response.ok = function (data) { return this.status(200).json({ ok: true, data }); };
      express.request.isApi = function () { return this.path.startsWith("/api"); };
      app.get("/api/x", (req, res) => res.ok({ api: req.isApi(), own: Object.keys(req).includes("isApi"), app: req.app === app }));
      const admin = express();
      admin.response.who = function () { return "admin"; };
      admin.get("/", (req, res) => res.ok({ who: res.who(), api: req.isApi(), parentApp: Object.getPrototypeOf(req) === admin.request }));
      app.use("/api/admin", admin);
      app.get("/api/after", (req, res) => res.json({ who: typeof res.who, proto: Object.getPrototypeOf(res) === app.response }));
      app.use((req, res, next) => next());
      app.get("/chain", (req, res) => res.json({ req: Object.getPrototypeOf(Object.getPrototypeOf(req)) === express.request, res: Object.getPrototypeOf(Object.getPrototypeOf(res)) === express.response }));
    `),
    requests: [{ url: "/api/x" }, { url: "/api/admin" }, { url: "/api/after" }, { url: "/chain" }],
  },
  {
    name: "express.application: what a learner adds reaches every app made afterwards",
    code: app(`
      express.application.health = function () { return this.get("env") + " ok"; };
      const later = express();
      later.get("/", (req, res) => res.send(req.app.health()));
      app.use("/later", later);
      app.get("/", (req, res) => res.json({
        before: typeof app.health, after: typeof later.health, health: later.health(),
        keys: Object.keys(express.application).filter((k) => ["use", "get", "listen", "set", "route", "all", "health"].includes(k)),
        env: express.application.get.call(app, "env"),
      }));
    `),
    requests: [{ url: "/" }, { url: "/later" }],
  },
  {
    name: "the express export lists application, request, response, Route and Router",
    code: app(`
      app.get("/exports", (req, res) => res.json(Object.keys(express).sort()));
    `),
    requests: [{ url: "/exports" }],
  },
  {
    name: "an app is an EventEmitter: on, once, emit, listenerCount, eventNames",
    code: app(`
      const seen = [];
      app.on("custom", (x) => seen.push("on " + x));
      app.once("custom", (x) => seen.push("once " + x));
      const first = app.emit("custom", 1);
      const second = app.emit("custom", 2);
      app.get("/", (req, res) => res.json({
        seen, first, second, nobody: app.emit("nobody"), mount: app.listenerCount("mount"), names: app.eventNames(),
        custom: app.listeners("custom").length, max: app.getMaxListeners(), bodyBeforeParsing: "body" in req,
      }));
    `),
    requests: [{ url: "/" }],
  },
  {
    name: "res.render and app.render run the view class and engine the app is given",
    code: app(`
      class MemoryView {
        constructor(name, options) {
          this.name = name;
          this.root = "/srv/views";
          this.engine = options.engines[".tpl"];
          this.path = name === "missing" ? undefined : "/mem/" + name + ".tpl";
        }
        render(options, callback) {
          if (this.name === "throws") throw new Error("engine blew up");
          this.engine(this.path, options, callback);
        }
      }
      app.set("view", MemoryView);
      app.engine("tpl", (path, options, cb) => cb(null, "<p>" + [path, options.title, options.user, options.cache, Object.keys(options).join("|")].join(" ") + "</p>"));
      app.locals.title = "Home";
      app.get("/", (req, res) => { res.locals.user = "ada"; res.render("index"); });
      app.get("/missing", (req, res) => res.render("missing"));
      app.get("/throws", (req, res) => res.render("throws"));
      app.get("/cb", (req, res) => res.render("index", { title: "Own" }, (err, html) => res.json({ err: err && err.message, html })));
      app.get("/app", (req, res) => app.render("index", (err, html) => res.send(html)));
      app.get("/bad-engine", (req, res) => { try { app.engine("x"); res.send("no error"); } catch (e) { res.send(e.message); } });
      app.use((err, req, res, next) => res.status(500).json({ message: err.message, view: err.view && err.view.name }));
    `),
    requests: [{ url: "/" }, { url: "/missing" }, { url: "/throws" }, { url: "/cb" }, { url: "/app" }, { url: "/bad-engine" }],
  },
]
