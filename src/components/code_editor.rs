//! The code editor (CodeMirror 6), holding the example the learner edits and runs.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use web_sys::HtmlElement;
use yew::prelude::*;

use crate::editor::{self, EditorHandle};

#[derive(Properties, PartialEq)]
pub struct CodeEditorProps {
    /// The text the editor opens with; later changes are the learner's, not the props'.
    pub initial: AttrValue,
    /// Accessible name of the editing area.
    pub label: AttrValue,
    /// The whole text, after every edit.
    pub on_change: Callback<String>,
    /// Ctrl/Cmd+Enter.
    pub on_run: Callback<()>,
    /// The mounted editor, for reading and resetting its text.
    pub on_mount: Callback<EditorHandle>,
}

/// The JS callbacks CodeMirror holds; they call through these cells so they always reach the
/// latest props, not the ones from the render that mounted the editor.
struct Latest {
    on_change: Callback<String>,
    on_run: Callback<()>,
}

#[function_component]
pub fn CodeEditor(props: &CodeEditorProps) -> Html {
    let host = use_node_ref();
    let failed = use_state(|| None::<String>);
    let latest = use_mut_ref(|| Latest {
        on_change: props.on_change.clone(),
        on_run: props.on_run.clone(),
    });
    {
        let mut latest = latest.borrow_mut();
        latest.on_change = props.on_change.clone();
        latest.on_run = props.on_run.clone();
    }

    {
        let (host, failed) = (host.clone(), failed.clone());
        let (initial, label, on_mount) = (
            props.initial.clone(),
            props.label.clone(),
            props.on_mount.clone(),
        );
        use_effect_with((), move |_| {
            let mounted = host
                .cast::<HtmlElement>()
                .map(|parent| mount(&parent, &initial, &label, &latest));
            let (view, closures) = match mounted {
                Some(Ok((view, closures))) => (Some(view), Some(closures)),
                Some(Err(error)) => {
                    failed.set(Some(error));
                    (None, None)
                }
                None => (None, None),
            };
            if let Some(view) = &view {
                on_mount.emit(view.clone());
            }
            move || {
                if let Some(view) = view {
                    view.destroy();
                }
                drop(closures);
            }
        });
    }

    html! {
        <>
            <div class="editor" data-testid="editor" ref={host}></div>
            if let Some(error) = &*failed {
                <p class="broken" role="alert">{ error }</p>
            }
        </>
    }
}

type Closures = (Closure<dyn FnMut(String)>, Closure<dyn FnMut()>);

fn mount(
    parent: &HtmlElement,
    initial: &str,
    label: &str,
    latest: &Rc<RefCell<Latest>>,
) -> Result<(EditorHandle, Closures), String> {
    let on_change = Closure::<dyn FnMut(String)>::new({
        let latest = latest.clone();
        move |doc: String| {
            let callback = latest.borrow().on_change.clone();
            callback.emit(doc);
        }
    });
    let on_run = Closure::<dyn FnMut()>::new({
        let latest = latest.clone();
        move || {
            let callback = latest.borrow().on_run.clone();
            callback.emit(());
        }
    });
    let view = editor::mount(
        parent,
        initial,
        label,
        on_change.as_ref().unchecked_ref(),
        on_run.as_ref().unchecked_ref(),
    )
    .map_err(|_| "The code editor did not load. Reload the page to try again.".to_string())?;
    Ok((view, (on_change, on_run)))
}
