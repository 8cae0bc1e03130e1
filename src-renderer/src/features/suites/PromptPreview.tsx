import { useEffect, useState } from 'react';
import type { PromptPreview as Preview } from '@contract/index';
import { api } from '../../api/client';
import { ErrorNotice } from '../../components/ErrorNotice';
import { isInEditor, isMac, useShortcuts } from '../../shortcuts';
import { errorMessage } from '../../stores/load';

const debounceMs = 300;

/**
 * The suite's prompts rendered by the core's template code on one dataset item — exactly the
 * messages a run would send. Alt+← / Alt+→ step through the items.
 */
export function PromptPreview({ yaml, sourcePath }: { yaml: string; sourcePath: string }) {
  const [itemIndex, setItemIndex] = useState(0);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let isCurrent = true;
    const timer = setTimeout(() => {
      api
        ?.call('suites.previewPrompt', { yaml, sourcePath, itemIndex })
        .then((p) => {
          if (!isCurrent) return;
          setPreview(p);
          setError(null);
        })
        .catch((e: unknown) => isCurrent && setError(errorMessage(e)));
    }, debounceMs);
    return () => {
      isCurrent = false;
      clearTimeout(timer);
    };
  }, [yaml, sourcePath, itemIndex]);

  const count = preview?.itemCount ?? 0;
  const step = (delta: number) => setItemIndex((i) => Math.max(0, Math.min(count - 1, i + delta)));
  useShortcuts('suite-preview', 'Suite editor: prompt preview', [
    {
      keys: 'Alt+← / Alt+→',
      description: 'Previous / next dataset item in the prompt preview',
      inFields: true,
      // On a Mac, Option+arrow in the editor moves by word, as it does everywhere there.
      matches: (e) =>
        e.altKey &&
        (e.key === 'ArrowLeft' || e.key === 'ArrowRight') &&
        !(isMac && isInEditor(e.target)),
      run: (e) => step(e.key === 'ArrowLeft' ? -1 : 1),
    },
  ]);

  if (error) return <ErrorNotice message={error} />;
  if (!preview) return <p className="muted">Rendering the prompts…</p>;
  if (!preview.item)
    return (
      <div className="su-preview" data-testid="prompt-preview">
        <p className="muted">
          No preview:{' '}
          {preview.issues.map((i) => i.message).join('; ') || 'the dataset has no items'}.
        </p>
      </div>
    );
  return (
    <div className="su-preview" data-testid="prompt-preview">
      <div className="su-preview-nav">
        <button
          type="button"
          onClick={() => step(-1)}
          disabled={preview.itemIndex === 0}
          title="Previous item (Alt+←)"
        >
          ‹
        </button>
        <span>
          Item {preview.itemIndex + 1} of {count} · <code>{preview.item.key}</code>
          {preview.item.category && <span className="tag">{preview.item.category}</span>}
        </span>
        <button
          type="button"
          onClick={() => step(1)}
          disabled={preview.itemIndex >= count - 1}
          title="Next item (Alt+→)"
        >
          ›
        </button>
      </div>
      {preview.prompts.map((prompt) => (
        <section key={prompt.promptId} className="su-preview-prompt">
          <h3>{prompt.promptId}</h3>
          {prompt.messages ? (
            prompt.messages.map((m, i) => (
              <div key={i} className={`su-message su-${m.role}`}>
                <span className="su-role">{m.role}</span>
                <pre>{m.content}</pre>
              </div>
            ))
          ) : (
            <ul className="su-issues">
              {prompt.issues.map((issue, i) => (
                <li key={i}>
                  line {issue.line}: {issue.message}
                </li>
              ))}
            </ul>
          )}
        </section>
      ))}
      {preview.item.reference !== null && (
        <details className="su-reference">
          <summary>Reference</summary>
          <pre>{preview.item.reference}</pre>
        </details>
      )}
    </div>
  );
}
