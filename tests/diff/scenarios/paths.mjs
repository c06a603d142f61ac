/**
 * Path patterns: Express 5 (path-to-regexp 8) syntax, what each pattern
 * matches, how params are decoded, and the errors old Express 4 syntax
 * now throws when the route is registered.
 */
import { app } from "../scenario-kit.mjs";

/** Registers `pattern` and serves the registration error (if any) at /error. */
const registerAndReport = (pattern) => app(`
  let problem = "no error";
  try {
    app.get(${JSON.stringify(pattern)}, (req, res) => res.send("matched"));
  } catch (err) {
    problem = err.name + " / " + (err instanceof TypeError) + " / " + err.message;
    console.log("route rejected:", err.message);
  }
  app.get("/error", (req, res) => res.type("text").send(problem));
`);

export default [
  {
    name: ":param captures exactly one path segment",
    code: app(`
      app.get("/users/:id", (req, res) => res.json(req.params));
    `),
    requests: [{ url: "/users/42" }, { url: "/users/42/" }, { url: "/users/42/extra" }, { url: "/users/" }, { url: "/users" }],
  },
  {
    name: "several params in one path",
    code: app(`
      app.get("/users/:userId/books/:bookId", (req, res) => res.json(req.params));
    `),
    requests: [{ url: "/users/34/books/8989" }],
  },
  {
    name: "params separated by a hyphen or a dot",
    code: app(`
      app.get("/flights/:from-:to", (req, res) => res.json(req.params));
      app.get("/plantae/:genus.:species", (req, res) => res.json(req.params));
    `),
    requests: [{ url: "/flights/LAX-SFO" }, { url: "/plantae/Prunus.persica" }, { url: "/flights/LAX" }],
  },
  {
    name: "a single param keeps dots and dashes",
    code: app(`
      app.get("/download/:file", (req, res) => res.json(req.params));
    `),
    requests: [{ url: "/download/report-2024.final.pdf" }],
  },
  {
    name: "*splat captures the rest of the path as an array",
    code: app(`
      app.get("/files/*filepath", (req, res) => res.json(req.params));
    `),
    requests: [{ url: "/files/a" }, { url: "/files/a/b/c.txt" }, { url: "/files/" }, { url: "/files" }],
  },
  {
    name: "{/*splat} makes the splat optional",
    code: app(`
      app.get("/docs{/*rest}", (req, res) => res.json({ rest: req.params.rest ?? null, keys: Object.keys(req.params) }));
    `),
    requests: [{ url: "/docs" }, { url: "/docs/" }, { url: "/docs/guide/intro" }],
  },
  {
    name: "/*splat catches every path, the Express 5 replacement for '*'",
    code: app(`
      app.get("/", (req, res) => res.send("home"));
      app.get("/*splat", (req, res) => res.status(404).json({ missing: req.params.splat }));
    `),
    requests: [{ url: "/" }, { url: "/nope" }, { url: "/a/b" }],
  },
  {
    name: "a splat in the middle of a path",
    code: app(`
      app.get("/repo/*path/blob", (req, res) => res.json(req.params));
    `),
    requests: [{ url: "/repo/src/lib/blob" }, { url: "/repo/blob" }],
  },
  {
    name: "{/:param} makes a segment optional",
    code: app(`
      app.get("/users{/:id}", (req, res) => res.json({ id: req.params.id ?? "none", has: "id" in req.params }));
    `),
    requests: [{ url: "/users" }, { url: "/users/5" }, { url: "/users/5/6" }],
  },
  {
    name: "an optional file extension with {.:ext}",
    code: app(`
      app.get("/report{.:format}", (req, res) => res.json({ format: req.params.format ?? "html" }));
    `),
    requests: [{ url: "/report" }, { url: "/report.json" }, { url: "/report.csv" }],
  },
  {
    name: "nested optional groups",
    code: app(`
      app.get("/archive{/:year{/:month}}", (req, res) => res.json(req.params));
    `),
    requests: [{ url: "/archive" }, { url: "/archive/2024" }, { url: "/archive/2024/05" }],
  },
  {
    name: "params are percent-decoded",
    code: app(`
      app.get("/users/:name", (req, res) => res.json(req.params));
    `),
    requests: [{ url: "/users/J%C3%B6rg" }, { url: "/users/a%2Fb" }, { url: "/users/hello%20world" }, { url: "/users/a+b" }],
  },
  {
    name: "each splat segment is decoded on its own",
    code: app(`
      app.get("/files/*parts", (req, res) => res.json(req.params.parts));
    `),
    requests: [{ url: "/files/a%2Fb/c%20d" }],
  },
  {
    name: "a malformed percent-encoding in a param is a 400",
    code: app(`
      app.set("env", "production");
      app.get("/users/:name", (req, res) => res.send(req.params.name));
    `),
    requests: [{ url: "/users/%E0%A4%A" }, { url: "/users/%zz" }],
  },
  {
    name: "a param decoding error can be read in an error handler",
    code: app(`
      app.get("/users/:name", (req, res) => res.send(req.params.name));
      app.use((err, req, res, next) => res.status(err.status).json({ name: err.name, message: err.message, status: err.status }));
    `),
    requests: [{ url: "/users/%E0%A4%A" }],
  },
  {
    name: "matching ignores letter case by default",
    code: app(`
      app.get("/About", (req, res) => res.send("about page"));
    `),
    requests: [{ url: "/about" }, { url: "/ABOUT" }, { url: "/About" }],
  },
  {
    name: "the case sensitive routing setting",
    code: app(`
      app.set("case sensitive routing", true);
      app.get("/About", (req, res) => res.send("about page"));
    `),
    requests: [{ url: "/About" }, { url: "/about" }],
  },
  {
    name: "params keep the case that was sent",
    code: app(`
      app.get("/tag/:name", (req, res) => res.send(req.params.name));
    `),
    requests: [{ url: "/TAG/MixedCase" }],
  },
  {
    name: "a trailing slash is optional by default",
    code: app(`
      app.get("/about", (req, res) => res.send("about"));
      app.get("/contact/", (req, res) => res.send("contact"));
    `),
    requests: [{ url: "/about/" }, { url: "/contact" }, { url: "/about//" }],
  },
  {
    name: "the strict routing setting makes the trailing slash matter",
    code: app(`
      app.enable("strict routing");
      app.get("/about", (req, res) => res.send("about"));
      app.get("/contact/", (req, res) => res.send("contact"));
    `),
    requests: [{ url: "/about/" }, { url: "/about" }, { url: "/contact" }, { url: "/contact/" }],
  },
  {
    name: "the query string is not part of the path",
    code: app(`
      app.get("/search", (req, res) => res.json({ path: req.path, q: req.query.q }));
    `),
    requests: [{ url: "/search?q=express" }, { url: "/search/?q=a/b" }],
  },
  {
    name: "regular expression routes",
    code: app(`
      app.get(/^\\/ab?cd$/, (req, res) => res.send("abcd or acd"));
      app.get(/fly$/, (req, res) => res.send("ends in fly"));
    `),
    requests: [{ url: "/acd" }, { url: "/abcd" }, { url: "/abbcd" }, { url: "/butterfly" }, { url: "/butterflyman" }],
  },
  {
    name: "regular expression capture groups become numbered params",
    code: app(`
      app.get(/^\\/commits\\/(\\w+)(?:\\.\\.(\\w+))?$/, (req, res) => res.json(req.params));
      app.get(/^\\/user\\/(?<id>\\d+)$/, (req, res) => res.json(req.params));
    `),
    requests: [{ url: "/commits/71dbb9c" }, { url: "/commits/71dbb9c..4c084f9" }, { url: "/user/12" }],
  },
  {
    name: "an array of paths shares one handler",
    code: app(`
      app.get(["/home", "/index", "/start/:step"], (req, res) => res.json({ path: req.path, params: req.params }));
    `),
    requests: [{ url: "/home" }, { url: "/index" }, { url: "/start/2" }, { url: "/other" }],
  },
  {
    name: "a quoted param name may contain dashes",
    code: app(`
      app.get('/items/:"item-id"', (req, res) => res.json(req.params));
    `),
    requests: [{ url: "/items/abc" }],
  },
  {
    name: "a backslash makes a special character literal",
    code: app(`
      app.get("/price\\\\(usd\\\\)", (req, res) => res.send("literal parentheses"));
      app.get("/star\\\\*", (req, res) => res.send("literal star"));
    `),
    requests: [{ url: "/price(usd)" }, { url: "/star*" }, { url: "/star" }],
  },
  {
    name: "the same param name twice keeps the last value",
    code: app(`
      app.get("/:a/:a", (req, res) => res.json(req.params));
    `),
    requests: [{ url: "/first/second" }],
  },
  {
    name: "app.use with a param in its path",
    code: app(`
      app.use("/shops/:shopId", (req, res) => res.json({ params: req.params, baseUrl: req.baseUrl, url: req.url }));
    `),
    requests: [{ url: "/shops/12/orders/3" }],
  },
  {
    name: "a colon with no name is rejected when the route is registered",
    code: registerAndReport("/users/:"),
    requests: [{ url: "/error" }],
    compareLogs: true,
  },
  {
    name: "the Express 4 '*' wildcard is rejected in Express 5",
    code: registerAndReport("*"),
    requests: [{ url: "/error" }],
    compareLogs: true,
  },
  {
    name: "an unnamed '/files/*' wildcard is rejected",
    code: registerAndReport("/files/*"),
    requests: [{ url: "/error" }],
  },
  {
    name: "the Express 4 optional param ':id?' is rejected",
    code: registerAndReport("/users/:id?"),
    requests: [{ url: "/error" }],
    compareLogs: true,
  },
  {
    name: "regex-like characters in a string path are rejected",
    code: registerAndReport("/ab+cd"),
    requests: [{ url: "/error" }],
  },
  {
    name: "an inline param regex ':id(\\d+)' is rejected",
    code: registerAndReport("/user/:id(\\d+)"),
    requests: [{ url: "/error" }],
  },
  {
    name: "an unclosed brace is rejected",
    code: registerAndReport("/docs{/:page"),
    requests: [{ url: "/error" }],
  },
  {
    name: "a param name must start like a JavaScript identifier",
    code: registerAndReport("/:1st"),
    requests: [{ url: "/error" }],
  },
  {
    name: "a start-up error from an invalid route can be caught and reported",
    code: `import express from "express";

const app = express();

try {
  app.get("/old-style/*", (req, res) => res.send("never"));
  app.listen(3000);
} catch (err) {
  console.log("could not start:", err.message);
  const fallback = express();
  fallback.use((req, res) => res.status(500).send("server failed to start"));
  fallback.listen(3000);
}
`,
    requests: [{ url: "/old-style/x" }],
    compareLogs: true,
  },
]
