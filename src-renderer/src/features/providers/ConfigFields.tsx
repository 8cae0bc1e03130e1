/**
 * Inputs for a provider kind's config, generated from the JSON Schema the core derives from
 * the kind's zod schema (`providers.kinds`): the core stays the only place that knows the
 * fields and checks them; an empty input means "use the default" and is left out.
 */

type Config = Record<string, unknown>;

/** A config value as an input shows it ('' when unset). */
function display(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

interface FieldSchema {
  type?: string;
  enum?: unknown[];
  default?: unknown;
  description?: string;
}

function fieldsOf(schema: Record<string, unknown>): Array<[string, FieldSchema]> {
  const properties = (schema.properties ?? {}) as Record<string, FieldSchema>;
  return Object.entries(properties).filter(([, f]) =>
    ['string', 'integer', 'number', 'boolean'].includes(f.type ?? ''),
  );
}

function requiredOf(schema: Record<string, unknown>): Set<string> {
  return new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
}

/** Human label from a camelCase field name: `apiKeySecret` → "Api key secret". */
function labelOf(name: string): string {
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function withValue(config: Config, name: string, value: unknown): Config {
  const next = { ...config };
  if (value === '' || value === undefined) delete next[name];
  else next[name] = value;
  return next;
}

export function ConfigFields({
  schema,
  config,
  onChange,
  idPrefix,
}: {
  schema: Record<string, unknown>;
  config: Config;
  onChange: (config: Config) => void;
  idPrefix: string;
}) {
  const required = requiredOf(schema);
  return (
    <div className="pv-fields">
      {fieldsOf(schema).map(([name, field]) => {
        const id = `${idPrefix}-${name}`;
        const value = config[name];
        const placeholder = display(field.default);
        const label = `${labelOf(name)}${required.has(name) ? ' *' : ''}`;
        let input;
        if (field.type === 'boolean') {
          input = (
            <select
              id={id}
              value={display(value)}
              onChange={(e) =>
                onChange(
                  withValue(config, name, e.target.value === '' ? '' : e.target.value === 'true'),
                )
              }
            >
              <option value="">default ({placeholder || 'unset'})</option>
              <option value="true">yes</option>
              <option value="false">no</option>
            </select>
          );
        } else if (field.enum) {
          input = (
            <select
              id={id}
              value={display(value)}
              onChange={(e) => onChange(withValue(config, name, e.target.value))}
            >
              <option value="">{placeholder ? `default (${placeholder})` : '—'}</option>
              {field.enum.map((option) => (
                <option key={display(option)} value={display(option)}>
                  {display(option)}
                </option>
              ))}
            </select>
          );
        } else {
          const isNumber = field.type === 'integer' || field.type === 'number';
          input = (
            <input
              id={id}
              type={isNumber ? 'number' : 'text'}
              value={display(value)}
              placeholder={placeholder}
              spellCheck={false}
              onChange={(e) =>
                onChange(
                  withValue(
                    config,
                    name,
                    isNumber && e.target.value !== '' ? Number(e.target.value) : e.target.value,
                  ),
                )
              }
            />
          );
        }
        return (
          <div className="pv-field" key={name}>
            <label htmlFor={id}>{label}</label>
            {input}
            {field.description && <span className="muted pv-hint">{field.description}</span>}
          </div>
        );
      })}
    </div>
  );
}
