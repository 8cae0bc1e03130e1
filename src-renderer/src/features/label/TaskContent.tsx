import { useMemo } from 'react';
import type { TaskView } from '@contract/routes/labeling';
import { DiffEditor } from '../../components/editor';
import { Markdown } from '../../components/Markdown';

interface Message {
  role: string;
  content: string;
}

/** A chat-format input ([{role, content}]) as messages; anything else as Markdown text. */
function InputView({ task }: { task: TaskView }) {
  const messages = useMemo((): Message[] | null => {
    if (task.inputFormat !== 'messages') return null;
    try {
      const parsed = JSON.parse(task.input) as unknown;
      return Array.isArray(parsed)
        ? parsed.map((m: { role?: unknown; content?: unknown }) => ({
            role: typeof m.role === 'string' ? m.role : 'message',
            content: typeof m.content === 'string' ? m.content : JSON.stringify(m.content),
          }))
        : null;
    } catch {
      return null;
    }
  }, [task.input, task.inputFormat]);
  if (!messages) return <Markdown text={task.input} className="label-scroll" />;
  return (
    <ol className="label-messages label-scroll">
      {messages.map((m, i) => (
        <li key={i}>
          <span className="tag">{m.role}</span>
          <Markdown text={m.content} />
        </li>
      ))}
    </ol>
  );
}

/** The input and the output(s) being judged; pairs side by side, or as a diff. */
export function TaskContent({ task, showDiff }: { task: TaskView; showDiff: boolean }) {
  const [a, b] = task.outputs;
  return (
    <div className="label-task">
      <section className="label-input" aria-label="Input">
        <h2>
          Input <span className="muted">· {task.itemKey}</span>
          {task.category && <span className="tag">{task.category}</span>}
        </h2>
        <InputView task={task} />
        {task.reference !== null && (
          <details className="label-reference">
            <summary>Reference answer</summary>
            <Markdown text={task.reference} />
          </details>
        )}
      </section>
      {showDiff && a && b ? (
        <section className="label-diff" aria-label="Differences between A and B">
          <DiffEditor original={a.text} modified={b.text} originalLabel="A" modifiedLabel="B" />
        </section>
      ) : (
        <div className={task.outputs.length === 2 ? 'label-outputs pair' : 'label-outputs'}>
          {task.outputs.map((o, i) => (
            <section
              key={i}
              className="label-output"
              aria-label={o.slot ? `Output ${o.slot}` : 'Output'}
              data-testid={o.slot ? `output-${o.slot}` : 'output'}
            >
              <h2>
                {o.slot ? `Output ${o.slot}` : 'Output'}
                {o.model && <span className="muted"> · {o.model}</span>}
              </h2>
              <Markdown text={o.text} className="label-scroll" />
            </section>
          ))}
        </div>
      )}
    </div>
  );
}
