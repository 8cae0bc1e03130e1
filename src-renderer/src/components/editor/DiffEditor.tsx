import { useEffect, useRef } from 'react';
import { useUi } from '../../stores/ui';
import { monaco, monacoTheme } from './monacoSetup';

interface DiffEditorProps {
  original: string;
  modified: string;
  originalLabel: string;
  modifiedLabel: string;
  sideBySide?: boolean;
}

/** A read-only Monaco diff of two texts (two outputs, two versions of an item). Load lazily. */
export default function DiffEditor({
  original,
  modified,
  originalLabel,
  modifiedLabel,
  sideBySide = true,
}: DiffEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const theme = useUi((s) => s.theme);

  useEffect(() => {
    if (!host.current) return;
    const left = monaco.editor.createModel(original, 'plaintext');
    const right = monaco.editor.createModel(modified, 'plaintext');
    const diff = monaco.editor.createDiffEditor(host.current, {
      readOnly: true,
      automaticLayout: true,
      renderSideBySide: sideBySide,
      wordWrap: 'on',
      diffWordWrap: 'on',
      minimap: { enabled: false },
      scrollBeyondLastLine: false,
      originalAriaLabel: originalLabel,
      modifiedAriaLabel: modifiedLabel,
    });
    diff.setModel({ original: left, modified: right });
    // Monaco 0.57 leaves its two text boxes with an empty aria-label despite the options above;
    // set on each side, a screen reader says which text it is in.
    diff.getOriginalEditor().updateOptions({ ariaLabel: originalLabel });
    diff.getModifiedEditor().updateOptions({ ariaLabel: modifiedLabel });
    return () => {
      diff.dispose();
      left.dispose();
      right.dispose();
    };
  }, [original, modified, originalLabel, modifiedLabel, sideBySide]);

  useEffect(() => {
    monaco.editor.setTheme(monacoTheme(theme));
  }, [theme]);

  return (
    <div className="diff-editor-frame">
      <div className="diff-editor-labels">
        <span>{originalLabel}</span>
        <span>{modifiedLabel}</span>
      </div>
      <div className="diff-editor" ref={host} />
    </div>
  );
}
