//! The router driven by Rust closures instead of JavaScript: each handler is a script of what
//! it does (`next()`, `next('route')`, respond, ...). Expected traces follow Express 5's
//! documented order; the differential suite (tests/diff) checks the same against real Express.

use super::*;

#[derive(Clone, Copy)]
enum Act {
    Next,
    NextRoute,
    NextRouter,
    Fail,
    Respond,
}

struct App {
    routers: Routers,
    root: RouterId,
    acts: Vec<(&'static str, Act)>,
}

impl App {
    fn new() -> Self {
        let mut routers = Routers::new();
        let root = routers.add_router(RouterOptions::default());
        Self {
            routers,
            root,
            acts: Vec::new(),
        }
    }

    fn handler(&mut self, name: &'static str, arity: u8, act: Act) -> HandlerId {
        self.acts.push((name, act));
        HandlerId {
            id: self.acts.len() as u32 - 1,
            arity,
        }
    }

    fn use_fn(&mut self, router: RouterId, path: &str, name: &'static str, arity: u8, act: Act) {
        let h = self.handler(name, arity, act);
        self.routers
            .use_handler(router, path, Handler::Fn(h))
            .unwrap();
    }

    fn get(&mut self, router: RouterId, path: &str, name: &'static str, act: Act) {
        let h = self.handler(name, 3, act);
        let route = self.routers.add_route(router, path).unwrap();
        self.routers.route_mut(route).add(Some("get"), h);
    }

