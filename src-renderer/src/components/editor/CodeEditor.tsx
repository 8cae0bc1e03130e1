import { useEffect, useRef } from 'react';
import { useUi } from '../../stores/ui';
import { monaco, monacoTheme } from './monacoSetup';

export interface EditorMarker {
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  message: string;
  severity: 'error' | 'warning';
}

interface CodeEditorProps {
  value: string;
  language: string;
  /** Model URI (e.g. `file:///suite.yaml`): schemas match on it. */
  path: string;
  readOnly?: boolean;
  onChange?: (value: string) => void;
  /** Problems found by the core, shown inline beside the editor's own. */
  markers?: EditorMarker[];
  ariaLabel: string;
  /** Moves the cursor there and focuses the editor (e.g. a clicked problem); pass a new object each time. */
  reveal?: { line: number; column: number } | null;
  /** Told where the cursor is after each move (1-based). */
  onCursor?: (position: { line: number; column: number }) => void;
}

/** A Monaco editor that follows the app theme. Load it lazily (it is large). */
export default function CodeEditor({
  value,
  language,
  path,
  readOnly,
  onChange,
  markers,
  ariaLabel,
  reveal,
  onCursor,
}: CodeEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const editor = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const onChangeRef = useRef(onChange);
  const onCursorRef = useRef(onCursor);
  // The first value and read-only state seed a new model; later changes go through the effects below.
  const initial = useRef({ value, readOnly });
  useEffect(() => {
    onChangeRef.current = onChange;
  }, [onChange]);
  useEffect(() => {
    onCursorRef.current = onCursor;
  }, [onCursor]);
  const theme = useUi((s) => s.theme);

  useEffect(() => {
    if (!host.current) return;
    const uri = monaco.Uri.parse(path);
    const model =
      monaco.editor.getModel(uri) ??
      monaco.editor.createModel(initial.current.value, language, uri);
    const instance = monaco.editor.create(host.current, {
      model,
      readOnly: initial.current.readOnly ?? false,
      automaticLayout: true,
      minimap: { enabled: false },
      scrollBeyondLastLine: false,
      fontSize: 13,
      tabSize: 2,
      ariaLabel,
    });
    const subscription = instance.onDidChangeModelContent(() =>
      onChangeRef.current?.(instance.getValue()),
    );
    const cursorSubscription = instance.onDidChangeCursorPosition(({ position }) =>
      onCursorRef.current?.({ line: position.lineNumber, column: position.column }),
    );
    editor.current = instance;
    return () => {
      subscription.dispose();
      cursorSubscription.dispose();
      instance.dispose();
      model.dispose();
      editor.current = null;
    };
  }, [path, language, ariaLabel]);

  useEffect(() => {
    const model = editor.current?.getModel();
    if (model && model.getValue() !== value) model.setValue(value);
  }, [value]);

  useEffect(() => {
    editor.current?.updateOptions({ readOnly: readOnly ?? false });
  }, [readOnly]);

  useEffect(() => {
    monaco.editor.setTheme(monacoTheme(theme));
  }, [theme]);

  useEffect(() => {
    const model = editor.current?.getModel();
    if (!model) return;
    monaco.editor.setModelMarkers(
      model,
      'yardstick',
      (markers ?? []).map((m) => ({
        startLineNumber: m.line,
        startColumn: m.column,
        endLineNumber: m.endLine ?? m.line,
        endColumn: m.endColumn ?? model.getLineMaxColumn(m.line),
        message: m.message,
        severity:
          m.severity === 'error' ? monaco.MarkerSeverity.Error : monaco.MarkerSeverity.Warning,
      })),
    );
  }, [markers]);

  useEffect(() => {
    const instance = editor.current;
    if (!instance || !reveal) return;
    const position = { lineNumber: reveal.line, column: Math.max(1, reveal.column) };
    instance.setPosition(position);
    instance.revealPositionInCenter(position);
    instance.focus();
  }, [reveal]);

  return <div className="code-editor" ref={host} />;
}
