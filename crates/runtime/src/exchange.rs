//! Requests in flight: the exchanges of one program, kept in a slab inside [`Routing`].
//!
//! JS names an exchange by its slot number, so a request costs no wasm wrapper object and no
//! finalizer cell; `js/exchange.mjs` frees slots in batches once their `req`/`res` are
//! unreachable (a late `next()` or `res.headersSent` must still find its exchange). A step of
//! the router walk is one call: it returns the handler to run and leaves the rest in the
//! [`mailbox`], which JS reads through an `Int32Array`; the URL and parameters only cross
//! when they changed.

use crate::{scratch, Routing};
use engine::http::Headers;
use engine::path::ParamValue;
use engine::response::ResponseState;
use engine::router::{Call, Dispatch, DispatchError, NextArg, RouterId, Step};
use std::sync::atomic::{AtomicI32, Ordering};
use wasm_bindgen::prelude::*;

/// Sentinels returned instead of a handler id.
const STEP_OPTIONS: i32 = -1;
const STEP_DONE: i32 = -2;
const STEP_RETURN: i32 = -3;

/// Mailbox slots (`js/exchange.mjs` reads the same numbers).
pub(crate) const SLOT_CODE: usize = 0;
const SLOT_FLAGS: usize = 1;
const SLOT_ROUTE: usize = 2;
const SLOT_ERROR: usize = 3;
/// A count that goes with the string a call returns (header values, response headers).
pub(crate) const SLOT_COUNT: usize = 4;
/// The response status, next to the head `Routing::response` returns.
pub(crate) const SLOT_STATUS: usize = 5;
/// 1 when `req.headers` is the sent list with lower-case names (see [`plain_headers`]).
const SLOT_PLAIN_HEADERS: usize = 6;
const SLOTS: usize = 7;

/// Step flags: what changed for the handler about to run.
const FLAG_URL: i32 = 1;
const FLAG_BASE_URL: i32 = 2;
const FLAG_PARAMS: i32 = 4;
const FLAG_PARAM_CALL: i32 = 8;
const FLAG_PLAIN_PARAMS: i32 = 16;

/// Error slot values besides a JS error id.
const NO_ERROR: i32 = -1;
const DECODE_ERROR: i32 = -2;

#[allow(clippy::declare_interior_mutable_const)]
const EMPTY: AtomicI32 = AtomicI32::new(0);
/// Small results of the last call, for JS to read without another crossing. A static, so
/// its address never moves (JS keeps a view on it until the memory grows).
static MAILBOX: [AtomicI32; SLOTS] = [EMPTY; SLOTS];

pub(crate) fn put(slot: usize, value: i32) {
    MAILBOX[slot].store(value, Ordering::Relaxed);
}

/// Where the mailbox lives in the wasm memory (an `Int32Array` offset, in bytes).
#[wasm_bindgen]
pub fn mailbox() -> u32 {
    MAILBOX.as_ptr() as u32
}

/// The wasm memory, for the mailbox view.
#[wasm_bindgen(js_name = wasmMemory)]
pub fn wasm_memory() -> JsValue {
    wasm_bindgen::memory()
}

/// One request in flight: the router walk and the response under construction.
pub(crate) struct Exchange {
    pub(crate) dispatch: Dispatch,
    pub(crate) step: Step,
    pub(crate) req_headers: Headers,
    pub(crate) body: Vec<u8>,
    pub(crate) res: ResponseState,
    /// `req.url` and `req.baseUrl` as JS last received them.
    shown_url: String,
    shown_base_url: String,
    /// What a body parser read (bytes and charset), for `bodyText` / `bodyBytes`.
    pub(crate) read: Option<(Vec<u8>, Option<String>)>,
    /// Why the last body parser failed, for `bodyError`.
    pub(crate) read_error: Option<engine::body::BodyError>,
}

