/**
 * `app.all` against `router.all` and `route.all`: Express's app.all registers
 * one route layer per HTTP method Node knows (http.METHODS), while the
 * router's all keeps a single layer with no method. Handlers run the same;
 * req.route.stack and req.route.methods show the difference.
 */
import { app } from "../scenario-kit.mjs";

/** A handler that answers with what req.route shows about its layers. */
const SHOW_ROUTE = `function show(req, res) {
  res.json({
    layers: req.route.stack.length,
    first: req.route.stack.slice(0, 3).map((l) => [l.name, l.method ?? "(none)"]),
    last: req.route.stack.at(-1).method ?? "(none)",
    methods: Object.keys(req.route.methods),
  });
}`;

export default [
  {
    name: "app.all puts one layer per HTTP method on the route",
    code: app(`
      ${SHOW_ROUTE}
      app.all("/any", show);
    `),
    requests: [{ url: "/any" }, { method: "POST", url: "/any" }, { method: "PROPFIND", url: "/any" }],
  },
  {
    name: "app.all with two handlers repeats both for every method",
    code: app(`
      ${SHOW_ROUTE}
      app.all("/any", function check(req, res, next) { next(); }, show);
    `),
    requests: [{ method: "PUT", url: "/any" }],
  },
  {
    name: "router.all and app.route().all keep one layer without a method",
    code: app(`
      ${SHOW_ROUTE}
      const router = express.Router();
      router.all("/any", show);
      app.use("/r", router);
      app.route("/chain").all(show);
    `),
    requests: [{ url: "/r/any" }, { method: "DELETE", url: "/chain" }],
  },
  {
    name: "app.all answers HEAD through its head layer, without a body",
    code: app(`
      app.all("/any", (req, res) => res.send("method " + req.method + " via " + req.route.stack.filter((l) => l.method === req.method.toLowerCase()).length + " layer"));
    `),
    requests: [{ method: "HEAD", url: "/any" }, { url: "/any" }],
  },
  {
    name: "OPTIONS after app.all calls next: only other routes fill Allow",
    code: app(`
      app.all("/both", (req, res, next) => next());
      app.put("/both", (req, res) => res.send("put"));
      app.all("/alone", (req, res, next) => next());
    `),
    requests: [{ method: "OPTIONS", url: "/both" }, { method: "OPTIONS", url: "/alone" }],
  },
  {
    name: "OPTIONS after router.all calls next: the same Allow as app.all",
    code: app(`
      const router = express.Router();
      router.all("/both", (req, res, next) => next());
      router.put("/both", (req, res) => res.send("put"));
      router.all("/alone", (req, res, next) => next());
      app.use(router);
    `),
    requests: [{ method: "OPTIONS", url: "/both" }, { method: "OPTIONS", url: "/alone" }],
  },
  {
    name: "app.all without a handler throws like route.acl()",
    code: app(`
      let message = "no error";
      try {
        app.all("/x");
      } catch (err) {
        message = err.name + ": " + err.message;
      }
      app.get("/", (req, res) => res.send(message));
    `),
    requests: [{ url: "/" }],
  },
];
