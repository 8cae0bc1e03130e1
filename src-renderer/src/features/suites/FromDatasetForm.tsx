import { useState, type FormEvent } from 'react';
import type { ListedSuite, RouteOutput } from '@contract/index';
import { ErrorNotice } from '../../components/ErrorNotice';
import { errorMessage } from '../../stores/load';
import { useProviders } from '../../stores/providers';
import { isSuiteNameTaken } from '../../stores/suites';
import { hrefOf } from '../../stores/ui';
import { initialJudgeChoice, JudgePicker, judgeOf, type JudgeChoice } from './JudgePicker';
import { defaultModelChoice } from './defaultModelChoice';
import { initialModelChoice, ModelPicker, modelsOf, type ModelChoice } from './ModelPicker';
import { planText, saveNewSuite } from './saveNewSuite';
import { useRouteQuery } from './useRouteQuery';
import { useScaffold } from './useScaffold';

type Options = RouteOutput<'suites.scaffoldOptions'>;

const judgeType = 'judge-rubric';

function ScorerPicker({
  options,
  chosen,
  onChange,
}: {
  options: Options;
  chosen: readonly string[];
  onChange: (chosen: string[]) => void;
}) {
  return (
    <fieldset className="ns-fieldset">
      <legend>Scorers</legend>
      {!options.hasReference && (
        <p className="muted ns-hint">
          {options.datasetName} v{options.version} has no reference answers: the scorers that
          compare with one cannot score it. An LLM judge can (choose its model below), or rate
          outputs in Label.
        </p>
      )}
      <ul className="ns-scorers">
        {options.scorers.map((s) => (
          <li key={s.type}>
            <label className="ns-check" title={s.unavailable ?? s.why}>
              <input
                type="checkbox"
                checked={chosen.includes(s.type)}
                disabled={s.unavailable !== null}
                onChange={(e) =>
                  onChange(
                    e.target.checked ? [...chosen, s.type] : chosen.filter((t) => t !== s.type),
                  )
                }
              />
              <span>
                {s.label} <code>{s.type}</code>
                {s.isSuggested && <span className="tag ns-suggested">suggested</span>}
              </span>
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}

/** A new suite scaffolded by the core from a dataset version, the chosen models and scorers. */
export function FromDatasetForm({
  suites,
  initialDatasetId = null,
}: {
  suites: readonly ListedSuite[];
  initialDatasetId?: string | null;
}) {
  const [name, setName] = useState('');
  const [datasetId, setDatasetId] = useState<string | null>(initialDatasetId);
  const [versionId, setVersionId] = useState<string | null>(null);
  // Null until the user changes the models: the default follows what is configured.
  const [chosenModels, setModels] = useState<ModelChoice | null>(null);
  const [scorers, setScorers] = useState<{ versionId: string; types: string[] } | null>(null);
  const [judgeChoice, setJudgeChoice] = useState<JudgeChoice>(initialJudgeChoice);
  const providers = useProviders((s) => s.list);
  const localModel = useRouteQuery('providers.localModel', {});
  const models =
    chosenModels ??
    (providers.status === 'ready'
      ? defaultModelChoice(
          providers.value.map((p) => p.label),
          localModel.status === 'ready' && localModel.value.path !== null,
        )
      : initialModelChoice);
  const [save, setSave] = useState<
    { status: 'idle' | 'saving' } | { status: 'error'; message: string }
  >({
    status: 'idle',
  });

  const datasets = useRouteQuery('datasets.list', {});
  const list = datasets.status === 'ready' ? datasets.value : [];
  const dataset = list.find((d) => d.id === datasetId) ?? list[0];
  const versions = useRouteQuery('datasets.versions', dataset ? { datasetId: dataset.id } : null);
  const frozen = versions.status === 'ready' ? versions.value.filter((v) => v.isFrozen) : [];
  const version = frozen.find((v) => v.id === versionId) ?? frozen[0];
  const options = useRouteQuery(
    'suites.scaffoldOptions',
    version ? { datasetVersionId: version.id } : null,
  );
  // The suggested scorers are chosen whenever another version is picked.
  const chosenScorers =
    scorers && scorers.versionId === version?.id
      ? scorers.types
      : options.status === 'ready'
        ? options.value.scorers.filter((s) => s.isSuggested).map((s) => s.type)
        : [];

  const trimmed = name.trim();
  const picked = modelsOf(models);
  const isJudged = chosenScorers.includes(judgeType) && options.status === 'ready';
  const judged = judgeOf(
    judgeChoice,
    providers.status === 'ready' ? providers.value : [],
    options.status === 'ready' ? options.value.judgeCriteria : '',
  );
  const problem = !trimmed
    ? 'Give the suite a name.'
    : isSuiteNameTaken(suites, trimmed)
      ? `A suite named “${trimmed}” exists: choose another name.`
      : !version
        ? 'Choose a dataset version.'
        : (picked.problem ?? (isJudged ? judged.problem : null));
  const scaffold = useScaffold(
    problem || !version || options.status !== 'ready'
      ? null
      : {
          name: trimmed,
          datasetVersionId: version.id,
          models: picked.models,
          scorers: chosenScorers,
          ...(isJudged && judged.judge ? { judge: judged.judge } : {}),
        },
  );

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (scaffold.status !== 'done') return;
    setSave({ status: 'saving' });
    try {
      await saveNewSuite(scaffold.yaml);
    } catch (error) {
      setSave({ status: 'error', message: errorMessage(error) });
    }
  };

  if (datasets.status === 'error') return <ErrorNotice message={datasets.message} />;
  if (datasets.status === 'ready' && list.length === 0)
    return (
      <p className="ns-empty" role="status">
        No dataset yet: a suite evaluates models on one.{' '}
        <a href={hrefOf('datasets', 'import')}>Import a dataset</a> first.
      </p>
    );

  return (
    <form
      className="ns-form"
      onSubmit={(e) => void onSubmit(e)}
      aria-label="New suite from a dataset"
    >
      <label className="ns-field">
        <span>Suite name</span>
        <input
          value={name}
          onChange={(e) => setName(e.target.value)}
          maxLength={200}
          // The native attribute, set before the dialog opens: showModal() focuses it (React's
          // autoFocus focuses on mount, and showModal would then move the focus to Close).
          ref={(input) => input?.setAttribute('autofocus', '')}
          aria-describedby="ns-problem"
          spellCheck={false}
        />
      </label>
      <div className="ns-row">
        <label className="ns-field">
          <span>Dataset</span>
          <select
            aria-label="Dataset"
            value={dataset?.id ?? ''}
            onChange={(e) => {
              setDatasetId(e.target.value);
              setVersionId(null);
            }}
          >
            {list.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
        </label>
        <label className="ns-field">
          <span>Version</span>
          <select
            aria-label="Dataset version"
            value={version?.id ?? ''}
            onChange={(e) => setVersionId(e.target.value)}
          >
            {frozen.map((v) => (
              <option key={v.id} value={v.id}>
                v{v.version} · {v.itemCount} items
              </option>
            ))}
          </select>
        </label>
      </div>
      <ModelPicker choice={models} onChange={setModels} />
      {options.status === 'ready' && version ? (
        <ScorerPicker
          options={options.value}
          chosen={chosenScorers}
          onChange={(types) => setScorers({ versionId: version.id, types })}
        />
      ) : options.status === 'error' ? (
        <ErrorNotice message={options.message} />
      ) : null}
      {isJudged && options.status === 'ready' && (
        <JudgePicker
          choice={judgeChoice}
          suggestedCriteria={options.value.judgeCriteria}
          onChange={setJudgeChoice}
        />
      )}
      <ScaffoldStatus problem={problem} scaffold={scaffold} />
      {save.status === 'error' && <ErrorNotice message={save.message} />}
      <div className="ns-actions">
        <button type="submit" disabled={scaffold.status !== 'done' || save.status === 'saving'}>
          {save.status === 'saving' ? 'Creating…' : 'Create suite'}
        </button>
      </div>
    </form>
  );
}

function ScaffoldStatus({
  problem,
  scaffold,
}: {
  problem: string | null;
  scaffold: ReturnType<typeof useScaffold>;
}) {
  if (problem)
    return (
      <p className="ns-problem" id="ns-problem" role="status">
        {problem}
      </p>
    );
  if (scaffold.status === 'error')
    return (
      <p className="ns-problem" id="ns-problem" role="alert">
        {scaffold.message}
      </p>
    );
  if (scaffold.status !== 'done')
    return (
      <p className="muted ns-plan" id="ns-problem" role="status">
        Writing the suite…
      </p>
    );
  const { validation, yaml } = scaffold;
  return (
    <div className="ns-result">
      <p className="ns-plan" data-testid="new-suite-plan" role="status" id="ns-problem">
        {validation.plan
          ? planText(validation.plan)
          : `${validation.issues.length} problem${validation.issues.length === 1 ? '' : 's'} (the editor shows them after creating)`}
      </p>
      <details className="ns-yaml">
        <summary>Show the YAML</summary>
        <pre className="code-block">{yaml}</pre>
      </details>
    </div>
  );
}
