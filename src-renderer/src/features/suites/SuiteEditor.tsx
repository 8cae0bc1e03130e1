import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { RouteOutput } from '@contract/index';
import { api } from '../../api/client';
import { CodeEditor, type EditorMarker } from '../../components/editor';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { Panes } from '../../components/Panes';
import { errorMessage } from '../../stores/load';
import { useSuites } from '../../stores/suites';
import { isMac, modKey, useShortcuts } from '../../shortcuts';
import { navigate } from '../../stores/ui';
import { RunLauncher } from '../runs/RunLauncher';
import { useSuiteDrafts } from './draftStore';
import { IssueList } from './IssueList';
import { PromptPreview } from './PromptPreview';
import { SuiteForm } from './SuiteForm';
import { issuesOf, useSuiteCheck } from './useSuiteCheck';
import { DraftNotice, DraftReadNotice } from './DraftNotice';
import { useDurableDraft } from './useDurableDraft';

type Suite = RouteOutput<'suites.get'>;

/** The suite's JSON Schema drives completion and validation in Monaco (monaco-yaml). */
function useSuiteSchema() {
  useEffect(() => {
    if (!api) return;
    let isCurrent = true;
    void Promise.all([
      api.call('suites.schema', {}),
      import('../../components/editor/monacoSetup'),
    ]).then(
      ([schema, setup]) => {
        if (isCurrent)
          setup.setYamlSchema('**/*.suite.yaml', 'yardstick://schemas/suite.json', schema);
      },
      () => undefined,
    );
    return () => {
      isCurrent = false;
    };
  }, []);
}

function CheckStatus({ check }: { check: ReturnType<typeof useSuiteCheck> }) {
  if (check.status === 'error')
    return <span className="su-status bad">Could not check: {check.message}</span>;
  if (check.status === 'checking') return <span className="su-status muted">Checking…</span>;
  const { result } = check;
  if (!result.ok)
    return (
      <span className="su-status bad" data-testid="suite-status">
        {result.issues.length} problem{result.issues.length === 1 ? '' : 's'}
      </span>
    );
  const plan = result.plan;
  return (
    <span className="su-status good" data-testid="suite-status">
      Valid
      {plan
        ? ` · ${plan.itemCount} items × ${plan.promptCount} prompt(s) × ${plan.modelCount} model(s) × ${plan.repeats} = ${plan.cellCount} requests`
        : ''}
    </span>
  );
}

/**
 * Edit a suite as YAML (Monaco with the suite schema, the core's located problems as markers)
 * or as a form for the common fields; Ctrl/Cmd+S saves. The right pane previews the prompts on
 * a dataset item and launches a run.
 */
