// The code editor: CodeMirror 6 with a lean set of extensions, exposed to the Yew app as the
// global `playgroundEditor` (see src/editor.rs). Bundled by build.mjs in Trunk's pre_build hook.
// Brackets are not closed automatically: what the learner types is what runs, so a missing
// brace is the learner's to find, as the error message and the marked line help them do.
import { EditorState, Prec, StateEffect, StateField } from "@codemirror/state";
import {
  Decoration,
  EditorView,
  drawSelection,
  highlightActiveLine,
  highlightActiveLineGutter,
  keymap,
  lineNumbers,
} from "@codemirror/view";
import { defaultKeymap, history, historyKeymap, indentWithTab, isolateHistory } from "@codemirror/commands";
import {
  bracketMatching,
  defaultHighlightStyle,
  indentOnInput,
  syntaxHighlighting,
} from "@codemirror/language";
import { javascript } from "@codemirror/lang-javascript";

/** Marks the line the last run failed on, until the next edit. */
const setErrorLine = StateEffect.define();
const errorLine = StateField.define({
  create: () => Decoration.none,
  update(marks, tr) {
    for (const effect of tr.effects) {
      if (effect.is(setErrorLine)) {
        const n = effect.value;
        if (n === null || n < 1 || n > tr.state.doc.lines) return Decoration.none;
        const line = tr.state.doc.line(n);
        return Decoration.set([Decoration.line({ class: "cm-error-line" }).range(line.from)]);
      }
    }
    return tr.docChanged ? Decoration.none : marks;
  },
  provide: (field) => EditorView.decorations.from(field),
});

/**
 * Mounts an editor holding `doc` into `parent`.
 * Tab indents (Esc, then Tab, moves focus on, as CodeMirror documents); Ctrl/Cmd+Enter runs.
 * @param {HTMLElement} parent
 * @param {string} doc
 * @param {string} label accessible name of the editing area
 * @param {(doc: string) => void} onChange called after every edit with the whole text
 * @param {() => void} onRun called on Ctrl/Cmd+Enter
 */
export function mount(parent, doc, label, onChange, onRun) {
  const run = () => {
    onRun();
    return true;
  };
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc,
      extensions: [
        lineNumbers(),
        highlightActiveLineGutter(),
        highlightActiveLine(),
        history(),
        drawSelection(),
        indentOnInput(),
        bracketMatching(),
        syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
        javascript(),
        // Phones are narrow; wrapped lines beat scrolling sideways through code.
        EditorView.lineWrapping,
        errorLine,
        // Above the default keymap, whose Mod-Enter inserts a blank line.
        Prec.highest(keymap.of([{ key: "Mod-Enter", run }])),
        keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
        EditorView.contentAttributes.of({ "aria-label": label }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) onChange(update.state.doc.toString());
        }),
      ],
    }),
  });
  return {
    getDoc: () => view.state.doc.toString(),
    /** Replaces the text as one undo step of its own (never merged with the typing before it). */
    setDoc: (text) =>
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text }, annotations: isolateHistory.of("full") }),
    focus: () => view.focus(),
    /** Highlights 1-based line `n` (null clears) and scrolls it into view. */
    markError: (n) => {
      const valid = n !== null && n >= 1 && n <= view.state.doc.lines;
      view.dispatch({
        effects: [
          setErrorLine.of(valid ? n : null),
          ...(valid ? [EditorView.scrollIntoView(view.state.doc.line(n).from, { y: "nearest" })] : []),
        ],
      });
    },
    destroy: () => view.destroy(),
  };
}
