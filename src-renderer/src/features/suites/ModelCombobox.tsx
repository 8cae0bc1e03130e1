import { useId, useState, type KeyboardEvent } from 'react';
import './modelCombobox.css';

/** Options shown at once: a long list (OpenAI's) is narrowed by typing. */
const shownAtMost = 200;

/**
 * A text field with a list of suggestions (the ARIA 1.2 combobox pattern): typing filters the
 * list, ↓/↑ move through it, Enter takes the highlighted model, Esc closes it; any text typed
 * is a valid value too (a model the provider does not list, an Azure deployment).
 */
export function ModelCombobox({
  label,
  value,
  options,
  onChange,
  placeholder,
  describedBy,
}: {
  label: string;
  value: string;
  options: readonly string[];
  onChange: (value: string) => void;
  placeholder?: string;
  describedBy?: string;
}) {
  const listId = useId();
  const [isOpen, setOpen] = useState(false);
  // Opening with ↓ (or on a value that is already a listed model) shows every option.
  const [showAll, setShowAll] = useState(false);
  const [active, setActive] = useState(-1);
  const needle = value.trim().toLowerCase();
  const matches = (
    showAll || !needle ? options : options.filter((o) => o.toLowerCase().includes(needle))
  ).slice(0, shownAtMost);
  const isExpanded = isOpen && matches.length > 0;
  const activeOption = isExpanded && active >= 0 ? matches[active] : undefined;

  const open = (all: boolean) => {
    setShowAll(all);
    setOpen(true);
    setActive(-1);
  };
  const close = () => {
    setOpen(false);
    setActive(-1);
  };
  const choose = (option: string) => {
    onChange(option);
    close();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (!isExpanded) return open(true);
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive((i) => (i + step + matches.length) % matches.length);
    } else if (e.key === 'Enter' && activeOption !== undefined) {
      // Takes the highlighted model instead of submitting the form.
      e.preventDefault();
      choose(activeOption);
    } else if (e.key === 'Escape' && isExpanded) {
      // Closes the list only: the dialog around it stays open.
      e.preventDefault();
      e.stopPropagation();
      close();
    }
  };

  return (
    <div className="mc-combobox">
      <input
        role="combobox"
        aria-label={label}
        aria-autocomplete="list"
        aria-expanded={isExpanded}
        aria-controls={listId}
        aria-activedescendant={activeOption !== undefined ? `${listId}-${active}` : undefined}
        aria-describedby={describedBy}
        placeholder={placeholder}
        value={value}
        spellCheck={false}
        autoComplete="off"
        onChange={(e) => {
          onChange(e.target.value);
          open(false);
        }}
        onFocus={() => open(options.includes(value))}
        onClick={() => !isOpen && open(options.includes(value))}
        onBlur={close}
        onKeyDown={onKeyDown}
      />
      <ul
        id={listId}
        role="listbox"
        aria-label={`${label}: models the provider lists`}
        className="mc-listbox"
        hidden={!isExpanded}
      >
        {isExpanded &&
          matches.map((option, index) => (
            <li
              key={option}
              id={`${listId}-${index}`}
              role="option"
              aria-selected={index === active}
              className={index === active ? 'is-active' : undefined}
              // mousedown, not click: the field keeps the focus (blur would close the list first).
              onMouseDown={(e) => {
                e.preventDefault();
                choose(option);
              }}
            >
              {option}
            </li>
          ))}
      </ul>
    </div>
  );
}