    /// Runs a request and returns the names of the handlers called, then the outcome.
    fn request(&self, method: &str, url: &str) -> Vec<String> {
        let (mut d, mut step) = Dispatch::start(&self.routers, &NoExternal, self.root, method, url);
        let mut trace = Vec::new();
        loop {
            match step {
                Step::Call(call) => {
                    let (name, act) = self.acts[call.handler.id as usize];
                    trace.push(format!("{name}@{}", d.req.base_url));
                    let arg = match act {
                        Act::Next => NextArg::Continue,
                        Act::NextRoute => NextArg::Route,
                        Act::NextRouter => NextArg::Router,
                        Act::Fail => NextArg::Error(DispatchError::Js(7)),
                        Act::Respond => return trace,
                    };
                    step = d.next(&self.routers, &NoExternal, arg);
                }
                Step::Options { allow } => {
                    trace.push(format!("options {allow}"));
                    return trace;
                }
                Step::Return { .. } => unreachable!("no router is entered by hand here"),
                Step::Done { error } => {
                    trace.push(if error.is_some() { "500" } else { "404" }.into());
                    return trace;
                }
            }
        }
    }
}

#[test]
fn middleware_runs_in_order_then_the_route() {
    let mut app = App::new();
    let root = app.root;
    app.use_fn(root, "/", "log", 3, Act::Next);
    app.use_fn(root, "/", "onerror", 4, Act::Respond);
    app.get(root, "/users/:id", "user", Act::Respond);
    assert_eq!(app.request("GET", "/users/1"), ["log@", "user@"]);
    assert_eq!(app.request("GET", "/nope"), ["log@", "404"]);
}

#[test]
fn next_route_skips_to_the_next_matching_route() {
    let mut app = App::new();
    let root = app.root;
    let route = app.routers.add_route(root, "/a").unwrap();
    let first = app.handler("first", 3, Act::NextRoute);
    let second = app.handler("second", 3, Act::Respond);
    app.routers.route_mut(route).add(Some("get"), first);
    app.routers.route_mut(route).add(Some("get"), second);
    app.get(root, "/a", "other", Act::Respond);
    assert_eq!(app.request("GET", "/a"), ["first@", "other@"]);
}

#[test]
fn errors_skip_to_four_argument_handlers() {
    let mut app = App::new();
    let root = app.root;
    app.use_fn(root, "/", "boom", 3, Act::Fail);
    app.use_fn(root, "/", "skipped", 3, Act::Respond);
    app.get(root, "/", "route", Act::Respond);
    app.use_fn(root, "/", "handler", 4, Act::Respond);
    assert_eq!(app.request("GET", "/"), ["boom@", "handler@"]);
}

#[test]
fn unhandled_error_reaches_finalhandler() {
    let mut app = App::new();
    let root = app.root;
    app.use_fn(root, "/", "boom", 3, Act::Fail);
    assert_eq!(app.request("GET", "/"), ["boom@", "500"]);
}

#[test]
fn mounted_router_sets_base_url_and_next_router_leaves_it() {
    let mut app = App::new();
    let root = app.root;
    let api = app.routers.add_router(RouterOptions::default());
    app.use_fn(api, "/", "api-log", 3, Act::Next);
    app.use_fn(api, "/", "leave", 3, Act::NextRouter);
    app.get(api, "/users", "users", Act::Respond);
    app.routers
        .use_handler(root, "/api", Handler::Router(api))
        .unwrap();
    app.get(root, "/api/users", "fallback", Act::Respond);
    assert_eq!(
        app.request("GET", "/api/users"),
        ["api-log@/api", "leave@/api", "fallback@"]
    );
    assert_eq!(app.request("GET", "/apis"), ["404"]);
}

#[test]
fn head_runs_get_and_options_lists_methods() {
    let mut app = App::new();
    let root = app.root;
    app.get(root, "/x", "get-x", Act::Respond);
    let route = app.routers.add_route(root, "/x").unwrap();
    let post = app.handler("post-x", 3, Act::Respond);
    app.routers.route_mut(route).add(Some("post"), post);
    assert_eq!(app.request("HEAD", "/x"), ["get-x@"]);
    assert_eq!(app.request("OPTIONS", "/x"), ["options GET, HEAD, POST"]);
    assert_eq!(app.request("DELETE", "/x"), ["404"]);
}

#[test]
fn bad_percent_encoding_is_a_decode_error() {
    let mut app = App::new();
    let root = app.root;
    app.get(root, "/u/:name", "user", Act::Respond);
    assert_eq!(app.request("GET", "/u/%E0%A4%A"), ["500"]);
}

#[test]
fn param_callbacks_run_once_per_value_before_the_route() {
    let mut app = App::new();
    let root = app.root;
    let load = app.handler("load", 4, Act::Next);
    app.routers.add_param(root, "id", load);
    let route = app.routers.add_route(root, "/u/:id").unwrap();
    let a = app.handler("a", 3, Act::NextRoute);
    app.routers.route_mut(route).add(Some("get"), a);
    app.get(root, "/u/:id", "b", Act::Respond);
    assert_eq!(app.request("GET", "/u/1"), ["load@", "a@", "b@"]);
}

/// `app.all` gives its route one layer per method, `router.all` one layer for every method:
/// the same handlers run, and neither route lists methods in an automatic OPTIONS answer,
/// since both handle OPTIONS themselves.
#[test]
fn app_all_layers_per_method_run_like_route_all() {
    let mut app = App::new();
    let root = app.root;
    let per_method = app.routers.add_route(root, "/app").unwrap();
    let check = app.handler("check", 3, Act::Next);
    for method in ["delete", "get", "head", "options", "post", "put"] {
        app.routers.route_mut(per_method).add(Some(method), check);
    }
    let for_all = app.routers.add_route(root, "/router").unwrap();
    app.routers.route_mut(for_all).add(None, check);
    for path in ["/app", "/router"] {
        let route = app.routers.add_route(root, path).unwrap();
        let put = app.handler("put", 3, Act::Respond);
        app.routers.route_mut(route).add(Some("put"), put);
    }
    for path in ["/app", "/router"] {
        assert_eq!(app.request("PUT", path), ["check@", "put@"]);
        assert_eq!(app.request("HEAD", path), ["check@", "404"]);
        assert_eq!(app.request("OPTIONS", path), ["check@", "options PUT"]);
    }
    assert_eq!(
        app.routers.route(per_method).methods()[..3],
        ["DELETE", "GET", "HEAD"]
    );
    assert!(app.routers.route(for_all).methods().is_empty());
}
