import type { ProviderSummary, RouteInput } from '@contract/index';
import { useProviders } from '../../stores/providers';
import { ProviderModelField } from './ProviderModelField';

type ScaffoldJudge = NonNullable<RouteInput<'suites.scaffold'>['judge']>;

/** The judge of an LLM-judge scorer as chosen so far; null fields follow the defaults. */
export interface JudgeChoice {
  /** A configured provider's label, or `local`; null: the first configured provider. */
  provider: string | null;
  model: string;
  /** Null until edited: the core's suggestion for the dataset (`judgeCriteria`). */
  criteria: string | null;
}

export const initialJudgeChoice: JudgeChoice = { provider: null, model: '', criteria: null };

const localJudge = 'local';

function providerOf(choice: JudgeChoice, configured: readonly ProviderSummary[]): string {
  if (choice.provider === localJudge) return localJudge;
  const chosen = configured.find((p) => p.label === choice.provider) ?? configured[0];
  return chosen?.label ?? localJudge;
}

/** The scaffold's judge, or the first thing missing. */
export function judgeOf(
  choice: JudgeChoice,
  configured: readonly ProviderSummary[],
  suggestedCriteria: string,
): { judge: ScaffoldJudge | null; problem: string | null } {
  const provider = providerOf(choice, configured);
  const model = provider === localJudge ? 'default' : choice.model.trim();
  const criteria = (choice.criteria ?? suggestedCriteria).trim();
  if (!model) return { judge: null, problem: `Choose the judge model to use with ${provider}.` };
  if (!criteria) return { judge: null, problem: 'Say what the judge should assess.' };
  return { judge: { provider, model, criteria }, problem: null };
}

/** The judge model (the same picker as the candidates, one model) and its criteria. */
export function JudgePicker({
  choice,
  suggestedCriteria,
  onChange,
}: {
  choice: JudgeChoice;
  suggestedCriteria: string;
  onChange: (choice: JudgeChoice) => void;
}) {
  const providers = useProviders((s) => s.list);
  const configured = providers.status === 'ready' ? providers.value : [];
  const provider = providerOf(choice, configured);
  const chosen = configured.find((p) => p.label === provider);
  return (
    <fieldset className="ns-fieldset" aria-label="LLM judge">
      <legend>LLM judge</legend>
      <p className="muted ns-hint">
        The judge reads each response and rates it 1–5 against the criteria: one judge call per
        response. Prefer a model that is not one of the candidates.
      </p>
      <div className="ns-row">
        <label className="ns-field">
          <span>Judge provider</span>
          <select
            value={provider}
            onChange={(e) => onChange({ ...choice, provider: e.target.value, model: '' })}
          >
            {configured.map((p) => (
              <option key={p.id} value={p.label}>
                {p.label} ({p.kind})
              </option>
            ))}
            <option value={localJudge}>Local model (in-process GGUF)</option>
          </select>
        </label>
      </div>
      {chosen ? (
        <div>
          {/* The combobox is named by its aria-label; this caption is for the eye. */}
          <span className="mc-caption" aria-hidden="true">
            Judge model
          </span>
          <ProviderModelField
            providerId={chosen.id}
            providerLabel={chosen.label}
            label="Judge model"
            value={choice.model}
            onChange={(model) => onChange({ ...choice, provider: chosen.label, model })}
          />
        </div>
      ) : (
        <p className="muted ns-hint">
          The built-in local model judges: nothing leaves this machine, but a small model is a weak
          judge. Add a provider to judge with a stronger model.
        </p>
      )}
      <label className="ns-field">
        <span>Judge criteria</span>
        <textarea
          rows={3}
          value={choice.criteria ?? suggestedCriteria}
          maxLength={4000}
          onChange={(e) => onChange({ ...choice, criteria: e.target.value })}
        />
      </label>
    </fieldset>
  );
}
