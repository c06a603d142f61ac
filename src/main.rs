//! Express Playground: lessons about Express 5 whose examples run in the browser.
//!
//! This crate is the page (Yew). It renders lessons and forwards the learner's code and terminal
//! commands to the sandbox worker; the Express semantics live in `crates/engine`, running inside
//! the worker built from `crates/runtime`.

mod components;
mod context;
mod editor;
mod env;
mod lesson;
mod protocol;
mod sandbox;
mod scrollback;
mod state;
mod storage;

fn main() {
    yew::Renderer::<components::app::App>::new().render();
}
