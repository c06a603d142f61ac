//! The wasm bridge between the learner's JavaScript and the engine.
//!
//! JavaScript owns the learner's functions (a table indexed by handler id) and the `req`/`res`
//! facades; Rust owns every decision Express makes. One [`App`] per `express()` call holds its
//! routers; one [`Exchange`] per request holds the router walk and the response being built.
//! Calls cross once per layer, not per property, so a request through a chain stays cheap.

use engine::finalhandler::{self, ErrorInfo};
use engine::http::Headers;
use engine::path::ParamValue;
use engine::path::PathMatch;
use engine::response::ResponseState;
use engine::router::{
    Call, Dispatch, DispatchError, ExternalMatcher, Handler, HandlerId, NextArg, PathSpec, RouteId,
    RouterId, RouterOptions, Routers, Step,
};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

mod body;
mod crypto;
mod curl;
mod middleware;
mod request;
mod response;

/// Sentinels returned by [`Exchange::next`] instead of a handler id.
const STEP_OPTIONS: i32 = -1;
const STEP_DONE: i32 = -2;
const STEP_RETURN: i32 = -3;

/// Runs learners' `RegExp` paths through a JS callback `(id, path) => null | [matched,
/// name, value, name, value, ...]`, since only the JS engine has JS regular expressions.
struct JsRegex<'a>(&'a Option<js_sys::Function>);

impl ExternalMatcher for JsRegex<'_> {
    fn match_external(&self, id: u32, path: &str) -> Option<PathMatch> {
        let f = self.0.as_ref()?;
        let out = f
            .call2(&JsValue::NULL, &JsValue::from(id), &JsValue::from_str(path))
            .ok()?;
        let arr: js_sys::Array = out.dyn_into().ok()?;
        let matched = arr.get(0).as_string()?;
        let mut params = Vec::new();
        let mut i = 1;
        while i + 1 < arr.length() {
            if let (Some(k), Some(v)) = (arr.get(i).as_string(), arr.get(i + 1).as_string()) {
                params.push((k, ParamValue::One(v)));
            }
            i += 2;
        }
        Some(PathMatch {
            path: matched,
            params,
        })
    }
}

/// Paths from JS: `paths[i]` is a path string, or a `RegExp`'s source when `regex[i] >= 0`
/// (then it is the id the JS side keeps the `RegExp` under).
fn path_specs(paths: Vec<String>, regex: Vec<i32>) -> Vec<PathSpec> {
    paths
        .into_iter()
        .zip(regex)
        .map(|(p, r)| {
            if r >= 0 {
                PathSpec::Regex {
                    id: r as u32,
                    source: p,
                }
            } else {
                PathSpec::Text(p)
            }
        })
        .collect()
}

/// All routers of one running program (every `express()` app and `express.Router()`).
#[wasm_bindgen]
#[derive(Default)]
pub struct Routing {
    routers: Routers,
    regex: Option<js_sys::Function>,
}

fn js_err(e: impl std::fmt::Display) -> JsError {
    JsError::new(&e.to_string())
}

#[wasm_bindgen]
impl Routing {
    #[wasm_bindgen(constructor)]
    pub fn new() -> Self {
        Self::default()
    }

    /// `express.Router(options)` or an app's router; returns the router id.
    #[wasm_bindgen(js_name = addRouter)]
    pub fn add_router(&mut self, case_sensitive: bool, strict: bool, merge_params: bool) -> u32 {
        self.routers
            .add_router(RouterOptions {
                case_sensitive,
                strict,
                merge_params,
            })
            .0 as u32
    }

    /// Changes a router's matching options (`app.set('strict routing', true)`).
    #[wasm_bindgen(js_name = setOptions)]
    pub fn set_options(&mut self, router: u32, case_sensitive: bool, strict: bool) {
        let id = RouterId(router as usize);
        let merge_params = self.routers.router(id).options.merge_params;
        self.routers.set_options(
            id,
            RouterOptions {
                case_sensitive,
                strict,
                merge_params,
            },
        );
    }

    /// `router.use(path, fn)`; throws Express's TypeError text for a bad path.
    #[wasm_bindgen(js_name = useFn)]
    pub fn use_fn(
        &mut self,
        router: u32,
        path: &str,
        handler: u32,
        arity: u8,
    ) -> Result<(), JsError> {
        let h = Handler::Fn(HandlerId { id: handler, arity });
        self.routers
            .use_handler(RouterId(router as usize), path, h)
            .map_err(js_err)
    }

