import { Box, Combobox, ComboboxOption, Field, Typography } from '@strapi/design-system';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useGuarded } from '../hooks/useGuarded';

const SEARCH_DELAY_MS = 250;

/** A thing a filter names: its value in the URL and the API (a code, a slug), and its name. */
export interface Named {
  value: string;
  name: string;
}

export interface SearchPickerProps {
  label: string;
  /** The chosen thing's value, '' for none. */
  value: string;
  onChange: (value: string) => void;
  /** Things whose name holds `q`, at most `limit`. */
  find: (q: string, limit: number) => Promise<Named[]>;
  placeholder: string;
  clearLabel: string;
  loadingMessage: string;
  noneMessage: string;
  hint?: string;
  testId?: string;
}

/**
 * One thing to filter a list by, picked by name from a server search: the value a list filter
 * wants (an agency code, a rubric slug, a subject qcode) without the editor knowing it. Clearing
 * the box (its clear button, or Escape) removes the filter. A value from the URL is shown by its
 * name, looked up once.
 */
export const SearchPicker = ({
  label,
  value,
  onChange,
  find,
  placeholder,
  clearLabel,
  loadingMessage,
  noneMessage,
  hint,
  testId,
}: SearchPickerProps) => {
  const guarded = useGuarded();
  const [options, setOptions] = useState<Named[]>([]);
  const [selected, setSelected] = useState<Named | null>(null);
  const [text, setText] = useState('');
  const [loading, setLoading] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const latest = useRef(0);
  const selectedRef = useRef(selected);
  selectedRef.current = selected;
  const findRef = useRef(find);
  findRef.current = find;

  const search = useCallback(
    (q: string) => {
      clearTimeout(timer.current);
      timer.current = setTimeout(() => {
        const request = (latest.current += 1);
        setLoading(true);
        void guarded(() => findRef.current(q.slice(0, 100), 20)).then((found) => {
          // An answer to an older search is dropped: the newest one fills the list.
          if (request !== latest.current) return;
          setOptions(found ?? []);
          setLoading(false);
        });
      }, SEARCH_DELAY_MS);
    },
    [guarded]
  );
  useEffect(() => () => clearTimeout(timer.current), []);

  useEffect(() => {
    if (!value) {
      setSelected(null);
      setText('');
      return;
    }
    if (selectedRef.current?.value === value) return;
    setSelected({ value, name: value });
    setText(value);
    let current = true;
    void guarded(() => findRef.current(value.slice(0, 100), 5)).then((found) => {
      const named = found?.find((o) => o.value === value);
      if (!current || !named) return;
      setSelected(named);
      setText(named.name);
    });
    return () => {
      current = false;
    };
  }, [value, guarded]);

  // The chosen thing stays among the options: the box would drop a value it cannot find.
  const listed =
    selected && !options.some((o) => o.value === selected.value) ? [selected, ...options] : options;

  const pick = (picked: string | undefined) => {
    if ((picked ?? '') === value) return;
    setSelected(listed.find((o) => o.value === picked) ?? null);
    onChange(picked ?? '');
  };

  return (
    <Box width="240px" data-testid={testId}>
      <Field.Root hint={hint}>
        <Field.Label>{label}</Field.Label>
        <Combobox
          autocomplete="none"
          placeholder={placeholder}
          value={value}
          textValue={text}
          onTextValueChange={setText}
          onInputChange={(event) => search(event.currentTarget.value)}
          onOpenChange={(open) => {
            if (open) search(text === selected?.name ? '' : text);
          }}
          onChange={pick}
          onClear={() => pick(undefined)}
          clearLabel={clearLabel}
          loading={loading}
          loadingMessage={loadingMessage}
          noOptionsMessage={() => noneMessage}
        >
          {listed.map((o) => (
            <ComboboxOption key={o.value} value={o.value} textValue={o.name}>
              {o.name}{' '}
              <Typography variant="pi" textColor="neutral600">
                {o.value}
              </Typography>
            </ComboboxOption>
          ))}
        </Combobox>
        {hint && <Field.Hint />}
      </Field.Root>
    </Box>
  );
};
