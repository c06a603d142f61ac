//! What every part of the playground shares: the session state and the sandbox that feeds it.

use yew::prelude::*;

use crate::sandbox::Sandbox;
use crate::state::Session;

/// Provided once by the app; read with `use_context::<SessionContext>()`.
#[derive(Clone, PartialEq)]
pub struct SessionContext {
    pub session: UseReducerHandle<Session>,
    pub sandbox: Sandbox,
}

/// Why a component may rely on the context: the app renders every component inside it.
pub const IN_APP: &str = "rendered inside App, which provides SessionContext";