    /// Sets the callback that runs `RegExp` paths (see [`JsRegex`]).
    #[wasm_bindgen(js_name = setRegexMatcher)]
    pub fn set_regex_matcher(&mut self, f: js_sys::Function) {
        self.regex = Some(f);
    }

    /// `router.use([paths], fn)` with string and `RegExp` paths; a router when `sub >= 0`.
    #[wasm_bindgen(js_name = usePaths)]
    pub fn use_paths(
        &mut self,
        router: u32,
        paths: Vec<String>,
        regex: Vec<i32>,
        handler: u32,
        arity: u8,
        sub: i32,
    ) -> Result<(), JsError> {
        let h = if sub >= 0 {
            Handler::Router(RouterId(sub as usize))
        } else {
            Handler::Fn(HandlerId { id: handler, arity })
        };
        self.routers
            .use_paths(RouterId(router as usize), &path_specs(paths, regex), h)
            .map_err(js_err)
    }

    /// `router.route([paths])` with string and `RegExp` paths; returns the route id.
    #[wasm_bindgen(js_name = addRoutePaths)]
    pub fn add_route_paths(
        &mut self,
        router: u32,
        paths: Vec<String>,
        regex: Vec<i32>,
    ) -> Result<u32, JsError> {
        self.routers
            .add_route_paths(RouterId(router as usize), &path_specs(paths, regex))
            .map(|r| r.0 as u32)
            .map_err(js_err)
    }

    /// `router.handle(req, res, done)` inside a running request (a mounted app, or learner
    /// code calling a router as a function); its end is step -3, "call done".
    pub fn enter(&self, ex: &mut Exchange, router: u32) -> i32 {
        ex.step = ex.dispatch.enter(
            &self.routers,
            &JsRegex(&self.regex),
            RouterId(router as usize),
        );
        ex.step_code()
    }

    /// `router.use(path, subRouter)`.
    #[wasm_bindgen(js_name = useRouter)]
    pub fn use_router(&mut self, router: u32, path: &str, sub: u32) -> Result<(), JsError> {
        let h = Handler::Router(RouterId(sub as usize));
        self.routers
            .use_handler(RouterId(router as usize), path, h)
            .map_err(js_err)
    }

    /// `router.route(path)`; returns the route id.
    #[wasm_bindgen(js_name = addRoute)]
    pub fn add_route(&mut self, router: u32, path: &str) -> Result<u32, JsError> {
        self.routers
            .add_route(RouterId(router as usize), path)
            .map(|r| r.0 as u32)
            .map_err(js_err)
    }

    /// `route.get(fn)` etc.; an empty method is `route.all(fn)`.
    #[wasm_bindgen(js_name = routeAdd)]
    pub fn route_add(&mut self, route: u32, method: &str, handler: u32, arity: u8) {
        let method = (!method.is_empty()).then_some(method);
        self.routers
            .route_mut(RouteId(route as usize))
            .add(method, HandlerId { id: handler, arity });
    }

    /// `router.param(name, fn)`.
    #[wasm_bindgen(js_name = addParam)]
    pub fn add_param(&mut self, router: u32, name: &str, handler: u32, arity: u8) {
        self.routers.add_param(
            RouterId(router as usize),
            name,
            HandlerId { id: handler, arity },
        );
    }

    /// The path a route was registered with (`req.route.path`).
    #[wasm_bindgen(js_name = routePath)]
    pub fn route_path(&self, route: u32) -> String {
        self.routers.route(RouteId(route as usize)).path.clone()
    }

    /// Begins a request through `router`: returns the exchange; read its first step with
    /// [`Exchange::step`]. `headers` is a flat `[name, value, name, value, ...]` list.
    pub fn start(
        &self,
        router: u32,
        method: &str,
        url: &str,
        headers: Vec<String>,
        body: Vec<u8>,
    ) -> Exchange {
        // Node's parser drops the spaces around a header value, in rawHeaders too.
        let req_headers: Headers = headers
            .chunks_exact(2)
            .map(|p| {
                (
                    p[0].clone(),
                    engine::incoming::trim_value(&p[1]).to_string(),
                )
            })
            .collect();
        let res = ResponseState::for_request(&req_headers);
        let (dispatch, step) = Dispatch::start(
            &self.routers,
            &JsRegex(&self.regex),
            RouterId(router as usize),
            method,
            url,
        );
        Exchange {
            dispatch,
            step,
            method: method.to_string(),
            req_headers,
            body,
            res,
        }
    }

