/**
 * The third-party middleware learners use most: cookie-parser, cors and
 * morgan. morgan writes to stdout, so its scenarios compare the server log
 * (dates and response times are blanked by compare.mjs).
 */
import { app, curl, json } from "../scenario-kit.mjs";

const COOKIE_PARSER = ['import cookieParser from "cookie-parser";'];
const CORS = ['import cors from "cors";'];
const MORGAN = ['import morgan from "morgan";'];

// cookie-signature sign("tobi", "keyboard cat"), URL-encoded with its "s:" prefix.
const SIGNED_TOBI = "s%3Atobi.k%2FMBGA3LV%2FDe%2B0YTROxcLuurjbOQXyaa2veNodQBZc4";
// the same for the JSON cookie value j:{"admin":true}
const SIGNED_JSON = "s%3Aj%3A%7B%22admin%22%3Atrue%7D.89GxCxJHfnOFbX7JbD9p00YRJGd7cQIGcd6wQ4BLycw";

const echoCookies = (setup) => app(`
  ${setup}
  app.get("/", (req, res) => res.json({ cookies: req.cookies, signedCookies: req.signedCookies, secret: req.secret ?? null }));
`, { imports: COOKIE_PARSER });

export default [
  // --- cookie-parser ----------------------------------------------------------
  {
    name: "cookie-parser fills req.cookies from the Cookie header",
    code: echoCookies(`app.use(cookieParser());`),
    requests: [
      { url: "/", headers: curl(["Cookie", "name=tobi; theme=dark"]) },
      { url: "/", headers: curl(["Cookie", "spaced=hello%20world; quoted=\"q\"; dup=1; dup=2"]) },
      { url: "/" },
    ],
  },
  {
    name: "cookie-parser decodes j: JSON cookies",
    code: echoCookies(`app.use(cookieParser());`),
    requests: [{ url: "/", headers: curl(["Cookie", "cart=j%3A%7B%22items%22%3A%5B1%2C2%5D%7D; bad=j%3A%7Bnope"]) }],
  },
  {
    name: "cookie-parser with a secret verifies signed cookies",
    code: echoCookies(`app.use(cookieParser("keyboard cat"));`),
    requests: [
      { url: "/", headers: curl(["Cookie", `user=${SIGNED_TOBI}; plain=visible`]) },
      { url: "/", headers: curl(["Cookie", `prefs=${SIGNED_JSON}`]) },
    ],
  },
  {
    name: "a tampered signed cookie becomes false",
    code: echoCookies(`app.use(cookieParser("keyboard cat"));`),
    requests: [{ url: "/", headers: curl(["Cookie", "user=s%3Aadmin.k%2FMBGA3LV%2FDe%2B0YTROxcLuurjbOQXyaa2veNodQBZc4"]) }],
  },
  {
    name: "signed cookies stay unsigned text without a secret",
    code: echoCookies(`app.use(cookieParser());`),
    requests: [{ url: "/", headers: curl(["Cookie", `user=${SIGNED_TOBI}`]) }],
  },
  {
    name: "cookie-parser accepts several secrets",
    code: echoCookies(`app.use(cookieParser(["new secret", "keyboard cat"]));`),
    requests: [{ url: "/", headers: curl(["Cookie", `user=${SIGNED_TOBI}`]) }],
  },
  {
    name: "res.cookie signed uses the cookie-parser secret",
    code: app(`
      app.use(cookieParser("keyboard cat"));
      app.get("/login", (req, res) => res.cookie("user", "tobi", { signed: true, httpOnly: true }).send("logged in"));
      app.get("/prefs", (req, res) => res.cookie("prefs", { admin: true }, { signed: true }).send("saved"));
    `, { imports: COOKIE_PARSER }),
    requests: [{ url: "/login" }, { url: "/prefs" }],
  },
  {
    name: "a login flow with a cookie set then read back",
    code: app(`
      app.use(cookieParser());
      app.use(express.urlencoded());
      app.post("/login", (req, res) => res.cookie("user", req.body.user).redirect(303, "/me"));
      app.get("/me", (req, res) => res.send(req.cookies.user ? "hello " + req.cookies.user : "who are you?"));
      app.post("/logout", (req, res) => res.clearCookie("user").send("bye"));
    `, { imports: COOKIE_PARSER }),
    requests: [
      { method: "POST", url: "/login", body: "user=ada" },
      { url: "/me", headers: curl(["Cookie", "user=ada"]) },
      { url: "/me" },
      { method: "POST", url: "/logout" },
    ],
  },
  {
    name: "cookie-parser's helpers are named exports too",
    code: app(`
      app.get("/", (req, res) => res.json({
        signed: signedCookie("s:tobi.k/MBGA3LV/De+0YTROxcLuurjbOQXyaa2veNodQBZc4", "keyboard cat"),
        tampered: signedCookie("s:admin.nope", ["other", "keyboard cat"]),
        plain: signedCookie("plain", "keyboard cat"),
        json: JSONCookie('j:{"a":1}'),
        notJson: JSONCookie("j:nope") ?? "undefined",
        many: signedCookies({ a: "s:x.bad", b: "plain" }, "k"),
        jsons: JSONCookies({ a: "j:[1]", b: "j:0", c: "text" }),
        onDefault: typeof cookieParser.signedCookie,
      }));
    `, { imports: ['import cookieParser, { signedCookie, signedCookies, JSONCookie, JSONCookies } from "cookie-parser";'] }),
    requests: [{ url: "/" }],
  },
  {
    name: "cookie-parser keeps falsy JSON cookies as text",
    code: echoCookies(`app.use(cookieParser());`),
    requests: [{ url: "/", headers: curl(["Cookie", 'zero=j:0; nul=j:null; no=j:false; str=j:"yes"; arr=j:[]']) }],
  },
  {
    name: "cookie-parser with a custom decode",
    code: echoCookies(`app.use(cookieParser(undefined, { decode: (v) => { if (v === "boom") throw new Error("no"); return v.toUpperCase(); } }));`),
    requests: [{ url: "/", headers: curl(["Cookie", "a=hello%20you; b=boom; c=j%3A1"]) }],
  },
  {
    name: "cookie-parser mounted twice parses once",
    code: echoCookies(`app.use(cookieParser("first"));\napp.use(cookieParser("second"));`),
    requests: [{ url: "/", headers: curl(["Cookie", "a=1"]) }, { url: "/" }],
  },
  {
    name: "res.cookie and res.clearCookie several times in one response",
    code: app(`
      app.use(cookieParser("keyboard cat"));
      app.get("/", (req, res) => {
        res.clearCookie("old");
        res.cookie("session", "abc", { maxAge: 60000, httpOnly: true, sameSite: "lax" });
        res.cookie("prefs", { theme: "dark" }, { signed: true, path: "/app" });
        res.clearCookie("gone", { path: "/x", domain: "example.com", httpOnly: true });
        res.send("ok");
      });
    `, { imports: COOKIE_PARSER }),
    requests: [{ url: "/" }],
  },
  {
    name: "res.cookie errors name the invalid argument or option",
    code: app(`
      const attempts = {
        name: (res) => res.cookie("bad name", "v"),
        maxAge: (res) => res.cookie("a", "v", { maxAge: "soon" }),
        infinite: (res) => res.cookie("a", "v", { maxAge: Infinity }),
        sameSite: (res) => res.cookie("a", "v", { sameSite: "sometimes" }),
        priority: (res) => res.cookie("a", "v", { priority: "urgent" }),
        domain: (res) => res.cookie("a", "v", { domain: "bad domain" }),
        path: (res) => res.cookie("a", "v", { path: "/a;b" }),
        expires: (res) => res.cookie("a", "v", { expires: "tomorrow" }),
        encode: (res) => res.cookie("a", "v", { encode: "yes" }),
      };
      app.get("/:what", (req, res) => {
        try { attempts[req.params.what](res); res.send("no error: " + res.get("Set-Cookie")); }
        catch (err) { res.status(500).send(err.name + ": " + err.message); }
      });
    `),
    requests: ["name", "maxAge", "infinite", "sameSite", "priority", "domain", "path", "expires", "encode"].map((w) => ({ url: "/" + w })),
  },
  // --- cors -----------------------------------------------------------------
  {
    name: "cors() allows every origin",
    code: app(`
      app.use(cors());
      app.get("/data", (req, res) => res.json({ ok: true }));
    `, { imports: CORS }),
    requests: [{ url: "/data" }, { url: "/data", headers: curl(["Origin", "http://example.com"]) }],
  },
  {
    name: "cors() answers a preflight with 204",
    code: app(`
      app.use(cors());
      app.put("/data", (req, res) => res.json({ ok: true }));
    `, { imports: CORS }),
    requests: [
      { method: "OPTIONS", url: "/data", headers: curl(["Origin", "http://example.com"], ["Access-Control-Request-Method", "PUT"], ["Access-Control-Request-Headers", "Content-Type, X-Token"]) },
      { method: "OPTIONS", url: "/data" },
    ],
  },
  {
    name: "cors with a fixed origin",
    code: app(`
      app.use(cors({ origin: "http://example.com" }));
      app.get("/", (req, res) => res.send("ok"));
    `, { imports: CORS }),
    requests: [{ url: "/", headers: curl(["Origin", "http://example.com"]) }, { url: "/", headers: curl(["Origin", "http://evil.com"]) }],
  },
  {
    name: "cors with a list of allowed origins reflects the matching one",
    code: app(`
      app.use(cors({ origin: ["http://a.com", /\\.example\\.com$/] }));
      app.get("/", (req, res) => res.send("ok"));
    `, { imports: CORS }),
    requests: [
      { url: "/", headers: curl(["Origin", "http://a.com"]) },
      { url: "/", headers: curl(["Origin", "http://shop.example.com"]) },
      { url: "/", headers: curl(["Origin", "http://b.com"]) },
    ],
  },
  {
    name: "cors with origin: true reflects any origin",
    code: app(`
      app.use(cors({ origin: true, credentials: true }));
      app.get("/", (req, res) => res.send("ok"));
    `, { imports: CORS }),
    requests: [{ url: "/", headers: curl(["Origin", "http://anything.dev"]) }, { url: "/" }],
  },
  {
    name: "cors with credentials, exposed headers and max age",
    code: app(`
      app.use(cors({
        origin: "http://app.example.com",
        credentials: true,
        exposedHeaders: ["X-Total-Count", "Link"],
        allowedHeaders: "Content-Type,Authorization",
        methods: ["GET", "POST"],
        maxAge: 600,
      }));
      app.get("/", (req, res) => res.set("X-Total-Count", "3").json([1, 2, 3]));
    `, { imports: CORS }),
    requests: [
      { url: "/", headers: curl(["Origin", "http://app.example.com"]) },
      { method: "OPTIONS", url: "/", headers: curl(["Origin", "http://app.example.com"], ["Access-Control-Request-Method", "POST"]) },
    ],
  },
  {
    name: "cors on a single route",
    code: app(`
      app.get("/public", cors(), (req, res) => res.send("public"));
      app.get("/private", (req, res) => res.send("private"));
    `, { imports: CORS }),
    requests: [{ url: "/public", headers: curl(["Origin", "http://x.com"]) }, { url: "/private", headers: curl(["Origin", "http://x.com"]) }],
  },
  {
    name: "cors preflight passed on to the route with preflightContinue",
    code: app(`
      app.use(cors({ preflightContinue: true }));
      app.options("/", (req, res) => res.status(200).send("route saw the preflight"));
    `, { imports: CORS }),
    requests: [{ method: "OPTIONS", url: "/", headers: curl(["Origin", "http://x.com"], ["Access-Control-Request-Method", "DELETE"]) }],
  },
  {
    name: "cors optionsSuccessStatus 200 for old browsers",
    code: app(`
      app.use(cors({ optionsSuccessStatus: 200 }));
      app.get("/", (req, res) => res.send("ok"));
    `, { imports: CORS }),
    requests: [{ method: "OPTIONS", url: "/", headers: curl(["Origin", "http://x.com"], ["Access-Control-Request-Method", "GET"]) }],
  },
  {
    name: "cors with an origin callback",
    code: app(`
      const allowed = ["http://good.com"];
      app.use(cors({ origin: (origin, callback) => {
        if (origin === "http://error.com") return callback(new Error("Not allowed by CORS"));
        callback(null, allowed.includes(origin));
      } }));
      app.get("/", (req, res) => res.send("ok"));
    `, { imports: CORS }),
    requests: [
      { url: "/", headers: curl(["Origin", "http://good.com"]) },
      { url: "/", headers: curl(["Origin", "http://bad.com"]) },
      { url: "/", headers: curl(["Origin", "http://error.com"]) },
    ],
    compare: { body: "stack" },
  },
  {
    name: "cors with per-request options",
    code: app(`
      app.use(cors((req, callback) => callback(null, { origin: req.path.startsWith("/open"), maxAge: 0 })));
      app.all("/*splat", (req, res) => res.send(req.path));
    `, { imports: CORS }),
    requests: [
      { url: "/open/data", headers: curl(["Origin", "http://x.com"]) },
      { url: "/closed", headers: curl(["Origin", "http://x.com"]) },
      { method: "OPTIONS", url: "/open", headers: curl(["Origin", "http://x.com"], ["Access-Control-Request-Method", "PUT"]) },
    ],
  },
  {
    name: "cors adds Origin to an existing Vary header",
    code: app(`
      app.use((req, res, next) => { res.set("Vary", "Accept-Encoding"); next(); });
      app.use(cors({ origin: "http://example.com", allowedHeaders: ["Content-Type", "X-Token"], exposedHeaders: "X-Id", credentials: true }));
      app.get("/", (req, res) => res.send("ok"));
    `, { imports: CORS }),
    requests: [
      { url: "/", headers: curl(["Origin", "http://example.com"]) },
      { method: "OPTIONS", url: "/", headers: curl(["Origin", "http://example.com"], ["Access-Control-Request-Headers", "X-Other"]) },
    ],
  },
  // --- morgan ---------------------------------------------------------------
  {
    name: "morgan('dev') logs a coloured line per request",
    code: app(`
      app.use(morgan("dev"));
      app.get("/", (req, res) => res.send("home"));
      app.get("/boom", (req, res) => res.status(500).send("bad"));
      app.get("/moved", (req, res) => res.redirect("/"));
    `, { imports: MORGAN }),
    requests: [{ url: "/" }, { url: "/missing" }, { url: "/boom" }, { url: "/moved" }],
    compareLogs: true,
  },
  {
    name: "morgan('tiny') logs method, url, status and length",
    code: app(`
      app.use(morgan("tiny"));
      app.get("/", (req, res) => res.json({ hello: "world" }));
    `, { imports: MORGAN }),
    requests: [{ url: "/?x=1" }, { method: "HEAD", url: "/" }],
    compareLogs: true,
  },
  {
    name: "morgan('combined') logs the Apache combined format",
    code: app(`
      app.use(morgan("combined"));
      app.get("/", (req, res) => res.send("ok"));
    `, { imports: MORGAN }),
    requests: [{ url: "/" }, { url: "/", headers: curl(["Referer", "http://example.com/from"], ["User-Agent", "Mozilla/5.0 (Test)"]) }],
    compareLogs: true,
  },
  {
    name: "morgan('common') and morgan('short')",
    code: app(`
      app.use(morgan("common"));
      app.use(morgan("short"));
      app.post("/items", express.json(), (req, res) => res.status(201).json(req.body));
    `, { imports: MORGAN }),
    requests: [json("POST", "/items", { a: 1 })],
    compareLogs: true,
  },
  {
    name: "morgan with a custom format string and token",
    code: app(`
      morgan.token("user", (req) => req.headers["x-user"] ?? "anonymous");
      app.use(morgan(":method :url :status user=:user type=:res[content-type] agent=:req[user-agent] v:http-version"));
      app.get("/", (req, res) => res.send("ok"));
    `, { imports: MORGAN }),
    requests: [{ url: "/" }, { url: "/", headers: curl(["X-User", "ada"]) }],
    compareLogs: true,
  },
  {
    name: "morgan with a format function and skip",
    code: app(`
      app.use(morgan((tokens, req, res) => [tokens.method(req, res), tokens.url(req, res), tokens.status(req, res)].join(" | "), {
        skip: (req, res) => res.statusCode < 400,
      }));
      app.get("/", (req, res) => res.send("ok"));
    `, { imports: MORGAN }),
    requests: [{ url: "/" }, { url: "/missing" }],
    compareLogs: true,
  },
  {
    name: "morgan immediate logs before the response",
    code: app(`
      app.use(morgan(":method :url :status", { immediate: true }));
      app.get("/", (req, res) => { console.log("handler ran"); res.send("ok"); });
    `, { imports: MORGAN }),
    requests: [{ url: "/" }],
    compareLogs: true,
  },
  {
    name: "morgan lines interleave with console.log in order",
    code: app(`
      app.use(morgan("tiny"));
      app.get("/", (req, res) => { console.log("in handler"); console.error("to stderr"); res.send("ok"); });
    `, { imports: MORGAN }),
    requests: [{ url: "/" }, { url: "/" }],
    compareLogs: true,
  },
  {
    name: "morgan tokens for users, referrers, dates and timings",
    code: app(`
      app.use(morgan(":remote-addr :remote-user :referrer :date[iso] :date[web] :date[clf] :date[nope] :response-time[0] ms :total-time[1] ms :req[x-missing] :res[x-missing] :http-version"));
      app.get("/", (req, res) => res.send("ok"));
    `, { imports: MORGAN }),
    requests: [
      { url: "/" },
      { url: "/", headers: curl(["Authorization", "Basic dG9iaTpmZXJyZXQ="], ["Referer", "http://example.com/from"]) },
    ],
    compareLogs: true,
  },
  {
    name: "morgan escapes quotes and control characters",
    code: app(`
      morgan.token("note", (req) => req.get("x-note"));
      app.use(morgan('combined'));
      app.use(morgan(':note | :req[x-note]'));
      app.get("/", (req, res) => res.send("ok"));
    `, { imports: MORGAN }),
    requests: [{ url: "/", headers: curl(["User-Agent", 'evil" 200 "x \\\\ y'], ["X-Note", 'tab\there \u0085next "q"']) }],
    compareLogs: true,
  },
  {
    name: "morgan writes to a custom stream",
    code: app(`
      const stream = { write: (line) => console.log("LOG " + JSON.stringify(line)) };
      app.use(morgan(":method :url :status", { stream }));
      app.get("/", (req, res) => res.send("ok"));
    `, { imports: MORGAN }),
    requests: [{ url: "/" }, { url: "/nope" }],
    compareLogs: true,
  },
  {
    name: "morgan('dev') for HEAD and not-modified answers",
    code: app(`
      app.use(morgan("dev"));
      app.get("/cached", (req, res) => res.send("same"));
    `, { imports: MORGAN }),
    requests: [
      { method: "HEAD", url: "/cached" },
      { url: "/cached", headers: curl(["If-None-Match", 'W/"4-fl4fI1ScK3sbl+JKWTyX0yhnqAk"']) },
    ],
    compareLogs: true,
  },
  {
    name: "morgan logs a failed request before finalhandler logs the error",
    code: app(`
      app.set("env", "production");
      app.use(morgan("tiny"));
      app.get("/err", (req, res) => { throw new Error("boom"); });
    `, { imports: MORGAN }),
    requests: [{ url: "/err" }],
    compareLogs: true,
  },
  {
    name: "morgan's compile, format and token are named exports",
    code: app(`
      import { compile, format, token } from "morgan";
      token("who", (req) => req.query.who);
      format("mine", ":method :who");
      const line = compile(":method :url :who :req[x-none]");
      app.use(morgan("mine"));
      app.use(morgan((tokens, req, res) => line(tokens, req, res)));
      app.use(morgan("missing-name-is-a-format"));
      app.get("/", (req, res) => res.json({ mine: morgan.mine, same: morgan.compile === compile }));
    `, { imports: MORGAN }),
    requests: [{ url: "/?who=ada" }],
    compareLogs: true,
  },
  // --- found side by side with real Express ---------------------------
  {
    name: "res.on('finish') runs after the response is sent",
    code: app(`
      app.use((req, res, next) => {
        res.on("finish", () => console.log(req.method, req.originalUrl, res.statusCode));
        next();
      });
      app.get("/", (req, res) => res.send("hi"));
    `),
    requests: [{ url: "/" }, { url: "/missing" }],
    compareLogs: true,
  },
  {
    name: "reading the body by hand with req.on('data') and req.on('end')",
    code: app(`
      app.post("/echo", (req, res) => {
        let body = "";
        req.on("data", (chunk) => { body += chunk; });
        req.on("end", () => res.type("text").send("got: " + body));
      });
    `),
    requests: [{ method: "POST", url: "/echo", type: "text/plain", body: "hello" }],
  },
  {
    name: "res.flushHeaders starts a server-sent event stream",
    code: app(`
      app.get("/events", (req, res) => {
        res.set({ "Content-Type": "text/event-stream", "Cache-Control": "no-cache" });
        res.flushHeaders();
        res.write("data: one\\n\\n");
        res.end("data: two\\n\\n");
      });
    `),
    requests: [{ url: "/events" }],
  },
  {
    name: "an absolute-form request target routes on its path",
    code: app(`
      const api = express.Router();
      api.get("/items", (req, res) => res.json({ url: req.url, path: req.path, baseUrl: req.baseUrl, originalUrl: req.originalUrl, query: req.query }));
      app.use("/api", api);
      app.get("/direct/:id", (req, res) => res.json({ url: req.url, path: req.path, params: req.params, query: req.query }));
    `),
    requests: [{ url: "http://localhost:3000/api/items?x=1" }, { url: "http://localhost:3000/direct/7?y=2" }, { url: "http://localhost:3000/nope" }],
  },
]
