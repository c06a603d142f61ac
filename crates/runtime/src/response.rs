//! Bindings behind `res` (`js/response.mjs`): `res.send`'s body and ETag rules, streaming
//! with `res.write`, `res.writeHead`, `statusMessage`, `res.vary` and `res.attachment`. The
//! rules are the engine's (`engine::response`, `engine::vary`, `engine::disposition`).

use crate::Exchange;
use engine::response::{Body, ETagPolicy};
use engine::{disposition, mime, vary};
use wasm_bindgen::prelude::*;

fn type_error(message: &str) -> JsValue {
    js_sys::TypeError::new(message).into()
}

#[wasm_bindgen]
impl Exchange {
    /// `res.send(body)`. `kind`: 0 string (`text`), 1 bytes, 2 `null`, 3 `undefined`.
    /// `etag_mode`: 0 weak, 1 strong, 2 none, 3 the learner's `etag` value. Throws the
    /// TypeError of a Content-Type that cannot take a charset.
    #[wasm_bindgen(js_name = sendBody)]
    pub fn send_body(
        &mut self,
        kind: u8,
        text: Option<String>,
        bytes: Option<Vec<u8>>,
        etag_mode: u8,
        etag: Option<String>,
    ) -> Result<(), JsValue> {
        let body = match kind {
            0 => Body::Text(text.unwrap_or_default()),
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
        self.res
            .send_with(body, &policy, &self.method, &self.req_headers)
            .map_err(|m| type_error(&m))
    }

    /// `res.write(chunk)`; `false` after the response ended.
    pub fn write(&mut self, data: Vec<u8>) -> bool {
        self.res.write(&data, &self.method)
    }

    /// `res.writeHead()`: the status and headers are set; the head goes out now.
    #[wasm_bindgen(js_name = writeHead)]
    pub fn write_head(&mut self) {
        self.res.write_head_now(&self.method);
    }

    /// `res.headersSent`.
    #[wasm_bindgen(getter, js_name = headersSent)]
    pub fn headers_sent(&self) -> bool {
        self.res.headers_sent()
    }

    /// The connection was dropped mid-response (an error after the headers were sent): the
    /// client got the head and part of the body, and a real one reports a cut transfer.
    #[wasm_bindgen(getter)]
    pub fn destroyed(&self) -> bool {
        self.res.destroyed
    }

    /// `res.statusMessage` (`undefined` until set or sent).
    #[wasm_bindgen(getter, js_name = statusMessage)]
    pub fn status_message(&self) -> Option<String> {
        match &self.res.status_message {
            Some(m) => Some(m.clone()),
            None => self.res.headers_sent().then(|| self.res.reason()),
        }
    }

    #[wasm_bindgen(setter, js_name = statusMessage)]
    pub fn set_status_message(&mut self, message: Option<String>) {
        self.res.status_message = message;
    }

    /// Every value of a response header (`res.getHeader` gives an array for several).
    #[wasm_bindgen(js_name = getHeaderValues)]
    pub fn get_header_values(&self, name: &str) -> Vec<String> {
        self.res.headers.get_all(name).map(str::to_string).collect()
    }

    /// The names of the response headers set so far, in order (`res.getHeaderNames()`).
    #[wasm_bindgen(js_name = responseHeaderNames)]
    pub fn response_header_names(&self) -> Vec<String> {
        self.res
            .headers
            .iter()
            .map(|(n, _)| n.to_string())
            .collect()
    }

    /// `res.vary(field)`: `fields` is the learner's array when `list`, else one string that
    /// is split on commas.
    pub fn vary(&mut self, fields: Vec<String>, list: bool) -> Result<(), JsValue> {
        let fields = match (list, fields.first()) {
            (false, Some(one)) => vary::parse(one),
            _ => fields,
        };
        let current: Vec<&str> = self.res.headers.get_all("vary").collect();
        let value = vary::append(&current.join(", "), &fields).map_err(|m| type_error(&m))?;
        if !value.is_empty() {
            self.res.headers.set("Vary", value);
        }
        Ok(())
    }
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
