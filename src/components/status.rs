//! The status line: loading, ready, listening on a port, or the error that stopped the code.

use yew::prelude::*;

use crate::state::Phase;

#[derive(Properties, PartialEq)]
pub struct StatusProps {
    pub phase: Phase,
}

#[function_component]
pub fn Status(props: &StatusProps) -> Html {
    html! {
        <p class="status" data-testid="status" data-state={props.phase.tone()} role="status">
            <span class="status-dot" aria-hidden="true"></span>
            <span class="status-text">{ props.phase.describe() }</span>
        </p>
    }
}
