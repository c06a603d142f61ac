//! Express 5 semantics in pure Rust.
//!
//! The engine decides everything Express decides — which layer runs next, what a path pattern
//! matches, what a body parser answers, which headers a response carries, what `finalhandler`
//! writes — and knows nothing about JavaScript. Handlers are opaque [`router::HandlerId`]s: the
//! runtime calls them and reports back through [`router::Dispatch`]. That keeps every rule here
//! testable natively with `cargo test`, and lets the browser runtime stay a thin bridge.

pub mod body;
pub mod cookie;
pub mod cors;
pub mod curl;
pub mod disposition;
pub mod finalhandler;
pub mod fresh;
pub mod http;
pub mod incoming;
pub mod inflate;
pub mod js;
pub mod js_date;
pub mod json_error;
pub mod media;
pub mod mime;
#[rustfmt::skip]
mod mime_db;
pub mod morgan;
pub mod negotiate;
pub mod path;
pub mod proxy;
pub mod qs;
pub mod range;
pub mod response;
pub mod router;
pub mod vary;
