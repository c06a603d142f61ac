//! What every part of the playground shares: the session state and the sandbox that feeds it.

use yew::prelude::*;

use crate::sandbox::Sandbox;
use crate::state::{Action, Session};

/// Provided once by the app; read with `use_context::<SessionContext>()`.
#[derive(Clone, PartialEq)]
pub struct SessionContext {
    pub session: UseReducerHandle<Session>,
    pub sandbox: Sandbox,
}

impl SessionContext {
    /// Applies an action of the page's own (a command typed, Run pressed) after whatever the
    /// worker said before it, which may still be waiting for the next frame; so the terminal
    /// shows things in the order they happened.
    pub fn dispatch(&self, action: Action) {
        self.sandbox.flush();
        self.session.dispatch(action);
    }
}

/// Why a component may rely on the context: the app renders every component inside it.
pub const IN_APP: &str = "rendered inside App, which provides SessionContext";