export function SuiteEditor({ suite }: { suite: Suite }) {
  useSuiteSchema();
  const durable = useDurableDraft(suite);
  const { settle: settleDraft, markSaved: markDraftSaved, flush: flushDraft } = durable;
  const draft = useSuiteDrafts((s) => s.byId[suite.id]);
  const setDraft = useSuiteDrafts((s) => s.set);
  const dropDraft = useSuiteDrafts((s) => s.drop);
  const loadList = useSuites((s) => s.loadList);
  const text = draft ?? suite.yaml;
  const isDirty = draft !== undefined && draft !== suite.yaml;
  const file = suite.sourcePath ?? 'suite.yaml';
  const check = useSuiteCheck(text, file);
  const issues = issuesOf(check);
  const view = useSuiteDrafts((s) => s.view);
  const setView = useSuiteDrafts((s) => s.setView);
  // Read, not taken, while rendering (a render may run twice); dropped once mounted.
  const [handoff] = useState(() => {
    const stored = useSuiteDrafts.getState().saveHandoff;
    return stored?.suiteId === suite.id ? stored : null;
  });
  useEffect(() => {
    if (handoff) useSuiteDrafts.getState().setSaveHandoff(null);
  }, [handoff]);
  const [reveal, setReveal] = useState<{ line: number; column: number } | null>(
    handoff?.cursor ?? null,
  );
  const [saveState, setSaveState] = useState<
    { status: 'idle' | 'saving' | 'saved' } | { status: 'error'; message: string }
  >({
    status: handoff ? 'saved' : 'idle',
  });
  const cursor = useRef<{ line: number; column: number } | null>(null);
  const body = useRef<HTMLDivElement>(null);

  const markers = useMemo<EditorMarker[]>(
    () =>
      issues
        .filter((i) => i.line > 0)
        .map((i) => ({
          line: i.line,
          column: Math.max(1, i.column),
          message: `${i.path ? `${i.path}: ` : ''}${i.message}`,
          severity: 'error',
        })),
    [issues],
  );

  const onChange = useCallback(
    (value: string) => {
      setDraft(suite.id, value);
      setSaveState({ status: 'idle' });
    },
    [setDraft, suite.id],
  );

  const onCursor = useCallback((position: { line: number; column: number }) => {
    cursor.current = position;
  }, []);

  const save = useCallback(async (): Promise<string | null> => {
    if (!api) return null;
    // Asked before anything is awaited: the Save button takes the focus while it is pressed.
    const isEditorFocused = body.current?.contains(document.activeElement) ?? false;
    setSaveState({ status: 'saving' });
    try {
      // No draft write may land after the save drops the stored draft.
      await settleDraft();
      // The text as of now, not of the last render: Ctrl+S pressed right after a keystroke can
      // arrive before React re-renders with it (and re-binds this callback).
      const current = useSuiteDrafts.getState().byId[suite.id] ?? suite.yaml;
      const saved = await api.call('suites.save', {
        yaml: current,
        ...(suite.sourcePath ? { sourcePath: suite.sourcePath } : {}),
        draftOf: suite.id,
      });
      setSaveState({ status: 'saved' });
      markDraftSaved();
      dropDraft(suite.id);
      await loadList();
      if (saved.id !== suite.id) {
        useSuiteDrafts.getState().setSaveHandoff({
          suiteId: saved.id,
          cursor: isEditorFocused && view === 'yaml' ? cursor.current : null,
        });
        navigate('suites', saved.id);
      }
      return saved.id;
    } catch (error) {
      setSaveState({ status: 'error', message: errorMessage(error) });
      // Not saved: the edit whose write the save cancelled is stored after all.
      flushDraft();
      return null;
    }
  }, [
    suite.id,
    suite.yaml,
    suite.sourcePath,
    dropDraft,
    loadList,
    settleDraft,
    markDraftSaved,
    flushDraft,
    view,
  ]);

  useShortcuts('suite-editor', 'Suite editor', [
    {
      keys: `${modKey}+S`,
      description: 'Save the suite (a new version when its text changed)',
      inFields: true,
      matches: (e) => (e.ctrlKey || e.metaKey) && !e.shiftKey && e.key.toLowerCase() === 's',
      run: () => void save(),
    },
    {
      // Monaco's own "Toggle Tab Key Moves Focus" (handled by the editor, listed here so it is found).
      keys: isMac ? 'Ctrl+Shift+M' : 'Ctrl+M',
      description:
        'In the YAML editor: Tab moves the focus out instead of indenting (press again to undo)',
    },
  ]);

  const editorPane = (
    <div className="su-editor">
      <div className="su-toolbar">
        <div className="su-tabs" role="tablist" aria-label="Suite view">
          <button
            type="button"
            role="tab"
            aria-selected={view === 'yaml'}
            onClick={() => setView('yaml')}
          >
            YAML
          </button>
          <button
            type="button"
            role="tab"
            aria-selected={view === 'form'}
            onClick={() => setView('form')}
          >
            Form
          </button>
        </div>
        <CheckStatus check={check} />
        <span className="su-spacer" />
        {isDirty && <span className="muted">Unsaved changes</span>}
        {saveState.status === 'saved' && !isDirty && (
          <span className="muted" role="status">
            Saved.
          </span>
        )}
        <button
          type="button"
          onClick={() => void save()}
          disabled={!isDirty || saveState.status === 'saving'}
          title="Save (Ctrl+S)"
        >
          {saveState.status === 'saving' ? 'Saving…' : 'Save'}
        </button>
        {isDirty && (
          <button
            type="button"
            onClick={() => dropDraft(suite.id)}
            title="Discard the unsaved changes"
          >
            Revert
          </button>
        )}
      </div>
      {saveState.status === 'error' && <ErrorNotice message={saveState.message} />}
      {durable.restored && isDirty && (
        <DraftNotice restored={durable.restored} onDiscard={durable.discard} />
      )}
      {durable.readError && <DraftReadNotice message={durable.readError} onRetry={durable.retry} />}
      {durable.error && (
        <p className="su-draft-error" role="alert">
          {durable.error}
        </p>
      )}
      <div className="su-body" data-testid="suite-yaml" onBlur={durable.flush} ref={body}>
        {durable.status === 'loading' ? (
          <Loading what="unsaved changes" />
        ) : view === 'yaml' ? (
          <CodeEditor
            value={text}
            language="yaml"
            path={`file:///suites/${suite.id}.suite.yaml`}
            onChange={onChange}
            markers={markers}
            ariaLabel="Suite YAML"
            reveal={reveal}
            onCursor={onCursor}
          />
        ) : (
          <SuiteForm text={text} onChange={onChange} />
        )}
      </div>
      <IssueList
        issues={issues}
        onGoTo={(line, column) => {
          setView('yaml');
          setReveal({ line, column });
        }}
      />
    </div>
  );

  const sidePane = (
    <div className="su-side">
      <section>
        <h2>Run</h2>
        <RunLauncher yaml={text} isValid={check.status === 'done' && check.result.ok} save={save} />
      </section>
      <section>
        <h2>Prompt preview</h2>
        <PromptPreview yaml={text} sourcePath={file} />
      </section>
    </div>
  );

  return (
    <Panes id="suite-editor" first={editorPane} second={sidePane} firstSize={55} minSize={25} />
  );
}
