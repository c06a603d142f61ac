//! Bindings behind `res` (`js/response.mjs`): the status and headers, `res.send`'s body and
//! ETag rules, streaming with `res.write`, `res.writeHead`, `statusMessage`, `res.vary`,
//! `res.attachment`, finalhandler and the finished response. The rules are the engine's
//! (`engine::response`, `engine::vary`, `engine::disposition`, `engine::finalhandler`).

use crate::exchange::{put, SLOT_COUNT, SLOT_STATUS};
use crate::{scratch, Routing};
use engine::finalhandler::{self, ErrorInfo};
use engine::http::Headers;
use engine::response::{Body, ETagPolicy};
use engine::router::Step;
use engine::{disposition, js_date, mime, vary};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;

fn type_error(message: &str) -> JsValue {
    js_sys::TypeError::new(message).into()
}

#[wasm_bindgen]
impl Routing {
    /// `res.statusCode`.
    pub fn status(&self, ex: u32) -> u16 {
        self.ex(ex).res.status
    }

    #[wasm_bindgen(js_name = setStatus)]
    pub fn set_status(&mut self, ex: u32, code: u16) {
        self.ex_mut(ex).res.status = code;
    }

    /// `res.finished` / `res.writableEnded`.
    pub fn finished(&self, ex: u32) -> bool {
        self.ex(ex).res.finished
    }

    /// `res.headersSent`.
    #[wasm_bindgen(js_name = headersSent)]
    pub fn headers_sent(&self, ex: u32) -> bool {
        self.ex(ex).res.headers_sent()
    }

    /// `res.statusMessage` (`undefined` until set or sent).
    #[wasm_bindgen(js_name = statusMessage)]
    pub fn status_message(&self, ex: u32) -> Option<String> {
        let res = &self.ex(ex).res;
        match &res.status_message {
            Some(m) => Some(m.clone()),
            None => res.headers_sent().then(|| res.reason()),
        }
    }

    #[wasm_bindgen(js_name = setStatusMessage)]
    pub fn set_status_message(&mut self, ex: u32, message: Option<String>) {
        self.ex_mut(ex).res.status_message = message;
    }

    /// `res.setHeader(name, value)` with one value; both are in the scratch buffer.
    #[wasm_bindgen(js_name = setHeader)]
    pub fn set_header(&mut self, ex: u32, name_len: usize, value_len: usize) {
        let headers = &mut self.ex_mut(ex).res.headers;
        // `Headers::set` is `set_values` for one value, in place.
        scratch::read([name_len, value_len], |[name, value]| {
            headers.set(name, value)
        });
    }

    /// `res.setHeader(name, [values])`: several values go out as several lines (Set-Cookie).
    #[wasm_bindgen(js_name = setHeaderValues)]
    pub fn set_header_values(&mut self, ex: u32, name: &str, values: Vec<String>) {
        set_values(&mut self.ex_mut(ex).res.headers, name, values);
    }

    /// The first value of the response header named in the scratch buffer; the mailbox's
    /// count says how many there are (`res.getHeader` gives an array for several, see
    /// `getHeaderValues`).
    #[wasm_bindgen(js_name = getHeader)]
    pub fn get_header(&self, ex: u32, name_len: usize) -> Option<String> {
        let headers = &self.ex(ex).res.headers;
        scratch::read([name_len], |[name]| {
            let mut values = headers.get_all(name);
            let first = values.next()?.to_string();
            put(SLOT_COUNT, 1 + values.count() as i32);
            Some(first)
        })
    }

    /// Every value of a response header.
    #[wasm_bindgen(js_name = getHeaderValues)]
    pub fn get_header_values(&self, ex: u32, name: &str) -> Vec<String> {
        let res = &self.ex(ex).res;
        res.headers.get_all(name).map(str::to_string).collect()
    }

    /// `res.hasHeader(name)`.
    #[wasm_bindgen(js_name = hasHeader)]
    pub fn has_header(&self, ex: u32, name: &str) -> bool {
        self.ex(ex).res.headers.contains(name)
    }