impl Exchange {
    /// Returns the step's handler id (or a sentinel) and puts the rest in the mailbox.
    fn publish(&mut self) -> i32 {
        let (code, error) = match &self.step {
            Step::Call(c) => (c.handler.id as i32, c.error.as_ref()),
            Step::Options { .. } => (STEP_OPTIONS, None),
            Step::Done { error } => (STEP_DONE, error.as_ref()),
            Step::Return { error } => (STEP_RETURN, error.as_ref()),
        };
        put(SLOT_CODE, code);
        put(
            SLOT_ERROR,
            match error {
                None => NO_ERROR,
                Some(DispatchError::Decode(_)) => DECODE_ERROR,
                Some(DispatchError::Js(id)) => *id as i32,
            },
        );
        let mut flags = 0;
        if let Step::Call(Call { param, .. }) = &self.step {
            let req = &self.dispatch.req;
            if req.url != self.shown_url {
                self.shown_url.clone_from(&req.url);
                flags |= FLAG_URL;
            }
            if req.base_url != self.shown_base_url {
                self.shown_base_url.clone_from(&req.base_url);
                flags |= FLAG_BASE_URL;
            }
            if !req.params.is_empty() {
                flags |= FLAG_PARAMS;
            }
            if req.plain_params {
                flags |= FLAG_PLAIN_PARAMS;
            }
            if param.is_some() {
                flags |= FLAG_PARAM_CALL;
            }
            put(SLOT_ROUTE, req.route.map_or(-1, |r| r.0 as i32));
        }
        put(SLOT_FLAGS, flags);
        code
    }

    fn step_error(&self) -> Option<&DispatchError> {
        match &self.step {
            Step::Call(c) => c.error.as_ref(),
            Step::Done { error } | Step::Return { error } => error.as_ref(),
            Step::Options { .. } => None,
        }
    }
}

/// A request line and its headers as JS sent them.
struct Head<'a> {
    method: &'a str,
    url: &'a str,
    sent: Vec<(&'a str, &'a str)>,
}

/// Parses `method\0url\0name\0value\0...` with `count` headers; `None` when a part held
/// a NUL.
fn parse_head(head: &str, count: usize) -> Option<Head<'_>> {
    let mut parts = nul_split(head);
    let method = parts.next()?;
    let url = parts.next()?;
    let mut sent = Vec::with_capacity(count);
    for _ in 0..count {
        sent.push((parts.next()?, parts.next()?));
    }
    parts.next().is_none().then_some(Head { method, url, sent })
}

/// `s.split('\0')` by bytes (a NUL is never inside a multi-byte character): the generic
/// `char` splitter cost more than the rest of `start`.
fn nul_split(s: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(s);
    std::iter::from_fn(move || {
        let s = rest?;
        match s.bytes().position(|b| b == 0) {
            Some(i) => {
                rest = Some(&s[i + 1..]);
                Some(&s[..i])
            }
            None => {
                rest = None;
                Some(s)
            }
        }
    })
}

/// The headers as Node's parser keeps them: spaces around a value dropped, in rawHeaders too.
fn received(sent: &[(&str, &str)]) -> Headers {
    // Most values have nothing to trim; looking at both ends first is cheaper than trimming.
    let edge = |b: Option<&u8>| matches!(b, Some(b' ' | b'\t'));
    sent.iter()
        .map(
            |&(n, v)| match edge(v.as_bytes().first()) || edge(v.as_bytes().last()) {
                true => (n, engine::incoming::trim_value(v)),
                false => (n, v),
            },
        )
        .collect()
}

/// Whether Node's `req.headers` for `sent` is just each name in lower case with its value:
/// ASCII names, none repeated or Set-Cookie (which Node combines or makes a list), and no
/// value that lost spaces to trimming. Then JS builds `req.headers` and `req.rawHeaders`
/// from the strings it already holds instead of asking for them.
fn plain_headers(sent: &[(&str, &str)], kept: &Headers) -> bool {
    let names_plain = sent.iter().enumerate().all(|(i, (name, _))| {
        name.is_ascii()
            && !name.eq_ignore_ascii_case("set-cookie")
            && !sent[..i].iter().any(|(n, _)| n.eq_ignore_ascii_case(name))
    });
    names_plain && sent.iter().zip(kept.iter()).all(|((_, v), (_, k))| *v == k)
}

pub(crate) fn param_value(v: &ParamValue) -> JsValue {
    match v {
        ParamValue::One(s) => JsValue::from_str(s),
        ParamValue::Splat(parts) => parts
            .iter()
            .map(|p| JsValue::from_str(p))
            .collect::<js_sys::Array>()
            .into(),
    }
}