    /// Resumes a request after a handler called `next(arg)`: `kind` 0 = `next()`,
    /// 1 = `'route'`, 2 = `'router'`, 3 = an error held by JS under `error_id`.
    pub fn next(&self, ex: &mut Exchange, kind: u8, error_id: u32) -> i32 {
        let arg = match kind {
            1 => NextArg::Route,
            2 => NextArg::Router,
            3 => NextArg::Error(DispatchError::Js(error_id)),
            _ => NextArg::Continue,
        };
        ex.step = ex.dispatch.next(&self.routers, &JsRegex(&self.regex), arg);
        ex.step_code()
    }
}

/// One request in flight: the router walk and the response under construction.
#[wasm_bindgen]
pub struct Exchange {
    dispatch: Dispatch,
    step: Step,
    method: String,
    req_headers: Headers,
    body: Vec<u8>,
    res: ResponseState,
}

#[wasm_bindgen]
impl Exchange {
    /// The current step: a handler id to call, or -1 (OPTIONS answered) / -2 (done).
    pub fn step(&self) -> i32 {
        self.step_code()
    }

    fn step_code(&self) -> i32 {
        match &self.step {
            Step::Call(Call { handler, .. }) => handler.id as i32,
            Step::Options { .. } => STEP_OPTIONS,
            Step::Done { .. } => STEP_DONE,
            Step::Return { .. } => STEP_RETURN,
        }
    }

    /// The pending error of the current step: -1 none, -2 a parameter that failed to decode
    /// (see [`Exchange::decode_error`]), else the JS error id.
    #[wasm_bindgen(js_name = stepError)]
    pub fn step_error(&self) -> i32 {
        let err = match &self.step {
            Step::Call(c) => c.error.as_ref(),
            Step::Done { error } | Step::Return { error } => error.as_ref(),
            Step::Options { .. } => None,
        };
        match err {
            None => -1,
            Some(DispatchError::Decode(_)) => -2,
            Some(DispatchError::Js(id)) => *id as i32,
        }
    }

    /// The message of an engine-raised decode error (`Failed to decode param '%E0'`).
    #[wasm_bindgen(js_name = decodeError)]
    pub fn decode_error(&self) -> Option<String> {
        let err = match &self.step {
            Step::Call(c) => c.error.as_ref(),
            Step::Done { error } | Step::Return { error } => error.as_ref(),
            Step::Options { .. } => None,
        };
        match err {
            Some(DispatchError::Decode(e)) => Some(e.message()),
            _ => None,
        }
    }

    /// For an `app.param` callback: `[name, value]` (value a string or array).
    #[wasm_bindgen(js_name = stepParam)]
    pub fn step_param(&self) -> JsValue {
        match &self.step {
            Step::Call(Call {
                param: Some((name, value)),
                ..
            }) => {
                let pair = js_sys::Array::new();
                pair.push(&JsValue::from_str(name));
                pair.push(&param_value(value));
                pair.into()
            }
            _ => JsValue::UNDEFINED,
        }
    }

    /// The layer path that matched for the current call (for traces and timeouts).
    #[wasm_bindgen(js_name = layerPath)]
    pub fn layer_path(&self) -> String {
        match &self.step {
            Step::Call(c) => c.layer_path.clone(),
            _ => String::new(),
        }
    }

    /// `[url, baseUrl, params, routeId]`: what `req` shows to the handler about to run.
    pub fn view(&self) -> js_sys::Array {
        let r = &self.dispatch.req;
        let params = js_sys::Object::new();
        for (k, v) in &r.params {
            let _ = js_sys::Reflect::set(&params, &JsValue::from_str(k), &param_value(v));
        }
        let out = js_sys::Array::new();
        out.push(&JsValue::from_str(&r.url));
        out.push(&JsValue::from_str(&r.base_url));
        out.push(&params);
        out.push(
            &r.route
                .map_or(JsValue::from(-1), |id| JsValue::from(id.0 as u32)),
        );
        out
    }

    #[wasm_bindgen(js_name = originalUrl)]
    pub fn original_url(&self) -> String {
        self.dispatch.req.original_url.clone()
    }

    /// The raw request body bytes.
    #[wasm_bindgen(js_name = rawBody)]
    pub fn raw_body(&self) -> Vec<u8> {
        self.body.clone()
    }

    /// The automatic OPTIONS answer (`Allow` list), when the step says so.
    #[wasm_bindgen(js_name = sendOptions)]
    pub fn send_options(&mut self) {
        if let Step::Options { allow } = &self.step {
            let allow = allow.clone();
            let h = &mut self.res.headers;
            h.set("Allow", allow.clone());
            h.set("Content-Length", allow.len().to_string());
            h.set("Content-Type", "text/plain");
            h.set("X-Content-Type-Options", "nosniff");
            self.res.end(allow.into_bytes(), &self.method);
        }
    }

