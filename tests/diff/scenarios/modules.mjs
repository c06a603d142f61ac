/**
 * Node's built-in modules as Express programs use them: the `__dirname`
 * idiom of ES modules (`fileURLToPath(import.meta.url)`), paths built
 * with `path.join(__dirname, ...)`, and `url.format`. The real server's
 * directory is not /app, so the answers name paths relative to it (or
 * facts about them), never the directory itself: ETags are computed over
 * the body, which the harness could not rename afterwards.
 */
import { app } from "../scenario-kit.mjs";

const DIRNAME = ['import path from "path";', 'import { fileURLToPath } from "url";', "", "const __filename = fileURLToPath(import.meta.url);", "const __dirname = path.dirname(__filename);"];

export default [
  {
    name: "the __dirname idiom: fileURLToPath(import.meta.url), then path.join(__dirname, ...)",
    code: app(
      `
      const views = path.join(__dirname, "views");
      app.get("/where", (req, res) => {
        res.json({
          file: path.basename(__filename),
          absolute: path.isAbsolute(__dirname),
          sameAsImportMeta: __dirname === import.meta.dirname && __filename === import.meta.filename,
          cwdIsTheDirectory: process.cwd() === __dirname,
          views: path.relative(__dirname, views),
          assets: path.relative(__dirname, path.resolve("public", "css", "..", "img")),
          up: path.relative(path.join(__dirname, "public", "css"), views),
          parsed: path.parse(path.join(__dirname, "public", "index.html")).base,
        });
      });
    `,
      { imports: DIRNAME },
    ),
    requests: [{ url: "/where" }],
  },
  {
    name: "a route keeps uploads inside their folder with path.join and path.relative",
    code: app(
      `
      const uploads = path.join(__dirname, "uploads");
      app.get("/files/:name", (req, res) => {
        const file = path.join(uploads, req.params.name);
        const inside = file.startsWith(uploads + path.sep);
        res.status(inside ? 200 : 403).json({
          inside,
          relative: path.relative(uploads, file),
          base: path.basename(file),
          ext: path.extname(file),
          name: path.basename(file, path.extname(file)),
        });
      });
    `,
      { imports: DIRNAME },
    ),
    requests: [{ url: "/files/report.pdf" }, { url: "/files/archive.tar.gz" }, { url: "/files/.env" }, { url: "/files/..%2F..%2Fetc%2Fpasswd" }, { url: "/files/..%2Fuploads%2Fa.txt" }],
  },
  {
    name: "url.format builds a link with a query; a path argument that is not a string reaches the error handler",
    code: app(
      `
      app.get("/link", (req, res) => {
        res.send(url.format({ protocol: "http", host: req.get("host"), pathname: "/search", query: { q: req.query.q, page: 2 } }));
      });
      app.get("/file-url", (req, res) => {
        try {
          res.send(url.fileURLToPath(req.query.u));
        } catch (err) {
          res.status(400).send(err.code + ": " + err.message);
        }
      });
      app.get("/static", (req, res) => res.send(path.join("/static", req.query.dir)));
    `,
      { imports: ['import path from "node:path";', 'import url from "node:url";'] },
    ),
    requests: [
      { url: "/link?q=express%20path" },
      { url: "/file-url?u=file:///srv/a%20b.txt" },
      { url: "/file-url?u=https://example.com/" },
      { url: "/file-url?u=file:///a%252Fb" },
      { url: "/static?dir=css" },
      { url: "/static" },
    ],
    compare: { body: "stack" },
  },
];