/// The exchange in slot `id`; JS only holds ids of exchanges it has not released.
pub(crate) fn slot(exchanges: &mut [Option<Box<Exchange>>], id: u32) -> &mut Exchange {
    exchanges[id as usize].as_mut().expect("exchange in use")
}

impl Routing {
    pub(crate) fn ex(&self, id: u32) -> &Exchange {
        self.exchanges[id as usize]
            .as_ref()
            .expect("exchange in use")
    }

    pub(crate) fn ex_mut(&mut self, id: u32) -> &mut Exchange {
        slot(&mut self.exchanges, id)
    }

    fn insert(&mut self, ex: Box<Exchange>) -> u32 {
        match self.free.pop() {
            Some(id) => {
                self.exchanges[id as usize] = Some(ex);
                id
            }
            None => {
                self.exchanges.push(Some(ex));
                (self.exchanges.len() - 1) as u32
            }
        }
    }
}

#[wasm_bindgen]
impl Routing {
    /// Begins a request through `router`. The scratch buffer holds `method\0url\0name\0
    /// value\0...` (`head_len` bytes, `count` headers) then the body's text (`text_len`
    /// bytes) unless it is `bytes`. Returns the exchange id (the first step is in the
    /// mailbox), or -1 when a header held a NUL, which no HTTP client sends.
    pub fn start(
        &mut self,
        router: u32,
        head_len: usize,
        count: u32,
        text_len: usize,
        bytes: Option<Vec<u8>>,
        powered_by: bool,
    ) -> i32 {
        let ex = scratch::read([head_len, text_len], |[head, text]| {
            let Head { method, url, sent } = parse_head(head, count as usize)?;
            let req_headers = received(&sent);
            put(
                SLOT_PLAIN_HEADERS,
                i32::from(plain_headers(&sent, &req_headers)),
            );
            let mut res = ResponseState::for_request(&req_headers);
            if powered_by {
                res.headers.set("X-Powered-By", "Express");
            }
            let (dispatch, step) = Dispatch::start(
                &self.routers,
                &crate::JsRegex(&self.regex),
                RouterId(router as usize),
                method,
                url,
            );
            Some(Box::new(Exchange {
                shown_url: url.to_string(),
                shown_base_url: String::new(),
                dispatch,
                step,
                req_headers,
                body: bytes.unwrap_or_else(|| text.as_bytes().to_vec()),
                res,
                read: None,
                read_error: None,
            }))
        });
        let Some(mut ex) = ex else {
            return -1;
        };
        ex.publish();
        self.insert(ex) as i32
    }

    /// Resumes a request after a handler called `next(arg)`: `kind` 0 = `next()`,
    /// 1 = `'route'`, 2 = `'router'`, 3 = an error held by JS under `error_id`.
    pub fn next(&mut self, ex: u32, kind: u8, error_id: u32) -> i32 {
        let arg = match kind {
            1 => NextArg::Route,
            2 => NextArg::Router,
            3 => NextArg::Error(DispatchError::Js(error_id)),
            _ => NextArg::Continue,
        };
        let Routing {
            routers,
            regex,
            exchanges,
            ..
        } = self;
        let ex = slot(exchanges, ex);
        ex.step = ex.dispatch.next(routers, &crate::JsRegex(regex), arg);
        ex.publish()
    }

    /// `router.handle(req, res, done)` inside a running request (a mounted app, or learner
    /// code calling a router as a function); its end is step -3, "call done".
    pub fn enter(&mut self, ex: u32, router: u32) -> i32 {
        let Routing {
            routers,
            regex,
            exchanges,
            ..
        } = self;
        let ex = slot(exchanges, ex);
        ex.step = ex
            .dispatch
            .enter(routers, &crate::JsRegex(regex), RouterId(router as usize));
        ex.publish()
    }

    /// `req.url` and `req.method` as a handler left them: Express's router reads both again
    /// at every `next()`, so middleware can rewrite a URL or override a method.
    #[wasm_bindgen(js_name = setRequest)]
    pub fn set_request(&mut self, ex: u32, url: Option<String>, method: Option<String>) {
        let ex = slot(&mut self.exchanges, ex);
        if let Some(url) = url {
            ex.shown_url.clone_from(&url);
            ex.dispatch.req.url = url;
        }
        if let Some(method) = method {
            ex.dispatch.req.method = method;
        }
    }