    /// `finalhandler`: the 404 page, or the error page for an error described by JS;
    /// `headers` are `err.headers` as `[name, value, ...]`.
    #[wasm_bindgen(js_name = finalHandler)]
    pub fn final_handler(
        &mut self,
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
        let url = self.dispatch.req.original_url.clone();
        finalhandler::respond(&mut self.res, &self.method, &url, info.as_ref(), production)
    }

    // ---- the response ----

    #[wasm_bindgen(getter)]
    pub fn status(&self) -> u16 {
        self.res.status
    }

    #[wasm_bindgen(setter)]
    pub fn set_status(&mut self, code: u16) {
        self.res.status = code;
    }

    #[wasm_bindgen(getter)]
    pub fn finished(&self) -> bool {
        self.res.finished
    }

    /// `res.setHeader(name, value)`; several `values` go out as several lines (Set-Cookie).
    /// Like Node's header map, a header set again keeps its place (with the new spelling).
    #[wasm_bindgen(js_name = setHeader)]
    pub fn set_header(&mut self, name: &str, values: Vec<String>) {
        let mut out: Vec<(String, String)> = Vec::with_capacity(self.res.headers.len() + 1);
        let mut placed = false;
        for (n, v) in self.res.headers.iter() {
            if !n.eq_ignore_ascii_case(name) {
                out.push((n.to_string(), v.to_string()));
            } else if !placed {
                placed = true;
                out.extend(values.iter().map(|v| (name.to_string(), v.clone())));
            }
        }
        if !placed {
            out.extend(values.into_iter().map(|v| (name.to_string(), v)));
        }
        self.res.headers = out.into_iter().collect();
    }

    #[wasm_bindgen(js_name = getHeader)]
    pub fn get_header(&self, name: &str) -> Option<String> {
        let all: Vec<&str> = self.res.headers.get_all(name).collect();
        (!all.is_empty()).then(|| all.join(", "))
    }

    #[wasm_bindgen(js_name = removeHeader)]
    pub fn remove_header(&mut self, name: &str) {
        self.res.headers.remove(name);
    }

    /// `res.end(data)`.
    pub fn end(&mut self, data: Vec<u8>) {
        self.res.end(data, &self.method);
    }

    /// The finished response: `[status, statusText, [name, value, ...], bodyBytes]`.
    pub fn response(&self, date: &str) -> js_sys::Array {
        let r = self.res.finish(date);
        let headers = js_sys::Array::new();
        for (n, v) in r.headers.iter() {
            headers.push(&JsValue::from_str(n));
            headers.push(&JsValue::from_str(v));
        }
        let out = js_sys::Array::new();
        out.push(&JsValue::from(r.status));
        out.push(&JsValue::from_str(&r.status_text));
        out.push(&headers);
        out.push(&js_sys::Uint8Array::from(r.body.as_slice()));
        out
    }

    /// A request header (`req.get(name)`), `Referrer`/`Referer` interchangeable as in Express.
    #[wasm_bindgen(js_name = reqHeader)]
    pub fn req_header(&self, name: &str) -> Option<String> {
        engine::incoming::request_get(&self.req_headers, name)
    }

    /// All request headers as `[name, value, ...]` in the order sent.
    #[wasm_bindgen(js_name = reqHeaders)]
    pub fn req_headers(&self) -> Vec<String> {
        self.req_headers
            .iter()
            .flat_map(|(n, v)| [n.to_string(), v.to_string()])
            .collect()
    }
}

fn param_value(v: &ParamValue) -> JsValue {
    match v {
        ParamValue::One(s) => JsValue::from_str(s),
        ParamValue::Splat(parts) => parts
            .iter()
            .map(|p| JsValue::from_str(p))
            .collect::<js_sys::Array>()
            .into(),
    }
}

/// `mime.contentType(value)` for `res.type()` / `res.set('Content-Type', ...)`.
#[wasm_bindgen(js_name = contentType)]
pub fn content_type(value: &str) -> Option<String> {
    engine::mime::content_type(value)
}

/// Express's `setCharset(type, charset)`.
#[wasm_bindgen(js_name = setCharset)]
pub fn set_charset(content_type: &str, charset: &str) -> String {
    engine::response::set_charset(content_type, charset)
}

/// Node's reason phrase (`http.STATUS_CODES[code]`).
#[wasm_bindgen(js_name = statusText)]
pub fn status_text(code: u16) -> String {
    engine::http::status_text(code).to_string()
}
