//! The wasm bridge between the learner's JavaScript and the engine.
//!
//! JavaScript owns the learner's functions (a table indexed by handler id) and the `req`/`res`
//! facades; Rust owns every decision Express makes. One [`Routing`] per program holds its
//! routers and, in a slab, the requests in flight (`exchange.rs`): each request is a number
//! on the JS side, and a router step is one call, so a request through a chain stays cheap.

use engine::body::ReadOptions;
use engine::path::ParamValue;
use engine::path::PathMatch;
use engine::router::{
    ExternalMatcher, Handler, HandlerId, PathSpec, RouteId, RouterId, RouterOptions, Routers,
};
use exchange::Exchange;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

mod body;
mod crypto;
mod curl;
mod exchange;
mod json_error;
mod middleware;
mod request;
mod response;
mod scratch;

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

/// All routers of one running program (every `express()` app and `express.Router()`), and
/// the requests going through them.
#[wasm_bindgen]
#[derive(Default)]
pub struct Routing {
    routers: Routers,
    regex: Option<js_sys::Function>,
    /// Requests in flight, by id; `None` slots are listed in `free`. Boxed, so that the
    /// slab stays small to grow while many requests are open.
    exchanges: Vec<Option<Box<Exchange>>>,
    free: Vec<u32>,
    /// The options of each body parser (`express.json()`, ...), by parser id.
    parsers: Vec<ReadOptions>,
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

    /// `layer.matchers[index](path)` for layer `layer` of `router` (`router.stack` in JS
    /// mirrors the engine's stack, index for index): `false`, or `[plain, path, name, value,
    /// ...]` (a value is a list for a `*splat`; `plain` as in [`engine::router::LayerMatch`]),
    /// or `[null, value]` for a parameter `decodeURIComponent` rejects.
    #[wasm_bindgen(js_name = layerMatch)]
    pub fn layer_match(&self, router: u32, layer: u32, index: u32, path: &str) -> JsValue {
        let stack = &self.routers.router(RouterId(router as usize)).stack;
        let Some(layer) = stack.get(layer as usize) else {
            return JsValue::FALSE;
        };
        let out = js_sys::Array::new();
        match layer.match_one(index as usize, path, &JsRegex(&self.regex)) {
            Ok(None) => return JsValue::FALSE,
            Ok(Some(m)) => {
                out.push(&JsValue::from_bool(m.plain));
                out.push(&JsValue::from_str(&m.path));
                for (name, value) in &m.params {
                    out.push(&JsValue::from_str(name));
                    out.push(&exchange::param_value(value));
                }
            }
            Err(e) => {
                out.push(&JsValue::NULL);
                out.push(&JsValue::from_str(&e.value));
            }
        }
        out.into()
    }

    /// The path a route was registered with (`req.route.path`).
    #[wasm_bindgen(js_name = routePath)]
    pub fn route_path(&self, route: u32) -> String {
        self.routers.route(RouteId(route as usize)).path.clone()
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
