//! The bar under the editor: Run, Reset to original, Environment, and the status line.

use yew::prelude::*;

use crate::components::env_editor::EnvEditor;
use crate::components::status::Status;
use crate::context::{SessionContext, IN_APP};
use crate::state::Phase;

#[derive(Properties, PartialEq)]
pub struct ToolbarProps {
    pub on_run: Callback<()>,
    pub on_reset: Callback<()>,
    /// Whether the code differs from the lesson's original.
    pub edited: bool,
    /// The environment variables, one `NAME=value` a line.
    pub env: AttrValue,
    pub on_env: Callback<String>,
}

#[function_component]
pub fn Toolbar(props: &ToolbarProps) -> Html {
    let ctx = use_context::<SessionContext>().expect(IN_APP);
    let phase = &ctx.session.phase;
    // Disabled until the runtime has loaded. While a run is starting the button stays focusable
    // (aria-disabled), so a keyboard user's focus does not fall back to the page.
    let loading = matches!(phase, Phase::Loading | Phase::Broken(_));
    let busy = !loading && !phase.can_run();
    let run = props.on_run.reform(|_: MouseEvent| ());
    let reset = props.on_reset.reform(|_: MouseEvent| ());

    html! {
        <div class="toolbar">
            <button
                type="button"
                class="run"
                data-testid="run"
                disabled={loading}
                aria-disabled={busy.then_some("true")}
                onclick={run}
            >
                <span aria-hidden="true" class="run-icon">{ "▶" }</span>
                { "Run" }
            </button>
            <button
                type="button"
                class="reset"
                data-testid="reset"
                title={if props.edited { "Put the lesson's code back" } else { "The code is the lesson's original" }}
                onclick={reset}
            >
                { "Reset to original" }
            </button>
            <EnvEditor text={props.env.clone()} on_change={props.on_env.clone()} />
            <Status phase={phase.clone()} />
        </div>
    }
}
