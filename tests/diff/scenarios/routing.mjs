/**
 * Routing: which handler answers which method and path, in what order, and
 * what a mounted router or sub-app sees of the URL.
 */
import { app, curl } from "../scenario-kit.mjs";

export default [
  {
    name: "app.get answers GET and HEAD but not POST",
    code: app(`
      app.get("/", (req, res) => res.send("home"));
    `),
    requests: [{ url: "/" }, { method: "HEAD", url: "/" }, { method: "POST", url: "/" }],
  },
  {
    name: "each method helper routes its own method",
    code: app(`
      app.post("/item", (req, res) => res.send("created"));
      app.put("/item", (req, res) => res.send("replaced"));
      app.patch("/item", (req, res) => res.send("patched"));
      app.delete("/item", (req, res) => res.send("deleted"));
    `),
    requests: [
      { method: "POST", url: "/item" },
      { method: "PUT", url: "/item" },
      { method: "PATCH", url: "/item" },
      { method: "DELETE", url: "/item" },
      { method: "GET", url: "/item" },
    ],
  },
  {
    name: "app.all matches every method",
    code: app(`
      app.all("/any", (req, res) => res.send("you sent " + req.method));
    `),
    requests: [
      { url: "/any" },
      { method: "POST", url: "/any" },
      { method: "PUT", url: "/any" },
      { method: "DELETE", url: "/any" },
      { method: "PATCH", url: "/any" },
      { method: "HEAD", url: "/any" },
    ],
  },
  {
    name: "app.route chains several methods on one path",
    code: app(`
      app.route("/book")
        .get((req, res) => res.send("Get a random book"))
        .post((req, res) => res.send("Add a book"))
        .put((req, res) => res.send("Update the book"));
    `),
    requests: [{ url: "/book" }, { method: "POST", url: "/book" }, { method: "PUT", url: "/book" }, { method: "DELETE", url: "/book" }],
  },
  {
    name: "app.route.all runs before the method handler",
    code: app(`
      app.route("/users")
        .all((req, res, next) => { res.set("X-Seen-By-All", "yes"); next(); })
        .get((req, res) => res.send("user list"));
    `),
    requests: [{ url: "/users" }, { method: "POST", url: "/users" }],
  },
  {
    name: "handlers for the same path run in registration order",
    code: app(`
      app.get("/order", (req, res, next) => { req.trail = ["first"]; next(); });
      app.get("/order", (req, res, next) => { req.trail.push("second"); next(); });
      app.get("/order", (req, res) => res.json(req.trail.concat("third")));
    `),
    requests: [{ url: "/order" }],
  },
  {
    name: "the first matching route wins, so /users/new must come before /users/:id",
    code: app(`
      app.get("/users/new", (req, res) => res.send("new user form"));
      app.get("/users/:id", (req, res) => res.send("user " + req.params.id));
      app.get("/posts/:id", (req, res) => res.send("post " + req.params.id));
      app.get("/posts/new", (req, res) => res.send("never reached"));
    `),
    requests: [{ url: "/users/new" }, { url: "/users/7" }, { url: "/posts/new" }],
  },
  {
    name: "arrays of handlers and single handlers can be mixed",
    code: app(`
      const a = (req, res, next) => { req.steps = ["a"]; next(); };
      const b = (req, res, next) => { req.steps.push("b"); next(); };
      const c = (req, res, next) => { req.steps.push("c"); next(); };
      app.get("/mix", [a, b], c, (req, res) => res.json(req.steps));
      app.get("/nested", [a, [b, [c]]], (req, res) => res.json(req.steps));
    `),
    requests: [{ url: "/mix" }, { url: "/nested" }],
  },
  {
    name: "next('route') skips the rest of the route's handlers",
    code: app(`
      app.get("/user/:id", (req, res, next) => {
        if (req.params.id === "0") return next("route");
        next();
      }, (req, res) => res.send("regular user"));
      app.get("/user/:id", (req, res) => res.send("special user"));
    `),
    requests: [{ url: "/user/0" }, { url: "/user/5" }],
  },
  {
    name: "next('router') leaves the router and goes back to the app",
    code: app(`
      const router = express.Router();
      router.use((req, res, next) => {
        if (!req.headers["x-auth"]) return next("router");
        next();
      });
      router.get("/secret", (req, res) => res.send("the secret"));
      app.use("/admin", router);
      app.get("/admin/secret", (req, res) => res.status(401).send("no auth header"));
    `),
    requests: [{ url: "/admin/secret" }, { url: "/admin/secret", headers: curl(["X-Auth", "yes"]) }],
  },
  {
    name: "app.use without a path runs for every request",
    code: app(`
      let count = 0;
      app.use((req, res, next) => { count++; res.set("X-Request-Count", String(count)); next(); });
      app.get("/a", (req, res) => res.send("a"));
    `),
    requests: [{ url: "/a" }, { url: "/a" }, { url: "/missing" }],
  },
  {
    name: "app.use with a prefix strips it from req.url and sets baseUrl",
    code: app(`
      app.use("/api", (req, res) => {
        res.json({ url: req.url, path: req.path, baseUrl: req.baseUrl, originalUrl: req.originalUrl });
      });
    `),
    requests: [{ url: "/api" }, { url: "/api/" }, { url: "/api/users?limit=2" }, { url: "/API/Users" }, { url: "/apiary" }],
  },
  {
    name: "app.use matches whole path segments only",
    code: app(`
      app.use("/shop", (req, res, next) => { res.set("X-Shop", "yes"); next(); });
      app.get("/shop/cart", (req, res) => res.send("cart"));
      app.get("/shopping", (req, res) => res.send("shopping"));
    `),
    requests: [{ url: "/shop/cart" }, { url: "/shopping" }],
  },
  {
    name: "a Router mounted at /users sees its own paths",
    code: app(`
      const users = express.Router();
      users.get("/", (req, res) => res.send("all users"));
      users.get("/:id", (req, res) => res.json({ id: req.params.id, baseUrl: req.baseUrl, path: req.path, originalUrl: req.originalUrl }));
      app.use("/users", users);
    `),
    requests: [{ url: "/users" }, { url: "/users/" }, { url: "/users/42" }, { url: "/users/42/posts" }],
  },
  {
    name: "nested routers build up baseUrl",
    code: app(`
      const v1 = express.Router();
      const items = express.Router();
      items.get("/:id", (req, res) => res.json({ baseUrl: req.baseUrl, url: req.url, originalUrl: req.originalUrl }));
      v1.use("/items", items);
      app.use("/api/v1", v1);
    `),
    requests: [{ url: "/api/v1/items/3?full=1" }],
  },
  {
    name: "mergeParams lets a child router read the parent's params",
    code: app(`
      const posts = express.Router({ mergeParams: true });
      posts.get("/:postId", (req, res) => res.json(req.params));
      app.use("/users/:userId/posts", posts);
    `),
    requests: [{ url: "/users/7/posts/99" }],
  },
  {
    name: "without mergeParams a child router does not see the parent's params",
    code: app(`
      const posts = express.Router();
      posts.get("/:postId", (req, res) => res.json(req.params));
      app.use("/users/:userId/posts", posts);
    `),
    requests: [{ url: "/users/7/posts/99" }],
  },
  {
    name: "mergeParams prefers the child's value when names clash",
    code: app(`
      const child = express.Router({ mergeParams: true });
      child.get("/:id", (req, res) => res.json(req.params));
      app.use("/parent/:id", child);
    `),
    requests: [{ url: "/parent/outer/inner" }],
  },
  {
    name: "a caseSensitive router tells /Foo from /foo",
    code: app(`
      const strictCase = express.Router({ caseSensitive: true });
      strictCase.get("/Foo", (req, res) => res.send("capital Foo"));
      app.use("/cs", strictCase);
      const loose = express.Router();
      loose.get("/Foo", (req, res) => res.send("any case foo"));
      app.use("/ci", loose);
    `),
    requests: [{ url: "/cs/Foo" }, { url: "/cs/foo" }, { url: "/ci/foo" }, { url: "/ci/FOO" }],
  },
  {
    name: "a strict router tells /foo from /foo/",
    code: app(`
      const strictRouter = express.Router({ strict: true });
      strictRouter.get("/foo", (req, res) => res.send("no slash"));
      strictRouter.get("/bar/", (req, res) => res.send("with slash"));
      app.use("/s", strictRouter);
    `),
    requests: [{ url: "/s/foo" }, { url: "/s/foo/" }, { url: "/s/bar/" }, { url: "/s/bar" }],
  },
  {
    name: "a mounted router that has no match falls through to later app routes",
    code: app(`
      const api = express.Router();
      api.get("/ping", (req, res) => res.send("pong"));
      app.use("/api", api);
      app.use("/api", (req, res) => res.status(404).json({ error: "no such endpoint", path: req.path }));
    `),
    requests: [{ url: "/api/ping" }, { url: "/api/pong" }],
  },
  {
    name: "router.use middleware only runs for requests that reach the router",
    code: app(`
      const admin = express.Router();
      admin.use((req, res, next) => { res.set("X-Admin", "checked"); next(); });
      admin.get("/dashboard", (req, res) => res.send("dashboard"));
      app.use("/admin", admin);
      app.get("/public", (req, res) => res.send("public"));
    `),
    requests: [{ url: "/admin/dashboard" }, { url: "/public" }],
  },
  {
    name: "app.use accepts an array of paths",
    code: app(`
      app.use(["/a", "/b"], (req, res) => res.send("mounted at " + req.baseUrl));
    `),
    requests: [{ url: "/a" }, { url: "/b/x" }, { url: "/c" }],
  },
  {
    name: "a sub-app mounted with app.use knows its mountpath",
    code: app(`
      const blog = express();
      blog.get("/", (req, res) => res.json({ mountpath: blog.mountpath, baseUrl: req.baseUrl, path: blog.path() }));
      blog.get("/post/:slug", (req, res) => res.send("post " + req.params.slug));
      app.use("/blog", blog);
    `),
    requests: [{ url: "/blog" }, { url: "/blog/post/hello-world" }],
  },
  {
    name: "router.param runs once per request before the route",
    code: app(`
      const calls = [];
      app.param("id", (req, res, next, id) => { calls.push(id); req.item = { id }; next(); });
      app.get("/items/:id", (req, res, next) => next());
      app.get("/items/:id", (req, res) => res.json({ item: req.item, calls }));
    `),
    requests: [{ url: "/items/1" }, { url: "/items/2" }],
  },
  {
    name: "app.param can reject a request with an error",
    code: app(`
      app.param("userId", (req, res, next, id) => {
        if (!/^\\d+$/.test(id)) return res.status(400).send("userId must be a number");
        next();
      });
      app.get("/users/:userId", (req, res) => res.send("ok " + req.params.userId));
    `),
    requests: [{ url: "/users/12" }, { url: "/users/abc" }],
  },
  {
    name: "calling next() after the last handler gives the 404 page",
    code: app(`
      app.get("/maybe", (req, res, next) => next());
    `),
    requests: [{ url: "/maybe" }],
  },
  {
    name: "HEAD goes to the first matching route, even a GET one registered before app.head",
    code: app(`
      app.get("/thing", (req, res) => res.set("X-Handler", "get").send("thing"));
      app.head("/thing", (req, res) => res.set("X-Handler", "head").end());
      app.head("/other", (req, res) => res.set("X-Handler", "head").end());
      app.get("/other", (req, res) => res.set("X-Handler", "get").send("other"));
    `),
    requests: [{ method: "HEAD", url: "/thing" }, { method: "HEAD", url: "/other" }, { url: "/other" }],
  },
  {
    name: "middleware can attach data that later handlers read",
    code: app(`
      function loadUser(req, res, next) { req.user = { name: "Ada", role: "admin" }; next(); }
      app.get("/me", loadUser, (req, res) => res.json(req.user));
    `),
    requests: [{ url: "/me" }],
  },
  {
    name: "a Router can be used as plain middleware with no path",
    code: app(`
      const router = express.Router();
      router.get("/hello", (req, res) => res.send("hello from router"));
      app.use(router);
    `),
    requests: [{ url: "/hello" }, { url: "/bye" }],
  },
  // --- found side by side with real Express ---------------------------
  {
    name: "app.param accepts an array of names",
    code: app(`
      const seen = [];
      app.param(["user", "post"], (req, res, next, value, name) => { seen.push(name + "=" + value); next(); });
      app.get("/u/:user/p/:post", (req, res) => res.json(seen.splice(0)));
    `),
    requests: [{ url: "/u/ada/p/7" }],
  },
  {
    name: "app.use without a middleware function names app.use in the error",
    code: app(`
      const out = [];
      try { app.use(); } catch (err) { out.push(err.name + ": " + err.message); }
      try { app.use("/admin"); } catch (err) { out.push(err.name + ": " + err.message); }
      try { app.use("/admin", []); } catch (err) { out.push(err.name + ": " + err.message); }
      app.get("/", (req, res) => res.json(out));
    `),
    requests: [{ url: "/" }],
  },
  {
    name: "routing settings changed after the router exists do not apply to later routes",
    code: app(`
      app.use(express.json());
      app.enable("case sensitive routing");
      app.enable("strict routing");
      app.get("/Users", (req, res) => res.send("users"));
      app.get("/list/", (req, res) => res.send("list"));
    `),
    requests: [{ url: "/users" }, { url: "/list" }],
  },
  {
    name: "new express.Router() works like express.Router()",
    code: app(`
      const router = new express.Router();
      router.get("/", (req, res) => res.send("made with new"));
      app.use("/r", router);
    `),
    requests: [{ url: "/r" }],
  },
  {
    name: "app.router.stack lists the registered routes",
    code: app(`
      app.get("/users", (req, res) => res.send("u"));
      app.post("/users/:id", (req, res) => res.send("p"));
      app.get("/routes", (req, res) => res.json({
        type: typeof app.router,
        routes: app.router.stack.filter((layer) => layer.route).map((layer) => ({ path: layer.route.path, methods: Object.keys(layer.route.methods) })),
      }));
    `),
    requests: [{ url: "/routes" }],
  },
  {
    name: "router.stack layers: names, raw paths, matchers and nested routers",
    code: app(`
      const api = express.Router({ mergeParams: true });
      api.get("/items/:id", (req, res) => res.send("item"));
      api.use(function audit(req, res, next) { next(); });
      app.use(express.json());
      app.use(["/v1", /^\\/v(\\d)/], api);
      app.get("/files/*rest", (req, res) => res.send("f"));
      app.param("id", (req, res, next) => next());
      const sub = express();
      app.use("/sub", sub);
      const show = (layer) => ({
        keys: Object.keys(layer), name: layer.name, rawPath: String(layer.rawPath), slash: layer.slash,
        route: layer.route && { path: layer.route.path, methods: layer.route.methods, stack: layer.route.stack.map((l) => [l.name, l.method]) },
        nested: Array.isArray(layer.handle.stack) ? layer.handle.stack.map((l) => l.name) : null,
        matches: layer.matchers.map((m) => [m.name, m("/v1/items/7"), m("/files/a/b"), m("/SUB/x")]),
      });
      app.get("/stack", (req, res) => res.json({
        router: typeof app.router, same: app.router === app.router, keys: Object.keys(app.router),
        apiOptions: [api.caseSensitive, api.mergeParams, api.strict, Object.keys(api.params)], appParams: Object.keys(app.router.params),
        layers: app.router.stack.map(show),
      }));
      app.get("/bad", (req, res) => { try { app.router.stack[3].matchers[0]("/files/%E0"); res.send("no error"); } catch (e) { res.json({ name: e.name, message: e.message, status: e.status }); } });
    `),
    requests: [{ url: "/stack" }, { url: "/bad" }],
  },
  {
    name: "console.log(req.route) shows a Route with its Layer stack",
    code: app(`
      app.get("/user/:id", (req, res) => { console.log(req.route); res.json({ keys: Object.keys(req.route), route: req.route }); });
      app.route("/multi").get((req, res, next) => next(), function second(req, res) { console.log(req.route); res.end(); }).post((req, res) => res.end());
      app.all("/any", (req, res) => { console.log(req.route.stack.length, req.route.stack[0], req.route.methods); res.end(); });
      const r = express.Router();
      r.route("/x").all(function every(req, res) { console.log(req.route); res.end(); });
      app.use("/r", r);
    `),
    requests: [{ url: "/user/1" }, { url: "/multi" }, { url: "/any" }, { url: "/r/x" }],
    compareLogs: true,
  },
  {
    name: "console.log(req.params) shows a null-prototype object for string paths",
    code: app(`
      app.use("/m/:x", (req, res, next) => { console.log("use", req.params); next(); });
      app.get("/m/:x", (req, res) => { console.log("route", req.params); res.end(); });
    `),
    requests: [{ url: "/m/a" }],
    compareLogs: true,
  },
  {
    name: "req.params has no prototype for string paths, and an ordinary one for RegExp paths, use() and mergeParams",
    code: app(`
      const proto = (req) => (Object.getPrototypeOf(req.params) === null ? "null" : "Object");
      const seen = [];
      app.use((req, res, next) => { seen.push("use " + proto(req)); next(); });
      app.use("/m/:x", (req, res, next) => { seen.push("use path " + proto(req)); next(); });
      app.get(/^\\/re\\/(\\d+)$/, (req, res) => res.json([...seen.splice(0), "regexp " + proto(req), req.params]));
      app.get("/plain", (req, res) => res.json([...seen.splice(0), "no params " + proto(req)]));
      const merged = express.Router({ mergeParams: true });
      merged.get("/:y", (req, res) => res.json([...seen.splice(0), "merged " + proto(req), req.params]));
      const own = express.Router();
      own.get("/:y", (req, res) => res.json([...seen.splice(0), "own " + proto(req), req.params]));
      app.use("/m/:x", merged);
      app.use("/o/:x", own);
    `),
    requests: [{ url: "/re/7" }, { url: "/plain" }, { url: "/m/a/b" }, { url: "/o/a/b" }],
  },
]