    /// The names of the response headers set so far, in order (`res.getHeaderNames()`).
    #[wasm_bindgen(js_name = responseHeaderNames)]
    pub fn response_header_names(&self, ex: u32) -> Vec<String> {
        let res = &self.ex(ex).res;
        res.headers.iter().map(|(n, _)| n.to_string()).collect()
    }

    #[wasm_bindgen(js_name = removeHeader)]
    pub fn remove_header(&mut self, ex: u32, name: &str) {
        self.ex_mut(ex).res.headers.remove(name);
    }

    /// `res.send(body)`. `kind`: 0 a string (`text_len` bytes in the scratch buffer),
    /// 1 bytes, 2 `null`, 3 `undefined`. `etag_mode`: 0 weak, 1 strong, 2 none, 3 the
    /// learner's `etag` value. Throws the TypeError of a Content-Type that cannot take a
    /// charset; returns `res.finished`.
    #[wasm_bindgen(js_name = sendBody)]
    pub fn send_body(
        &mut self,
        ex: u32,
        kind: u8,
        text_len: usize,
        bytes: Option<Vec<u8>>,
        etag_mode: u8,
        etag: Option<String>,
    ) -> Result<bool, JsValue> {
        let body = match kind {
            0 => Body::Text(scratch::read([text_len], |[text]| text.to_string())),
            1 => Body::Bytes(bytes.unwrap_or_default()),
            2 => Body::Null,
            _ => Body::Empty,
        };
        let policy = match (etag_mode, etag) {
            (0, _) => ETagPolicy::Weak,
            (1, _) => ETagPolicy::Strong,
            (3, Some(tag)) => ETagPolicy::Given(tag),
            _ => ETagPolicy::Off,
        };
        let ex = self.ex_mut(ex);
        ex.res
            .send_with(body, &policy, &ex.dispatch.req.method, &ex.req_headers)
            .map_err(|m| type_error(&m))?;
        Ok(ex.res.finished)
    }

    /// `res.write(chunk)`; `false` after the response ended.
    pub fn write(&mut self, ex: u32, data: &[u8]) -> bool {
        let ex = self.ex_mut(ex);
        ex.res.write(data, &ex.dispatch.req.method)
    }

    /// `res.end(data)`.
    pub fn end(&mut self, ex: u32, data: Vec<u8>) {
        let ex = self.ex_mut(ex);
        ex.res.end(data, &ex.dispatch.req.method);
    }

    /// `res.writeHead()`: the status and headers are set; the head goes out now.
    #[wasm_bindgen(js_name = writeHead)]
    pub fn write_head(&mut self, ex: u32) {
        let ex = self.ex_mut(ex);
        ex.res.write_head_now(&ex.dispatch.req.method);
    }

    /// `res.vary(field)`: `fields` is the learner's array when `list`, else one string that
    /// is split on commas.
    pub fn vary(&mut self, ex: u32, fields: Vec<String>, list: bool) -> Result<(), JsValue> {
        let fields = match (list, fields.first()) {
            (false, Some(one)) => vary::parse(one),
            _ => fields,
        };
        let headers = &mut self.ex_mut(ex).res.headers;
        let current: Vec<&str> = headers.get_all("vary").collect();
        let value = vary::append(&current.join(", "), &fields).map_err(|m| type_error(&m))?;
        if !value.is_empty() {
            headers.set("Vary", value);
        }
        Ok(())
    }

    /// The automatic OPTIONS answer (`Allow` list), when the step says so.
    #[wasm_bindgen(js_name = sendOptions)]
    pub fn send_options(&mut self, ex: u32) {
        let ex = self.ex_mut(ex);
        if let Step::Options { allow } = &ex.step {
            let allow = allow.clone();
            let h = &mut ex.res.headers;
            h.set("Allow", allow.clone());
            h.set("Content-Length", allow.len().to_string());
            h.set("Content-Type", "text/plain");
            h.set("X-Content-Type-Options", "nosniff");
            ex.res.end(allow.into_bytes(), &ex.dispatch.req.method);
        }
    }