    /// Frees exchanges whose requests JS can no longer reach.
    pub fn release(&mut self, ids: &[u32]) {
        for &id in ids {
            if let Some(slot) = self.exchanges.get_mut(id as usize) {
                if slot.take().is_some() {
                    self.free.push(id);
                }
            }
        }
    }

    /// `req.url` for the handler about to run (when the step flagged it).
    #[wasm_bindgen(js_name = reqUrl)]
    pub fn req_url(&self, ex: u32) -> String {
        self.ex(ex).dispatch.req.url.clone()
    }

    /// `req.baseUrl` for the handler about to run (when the step flagged it).
    #[wasm_bindgen(js_name = reqBaseUrl)]
    pub fn req_base_url(&self, ex: u32) -> String {
        self.ex(ex).dispatch.req.base_url.clone()
    }

    /// `req.params` as `name\0value\0...`; `None` when a value is a list (a `*splat`) or
    /// holds a NUL, for [`Routing::step_params_object`].
    #[wasm_bindgen(js_name = stepParams)]
    pub fn step_params(&self, ex: u32) -> Option<String> {
        let mut out = String::new();
        for (name, value) in &self.ex(ex).dispatch.req.params {
            let ParamValue::One(v) = value else {
                return None;
            };
            if name.contains('\0') || v.contains('\0') {
                return None;
            }
            if !out.is_empty() {
                out.push('\0');
            }
            out.push_str(name);
            out.push('\0');
            out.push_str(v);
        }
        Some(out)
    }

    /// `req.params` as an object, for the values [`Routing::step_params`] cannot carry.
    #[wasm_bindgen(js_name = stepParamsObject)]
    pub fn step_params_object(&self, ex: u32) -> js_sys::Object {
        let params = js_sys::Object::new();
        for (k, v) in &self.ex(ex).dispatch.req.params {
            let _ = js_sys::Reflect::set(&params, &JsValue::from_str(k), &param_value(v));
        }
        params
    }

    /// For an `app.param` callback: `[name, value]` (value a string or array).
    #[wasm_bindgen(js_name = stepParam)]
    pub fn step_param(&self, ex: u32) -> JsValue {
        match &self.ex(ex).step {
            Step::Call(Call {
                param: Some(param), ..
            }) => {
                let (name, value) = &**param;
                let pair = js_sys::Array::new();
                pair.push(&JsValue::from_str(name));
                pair.push(&param_value(value));
                pair.into()
            }
            _ => JsValue::UNDEFINED,
        }
    }

    /// The message of an engine-raised decode error (`Failed to decode param '%E0'`).
    #[wasm_bindgen(js_name = decodeError)]
    pub fn decode_error(&self, ex: u32) -> Option<String> {
        match self.ex(ex).step_error() {
            Some(DispatchError::Decode(e)) => Some(e.message()),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{parse_head, plain_headers, received};

    #[test]
    fn heads_split_into_method_url_and_trimmed_headers() {
        let head = parse_head("GET\0/a?b\0Host\0 x \0Accept\0*/*", 2).unwrap();
        assert_eq!((head.method, head.url), ("GET", "/a?b"));
        let received = received(&head.sent);
        let pairs: Vec<_> = received.iter().collect();
        assert_eq!(pairs, [("Host", "x"), ("Accept", "*/*")]);
        assert!(parse_head("GET\0/", 0).is_some());
        // A NUL inside a value shifts the parts: refused rather than misread.
        assert!(parse_head("GET\0/\0X\0a\0b", 1).is_none());
        assert!(parse_head("GET\0/\0X", 1).is_none());
    }

    /// Lists whose `req.headers` is not simply "lower-case each name" go to the engine.
    #[test]
    fn plain_headers_are_unique_ascii_names_with_untrimmed_values() {
        let cases: &[(&[(&str, &str)], bool)] = &[
            (&[("Host", "x"), ("Accept", "*/*")], true),
            (&[], true),
            (&[("Accept", "a"), ("accept", "b")], false),
            (&[("Set-Cookie", "a=1")], false),
            (&[("Host", " x")], false),
            (&[("X-Ä", "1")], false),
        ];
        for (sent, plain) in cases {
            assert_eq!(plain_headers(sent, &received(sent)), *plain, "{sent:?}");
        }
    }
}
