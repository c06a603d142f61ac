// `res`: the response object handlers see. Header rules, `res.send`'s body rules, ETag and
// freshness live in the engine; this file maps JS values onto those calls.

const headersSentError = () => {
  const e = new Error("Cannot set headers after they are sent to the client");
  e.code = "ERR_HTTP_HEADERS_SENT";
  e.name = "Error";
  Object.defineProperty(e, "stack", { value: `Error [ERR_HTTP_HEADERS_SENT]: Cannot set headers after they are sent to the client${e.stack.slice(e.stack.indexOf("\n"))}` });
  return e;
};

function finishIfDone(ctx) {
  if (ctx.ex.finished) ctx.finish();
}

const CTX = Symbol("exchange");

/** What every `res` inherits, as Express's `app.response` prototype. */
const responseProto = {
    get statusCode() { return this[CTX].ex.status; },
    set statusCode(code) { this[CTX].ex.status = code; },
    get headersSent() { return this[CTX].ex.finished; },
    get finished() { return this[CTX].ex.finished; },
    get writableEnded() { return this[CTX].ex.finished; },
    setHeader(name, value) {
      if (this[CTX].ex.finished) throw headersSentError();
      this[CTX].ex.setHeader(name, Array.isArray(value) ? value.map(String) : [String(value)]);
      return this;
    },
    getHeader(name) {
      return this[CTX].ex.getHeader(name) ?? undefined;
    },
    removeHeader(name) {
      if (this[CTX].ex.finished) throw headersSentError();
      this[CTX].ex.removeHeader(name);
    },
    status(code) {
      if (!Number.isInteger(code)) throw new TypeError(`Invalid status code: ${JSON.stringify(code)}. Status code must be an integer.`);
      if (code < 100 || code > 999) throw new RangeError(`Invalid status code: ${JSON.stringify(code)}. Status code must be greater than 99 and less than 1000.`);
      this[CTX].ex.status = code;
      return this;
    },
    set(field, val) {
      if (arguments.length === 2) {
        let value = Array.isArray(val) ? val.map(String) : String(val);
        if (field.toLowerCase() === "content-type") {
          if (Array.isArray(value)) throw new TypeError("Content-Type cannot be set to an Array");
          value = this[CTX].program.wasm.contentType(value) ?? false;
          value = String(value);
        }
        this.setHeader(field, value);
      } else {
        for (const key in field) this.set(key, field[key]);
      }
      return this;
    },
    header(field, val) {
      return arguments.length === 2 ? this.set(field, val) : this.set(field);
    },
    get(field) {
      return this.getHeader(field);
    },
    append(field, val) {
      const prev = this.get(field);
      let value = val;
      if (prev) {
        const prevList = this[CTX].ex.getHeader(field) !== undefined && field.toLowerCase() === "set-cookie" ? prev.split(", ") : [prev];
        value = [].concat(prevList, val);
      }
      return this.set(field, value);
    },
    type(type) {
      const ct = type.indexOf("/") === -1 ? (this[CTX].program.wasm.contentType(type) || "application/octet-stream") : type;
      return this.set("Content-Type", ct);
    },
    contentType(type) {
      return this.type(type);
    },
    send(body) {
      if (this[CTX].ex.finished) throw headersSentError();
      switch (typeof body) {
        case "string":
          if (this.get("Content-Type") === undefined) this.type("html");
          this[CTX].ex.sendText(body);
          break;
        case "boolean":
        case "number":
        case "object":
          if (body === null) this[CTX].ex.sendText("");
          else if (ArrayBuffer.isView(body)) {
            if (this.get("Content-Type") === undefined) this.type("bin");
            this[CTX].ex.sendBytes(new Uint8Array(body.buffer, body.byteOffset, body.byteLength));
          } else return this.json(body);
          break;
        default:
          this[CTX].ex.sendEmpty();
      }
      finishIfDone(this[CTX]);
      return this;
    },
    json(obj) {
      const app = this.app;
      const body = stringify(obj, app.get("json replacer"), app.get("json spaces"), app.get("json escape"));
      if (this.get("Content-Type") === undefined) this.set("Content-Type", "application/json");
      return this.send(body);
    },
    sendStatus(code) {
      const body = this[CTX].program.wasm.statusText(code) || String(code);
      this.status(code);
      this.type("txt");
      return this.send(body);
    },
    end(data) {
      if (this[CTX].ex.finished) return this;
      const bytes = data === undefined || data === null ? new Uint8Array() : typeof data === "string" ? new TextEncoder().encode(data) : new Uint8Array(data.buffer ?? data, data.byteOffset ?? 0, data.byteLength ?? data.length);
      this[CTX].ex.end(bytes);
      finishIfDone(this[CTX]);
      return this;
    },
    location(url) {
      return this.set("Location", encodeUrl(url));
    },
    redirect(...args) {
      let address = args[0];
      let status = 302;
      if (args.length === 2) {
        status = args[0];
        address = args[1];
      }
      this.location(address);
      const loc = this.get("Location");
      const escaped = escapeHtml(loc);
      const text = `${this[CTX].program.wasm.statusText(status)}. Redirecting to ${loc}`;
      const html = `<!DOCTYPE html><head><title>${this[CTX].program.wasm.statusText(status)}</title></head><body><p>${this[CTX].program.wasm.statusText(status)}. Redirecting to ${escaped}</p></body>`;
      const accept = this.req.accepts(["text", "html"]);
      this.status(status);
      if (accept === "text") {
        this.set("Content-Type", "text/plain; charset=utf-8");
        const b = new TextEncoder().encode(text);
        this.set("Content-Length", b.length);
        this[CTX].ex.end(this.req.method === "HEAD" ? new Uint8Array() : b);
      } else if (accept === "html") {
        this.set("Content-Type", "text/html; charset=utf-8");
        const b = new TextEncoder().encode(html);
        this.set("Content-Length", b.length);
        this[CTX].ex.end(this.req.method === "HEAD" ? new Uint8Array() : b);
      } else {
        this.set("Content-Length", 0);
        this[CTX].ex.end(new Uint8Array());
      }
      finishIfDone(this[CTX]);
    },
};

export function createResponse(ctx, req) {
  const res = Object.create(responseProto);
  res[CTX] = ctx;
  res.locals = Object.create(null);
  res.app = ctx.app;
  res.req = req;
  return res;
}

/** Express's `stringify`: JSON with the app's replacer and spaces, optional escaping. */
function stringify(value, replacer, spaces, escape) {
  let json = replacer || spaces ? JSON.stringify(value, replacer, spaces) : JSON.stringify(value);
  if (escape && typeof json === "string") {
    json = json.replace(/[<>&]/g, (c) => (c === "<" ? "\\u003c" : c === ">" ? "\\u003e" : "\\u0026"));
  }
  return json;
}

function escapeHtml(s) {
  return String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}

function encodeUrl(url) {
  return String(url)
    .replace(/(?:[^\x21\x23-\x3B\x3D\x3F-\x5F\x61-\x7A\x7C\x7E]|%(?![0-9A-Fa-f]{2}))+/g, (s) => encodeURI(s));
}
