//! A runnable example: the editor, the toolbar (Run, Reset, Environment, status), and the terminal.

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use crate::components::code_editor::CodeEditor;
use crate::components::terminal::Terminal;
use crate::components::toolbar::Toolbar;
use crate::context::{SessionContext, IN_APP};
use crate::editor::EditorHandle;
use crate::env;
use crate::lesson::Example;
use crate::state::{Action, Phase};
use crate::storage::SavedKey;

/// What the terminal says after Reset put the lesson's code back over the learner's.
const RESET_NOTE: &str =
    "Reset: the editor holds the lesson's code again. Your version is one undo away: press Ctrl+Z (⌘Z on a Mac) in the editor.";

#[derive(Properties, PartialEq)]
pub struct PlaygroundProps {
    /// The lesson's slug; with the file name it keys the learner's saved edits.
    pub lesson: AttrValue,
    pub example: Example,
}

#[function_component]
pub fn Playground(props: &PlaygroundProps) -> Html {
    let ctx = use_context::<SessionContext>().expect(IN_APP);
    let original = AttrValue::from(props.example.code.clone());
    let filename = props.example.filename.clone();
    let key = use_memo(
        (props.lesson.clone(), filename.clone()),
        |(lesson, filename)| SavedKey::code(lesson, filename),
    );
    let env_key = use_memo(
        (props.lesson.clone(), filename.clone()),
        |(lesson, filename)| SavedKey::env(lesson, filename),
    );
    let initial = use_memo(key.clone(), {
        let original = original.clone();
        move |key| AttrValue::from(key.load().unwrap_or_else(|| original.to_string()))
    });
    let edited = use_state(|| *initial != original);
    // None set by default: Express then runs in development mode, as `node server.js` does.
    let env_text = use_state({
        let env_key = env_key.clone();
        move || AttrValue::from(env_key.load().unwrap_or_default())
    });
    let editor: Rc<RefCell<Option<EditorHandle>>> = use_mut_ref(|| None);

    let on_change = {
        let (key, original, edited) = (key.clone(), original.clone(), edited.clone());
        Callback::from(move |code: String| {
            key.save(&code, &original);
            edited.set(code != *original);
        })
    };
    let on_env = {
        let env_text = env_text.clone();
        Callback::from(move |text: String| {
            env_key.save(&text, "");
            env_text.set(AttrValue::from(text));
        })
    };
    let on_run = {
        let (ctx, editor, env_text) = (ctx.clone(), editor.clone(), env_text.clone());
        Callback::from(move |()| {
            let Some(code) = editor.borrow().as_ref().map(EditorHandle::doc) else {
                return;
            };
            if ctx.session.phase.can_run() {
                // Lines that are not NAME=value are shown under the field and left out.
                let env = env::parse(&env_text).vars;
                ctx.sandbox.run(code, filename.clone(), env.clone());
                ctx.dispatch(Action::Run {
                    filename: filename.clone(),
                    env,
                });
            }
        })
    };
    // Reset is one edit in the editor's history, so the learner's version stays one undo away;
    // the terminal says so, since a reset that cannot be seen undone looks like lost work.
    let on_reset = {
        let (ctx, editor, original) = (ctx.clone(), editor.clone(), original.clone());
        Callback::from(move |()| {
            if let Some(view) = editor.borrow().as_ref() {
                if view.doc() != *original {
                    view.set_doc(&original);
                    ctx.dispatch(Action::Note(RESET_NOTE.to_string()));
                }
                view.focus();
            }
        })
    };
    // Point at the line a run failed on; a new run or an edit clears the mark.
    {
        let editor = editor.clone();
        let failed_line = match &ctx.session.phase {
            Phase::Failed(error) => error.line,
            _ => None,
        };
        use_effect_with(failed_line, move |line| {
            if let Some(view) = editor.borrow().as_ref() {
                view.mark_error(*line);
            }
        });
    }
    let on_mount = {
        let editor = editor.clone();
        Callback::from(move |view: EditorHandle| *editor.borrow_mut() = Some(view))
    };

    html! {
        <section class="playground" id="playground" aria-label={format!("Playground: {}", props.example.filename)}>
            <div class="editor-frame">
                <div class="editor-title">
                    <span class="filename">{ &props.example.filename }</span>
                    if *edited { <span class="edited">{ "edited" }</span> }
                    <span class="keys">{ "Ctrl/⌘+Enter runs · Esc, Tab leaves" }</span>
                </div>
                <CodeEditor
                    initial={(*initial).clone()}
                    label={format!("Code editor: {}", props.example.filename)}
                    {on_change}
                    on_run={on_run.clone()}
                    {on_mount}
                />
            </div>
            <Toolbar {on_run} {on_reset} edited={*edited} env={(*env_text).clone()} {on_env} />
            <Terminal />
        </section>
    }
}
