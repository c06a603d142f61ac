/**
 * Errors: how next(err), thrown errors and rejected promises travel to
 * error middleware, and what Express's default handler (finalhandler)
 * answers. Scenarios that hit the development error page compare its body
 * with the "stack" normaliser: the stack frames name files and lines of a
 * different engine, but "Error: boom" and the HTML around it must match.
 */
import { app, json } from "../scenario-kit.mjs";

const STACK = { body: "stack" };

export default [
  {
    name: "next(err) reaches an error handler with four arguments",
    code: app(`
      app.get("/", (req, res, next) => next(new Error("something broke")));
      app.use((err, req, res, next) => res.status(500).send("caught: " + err.message));
    `),
    requests: [{ url: "/" }],
  },
  {
    name: "an error thrown in a route handler reaches the error handler",
    code: app(`
      app.get("/", (req, res) => { throw new Error("thrown synchronously"); });
      app.use((err, req, res, next) => res.status(500).json({ message: err.message, name: err.name }));
    `),
    requests: [{ url: "/" }],
  },
  {
    name: "an async handler that throws reaches the error handler",
    code: app(`
      app.get("/", async (req, res) => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        throw new Error("thrown after await");
      });
      app.use((err, req, res, next) => res.status(500).send("caught: " + err.message));
    `),
    requests: [{ url: "/" }],
  },
  {
    name: "a rejected promise returned by middleware reaches the error handler",
    code: app(`
      app.use((req, res, next) => Promise.reject(new Error("rejected in middleware")));
      app.get("/", (req, res) => res.send("never"));
      app.use((err, req, res, next) => res.status(500).send("caught: " + err.message));
    `),
    requests: [{ url: "/" }],
  },
  {
    name: "an async handler can respond after an await",
    code: app(`
      app.get("/", async (req, res, next) => {
        await null;
        res.send("answered late");
      });
    `),
    requests: [{ url: "/" }],
  },
  {
    name: "a promise rejected with no reason becomes an Error",
    code: app(`
      app.get("/", async () => { throw undefined; });
      app.use((err, req, res, next) => res.status(500).json({ isError: err instanceof Error, message: err.message }));
    `),
    requests: [{ url: "/" }],
  },
  {
    name: "regular middleware is skipped while an error is being handled",
    code: app(`
      app.get("/", (req, res, next) => next(new Error("boom")));
      app.use((req, res, next) => res.send("normal middleware should not run"));
      app.use((err, req, res, next) => res.status(500).send("error middleware ran"));
    `),
    requests: [{ url: "/" }],
  },
  {
    name: "error handlers are skipped when there is no error",
    code: app(`
      app.use((err, req, res, next) => res.send("should not run"));
      app.get("/", (req, res) => res.send("normal response"));
    `),
    requests: [{ url: "/" }],
  },
  {
    name: "an error handler can pass the error on to the next one",
    code: app(`
      app.get("/", (req, res, next) => next(new Error("boom")));
      app.use((err, req, res, next) => { console.log("logging:", err.message); next(err); });
      app.use((err, req, res, next) => res.status(500).send("second handler: " + err.message));
    `),
    requests: [{ url: "/" }],
    compareLogs: true,
  },
  {
    name: "an error handler that calls next() resumes normal routing",
    code: app(`
      app.use((req, res, next) => next(new Error("recoverable")));
      app.use((err, req, res, next) => { req.recovered = err.message; next(); });
      app.get("/", (req, res) => res.send("recovered from " + req.recovered));
    `),
    requests: [{ url: "/" }],
  },
  {
    name: "an error handler registered before the routes does not see their errors",
    code: app(`
      app.set("env", "production");
      app.use((err, req, res, next) => res.status(500).send("too early"));
      app.get("/", (req, res) => { throw new Error("late"); });
    `),
    requests: [{ url: "/" }],
  },
  {
    name: "an error handler on a router handles that router's errors",
    code: app(`
      const api = express.Router();
      api.get("/fail", (req, res) => { throw new Error("api failure"); });
      api.use((err, req, res, next) => res.status(500).json({ error: err.message }));
      app.use("/api", api);
      app.get("/fail", (req, res) => { throw new Error("app failure"); });
      app.use((err, req, res, next) => res.status(500).send("app handler: " + err.message));
    `),
    requests: [{ url: "/api/fail" }, { url: "/fail" }],
  },
  {
    name: "the default 404 page",
    code: app(`
      app.get("/", (req, res) => res.send("home"));
    `),
    requests: [{ url: "/nope" }, { method: "DELETE", url: "/" }, { method: "HEAD", url: "/nope" }],
  },
  {
    name: "the 404 page encodes odd characters in the path",
    code: app(`
      app.get("/", (req, res) => res.send("home"));
    `),
    requests: [{ url: "/%3Cscript%3Ealert(1)%3C/script%3E" }, { url: "/caf%C3%A9?x=<b>" }, { url: "/a%20b/../c" }],
  },
  {
    name: "a custom 404 handler placed after all routes",
    code: app(`
      app.get("/", (req, res) => res.send("home"));
      app.use((req, res) => res.status(404).json({ error: "Not found", path: req.originalUrl }));
    `),
    requests: [{ url: "/missing?x=1" }],
  },
  {
    name: "the development error page shows the stack",
    code: app(`
      app.get("/", (req, res) => { throw new Error("boom"); });
    `),
    requests: [{ url: "/" }, { method: "HEAD", url: "/" }],
    compare: STACK,
    compareLogs: true,
  },
  {
    name: "the development error page for next(err) from middleware",
    code: app(`
      app.use((req, res, next) => next(new TypeError("bad type")));
    `),
    requests: [{ url: "/anything" }],
    compare: STACK,
  },
  {
    name: "the production error page hides the stack",
    code: app(`
      app.set("env", "production");
      app.get("/", (req, res) => { throw new Error("secret details"); });
    `),
    requests: [{ url: "/" }],
  },
  {
    name: "err.status chooses the status of the error page",
    code: app(`
      app.set("env", "production");
      app.get("/forbidden", (req, res, next) => { const e = new Error("no"); e.status = 403; next(e); });
      app.get("/gone", (req, res, next) => { const e = new Error("gone"); e.statusCode = 410; next(e); });
      app.get("/teapot", (req, res, next) => { const e = new Error("tea"); e.status = 418; next(e); });
    `),
    requests: [{ url: "/forbidden" }, { url: "/gone" }, { url: "/teapot" }],
  },
  {
    name: "err.status outside 400-599 is ignored and becomes 500",
    code: app(`
      app.set("env", "production");
      app.get("/ok", (req, res, next) => { const e = new Error("x"); e.status = 200; next(e); });
      app.get("/huge", (req, res, next) => { const e = new Error("x"); e.status = 700; next(e); });
      app.get("/string", (req, res, next) => { const e = new Error("x"); e.status = "404"; next(e); });
    `),
    requests: [{ url: "/ok" }, { url: "/huge" }, { url: "/string" }],
  },
  {
    name: "without err.status the error page keeps a 4xx/5xx res.status",
    code: app(`
      app.set("env", "production");
      app.get("/a", (req, res, next) => { res.status(503); next(new Error("x")); });
      app.get("/b", (req, res, next) => { res.status(201); next(new Error("x")); });
    `),
    requests: [{ url: "/a" }, { url: "/b" }],
  },
  {
    name: "err.headers are added to the error page when err.status is set",
    code: app(`
      app.set("env", "production");
      app.get("/", (req, res, next) => {
        const e = new Error("slow down");
        e.status = 429;
        e.headers = { "Retry-After": "120", "X-Reason": "rate limit" };
        next(e);
      });
      app.get("/nostatus", (req, res, next) => {
        const e = new Error("x");
        e.headers = { "X-Ignored": "yes" };
        next(e);
      });
    `),
    requests: [{ url: "/" }, { url: "/nostatus" }],
  },
  {
    name: "the error page drops headers set before the error",
    code: app(`
      app.set("env", "production");
      app.get("/", (req, res, next) => {
        res.set("Content-Language", "en");
        res.set("X-Custom", "kept");
        res.type("json");
        next(new Error("x"));
      });
    `),
    requests: [{ url: "/" }],
  },
  {
    name: "next() with a string shows the string on the error page",
    code: app(`
      app.get("/", (req, res, next) => next("plain string error"));
    `),
    requests: [{ url: "/" }],
  },
  {
    name: "throwing a plain object uses its status",
    code: app(`
      app.get("/", () => { throw { status: 401, message: "login required" }; });
    `),
    requests: [{ url: "/" }],
  },
  {
    name: "an error thrown inside an error handler goes to the default handler",
    code: app(`
      app.set("env", "production");
      app.get("/", (req, res, next) => next(new Error("first")));
      app.use((err, req, res, next) => { throw new Error("second, from the handler"); });
    `),
    requests: [{ url: "/" }],
  },
  {
    name: "the default handler logs the error to the console",
    code: app(`
      app.set("env", "production");
      app.get("/", (req, res) => { throw new Error("logged but hidden"); });
    `),
    requests: [{ url: "/" }],
    compareLogs: true,
  },
  {
    name: "the test env does not log errors",
    code: app(`
      app.set("env", "test");
      app.get("/", (req, res) => { throw new Error("quiet"); });
    `),
    requests: [{ url: "/" }],
    compare: STACK,
    compareLogs: true,
  },
  {
    name: "a JSON.parse error message in a custom error handler",
    code: app(`
      app.get("/", (req, res) => res.json(JSON.parse(req.query.data)));
      app.use((err, req, res, next) => res.status(400).json({ name: err.name, message: err.message }));
    `),
    requests: [{ url: "/?data=%7B%22a%22%3A1%7D" }, { url: "/?data=%7Bbad" }, { url: "/?data=" }],
  },
  {
    name: "reading a property of undefined gives a TypeError",
    code: app(`
      app.get("/", (req, res) => {
        const user = undefined;
        res.send(user.name);
      });
      app.use((err, req, res, next) => res.status(500).send(err.name + ": " + err.message));
    `),
    requests: [{ url: "/" }],
  },
  {
    name: "an error handler with three parameters is treated as normal middleware",
    code: app(`
      app.get("/", (req, res, next) => next(new Error("boom")));
      app.use((err, req, res) => res.send("three-argument handler ran"));
      app.use((err, req, res, next) => res.status(500).send("four-argument handler ran"));
    `),
    requests: [{ url: "/" }],
  },
  // --- found side by side with real Express ---------------------------
  {
    name: "the error page for a status code Node does not know says 'unknown'",
    code: app(`
      app.get("/dev", (req, res, next) => { const err = new Error("odd"); err.status = 420; next(err); });
      app.get("/res", (req, res, next) => { res.status(499); next(new Error("client went away")); });
    `),
    requests: [{ url: "/dev" }, { url: "/res" }],
    compare: { body: "stack" },
  },
  {
    name: "the production error page for an unknown status shows 'undefined'",
    code: app(`
      app.set("env", "production");
      app.get("/", (req, res, next) => { const err = new Error("odd"); err.status = 599; next(err); });
    `),
    requests: [{ url: "/" }],
  },
  {
    name: "err.headers with an array value become separate header lines",
    code: app(`
      app.get("/", (req, res, next) => {
        const err = new Error("slow down");
        err.status = 429;
        err.headers = { "X-Reason": ["quota", "burst"], "Retry-After": 10 };
        next(err);
      });
    `),
    requests: [{ url: "/" }],
    compare: { body: "stack" },
  },
  {
    name: "the default handler logs the error's own properties, and plain objects as objects",
    code: app(`
      app.use(express.json());
      app.post("/json", (req, res) => res.json(req.body));
      app.get("/status", (req, res, next) => { const err = new Error("quiet"); err.status = 404; next(err); });
      app.get("/object", (req, res) => { throw { message: "not an Error" }; });
    `),
    requests: [json("POST", "/json", "{bad"), { url: "/status" }, { url: "/object" }],
    compareLogs: true,
    compare: { body: "stack" },
  },
]