    /// `finalhandler`: the 404 page, or the error page for an error described by JS;
    /// `headers` are `err.headers` as `[name, value, ...]`. Returns `res.finished`.
    #[wasm_bindgen(js_name = finalHandler)]
    pub fn final_handler(
        &mut self,
        ex: u32,
        has_error: bool,
        status: u16,
        stack: Option<String>,
        production: bool,
        headers: Vec<String>,
    ) -> bool {
        let info = has_error.then(|| ErrorInfo {
            status: (400..600).contains(&status).then_some(status),
            stack,
            headers: headers
                .chunks_exact(2)
                .map(|p| (p[0].clone(), p[1].clone()))
                .collect(),
        });
        let ex = self.ex_mut(ex);
        let url = &ex.dispatch.req.original_url;
        finalhandler::respond(
            &mut ex.res,
            &ex.dispatch.req.method,
            url,
            info.as_ref(),
            production,
        );
        ex.res.finished
    }

    /// The finished response's head as `statusText\0name\0value\0...` (the status in the
    /// mailbox), or as an array when a part holds a NUL. `now` is `Date.now()`, for Node's
    /// `Date` header. The body follows with `responseBody`.
    pub fn response(&self, ex: u32, now: f64) -> JsValue {
        let res = &self.ex(ex).res;
        let date = http_date(now);
        if let Some((status, reason, lines)) = res.head_lines(&date) {
            put(SLOT_STATUS, i32::from(status));
            let mut head = String::with_capacity(256);
            head.push_str(reason);
            let mut clean = !reason.contains('\0');
            for (n, v) in lines {
                clean &= !n.contains('\0') && !v.contains('\0');
                head.push('\0');
                head.push_str(n);
                head.push('\0');
                head.push_str(v);
            }
            if clean {
                return head.into();
            }
        }
        let out = res.finish(&date);
        put(SLOT_STATUS, i32::from(out.status));
        let parts = std::iter::once(out.status_text.as_str())
            .chain(out.headers.iter().flat_map(|(n, v)| [n, v]));
        parts
            .map(JsValue::from_str)
            .collect::<js_sys::Array>()
            .into()
    }

    /// The body of the finished response.
    #[wasm_bindgen(js_name = responseBody)]
    pub fn response_body(&self, ex: u32) -> js_sys::Uint8Array {
        self.ex(ex).res.body().into()
    }
}

/// Replaces every value of `name`; like Node's header map, a header set again keeps its
/// place (with the new spelling), and several values go out as several lines.
fn set_values(headers: &mut Headers, name: &str, values: Vec<String>) {
    let mut out: Vec<(String, String)> = Vec::with_capacity(headers.len() + values.len());
    let mut values = Some(values);
    for (n, v) in headers.iter() {
        if !n.eq_ignore_ascii_case(name) {
            out.push((n.to_string(), v.to_string()));
        } else if let Some(values) = values.take() {
            out.extend(values.into_iter().map(|v| (name.to_string(), v)));
        }
    }
    if let Some(values) = values {
        out.extend(values.into_iter().map(|v| (name.to_string(), v)));
    }
    *headers = out.into_iter().collect();
}

thread_local! {
    /// Node's `Date` header, formatted at most once a second, as Node caches it.
    static DATE: RefCell<(f64, String)> = const { RefCell::new((f64::NAN, String::new())) };
}

fn http_date(now: f64) -> String {
    let second = (now / 1000.0).floor();
    DATE.with_borrow_mut(|(cached, text)| {
        if *cached != second {
            *cached = second;
            *text = js_date::utc_string(second * 1000.0).unwrap_or_default();
        }
        text.clone()
    })
}

/// `contentDisposition.create(filename)` (`res.attachment`).
#[wasm_bindgen(js_name = contentDisposition)]
pub fn content_disposition(filename: Option<String>) -> String {
    disposition::attachment(filename.as_deref())
}

/// Node's `path.basename` and `path.extname`, as `res.attachment` uses them.
#[wasm_bindgen(js_name = pathBasename)]
pub fn path_basename(path: &str) -> String {
    mime::basename(path).to_string()
}

#[wasm_bindgen(js_name = pathExtname)]
pub fn path_extname(path: &str) -> String {
    mime::extname(path).to_string()
}

/// `mime.lookup(extOrPath)` (`res.format`'s keys, `req.accepts` of extensions).
#[wasm_bindgen(js_name = mimeLookup)]
pub fn mime_lookup(path: &str) -> Option<String> {
    mime::lookup(path).map(str::to_string)
}
