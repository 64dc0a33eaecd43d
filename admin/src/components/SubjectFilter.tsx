import { Box, Combobox, ComboboxOption, Field, Typography } from '@strapi/design-system';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useNewsroomApi, type MediaTopic } from '../api/client';
import { useGuarded } from '../hooks/useGuarded';
import { useT } from '../utils/getTranslation';

const SEARCH_DELAY_MS = 250;

interface SubjectFilterProps {
  label: string;
  /** The chosen subject's code (`medtop:11000000`), '' for none. */
  value: string;
  onChange: (code: string) => void;
}

/**
 * One IPTC Media Topic to filter a list by, picked by name from the subjects search. Clearing
 * the box (or its clear button, or Escape) removes the filter; a parent topic takes in its
 * narrower ones on the server.
 */
export const SubjectFilter = ({ label, value, onChange }: SubjectFilterProps) => {
  const t = useT();
  const api = useNewsroomApi();
  const guarded = useGuarded();
  const [options, setOptions] = useState<MediaTopic[]>([]);
  const [selected, setSelected] = useState<MediaTopic | null>(null);
  const [text, setText] = useState('');
  const [loading, setLoading] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const latest = useRef(0);
  const selectedRef = useRef(selected);
  selectedRef.current = selected;

  const search = useCallback(
    (q: string) => {
      clearTimeout(timer.current);
      timer.current = setTimeout(() => {
        const request = (latest.current += 1);
        setLoading(true);
        void guarded(() => api.subjects({ q: q.slice(0, 100), limit: 20 })).then((found) => {
          // An answer to an older search is dropped: the newest one fills the list.
          if (request !== latest.current) return;
          setOptions(found?.data ?? []);
          setLoading(false);
        });
      }, SEARCH_DELAY_MS);
    },
    [api, guarded]
  );
  useEffect(() => () => clearTimeout(timer.current), []);

  // A code from the URL (a bookmark, back and forward) is shown by its name, looked up once.
  useEffect(() => {
    if (!value) {
      setSelected(null);
      setText('');
      return;
    }
    if (selectedRef.current?.code === value) return;
    const placeholder: MediaTopic = { code: value, name: value, broader: null };
    setSelected(placeholder);
    setText(value);
    let current = true;
    void guarded(() => api.subjects({ q: value.slice(0, 100), limit: 5 })).then((found) => {
      const topic = found?.data.find((o) => o.code === value);
      if (!current || !topic) return;
      setSelected(topic);
      setText(topic.name);
    });
    return () => {
      current = false;
    };
  }, [value, api, guarded]);

  // The chosen topic stays among the options: the box would drop a value it cannot find.
  const listed =
    selected && !options.some((o) => o.code === selected.code) ? [selected, ...options] : options;

  const pick = (code: string | undefined) => {
    if ((code ?? '') === value) return;
    setSelected(listed.find((o) => o.code === code) ?? null);
    onChange(code ?? '');
  };

  return (
    <Box width="280px">
      <Field.Root hint={t('subjects.credit', 'IPTC Media Topics, © IPTC, CC BY 4.0')}>
        <Field.Label>{label}</Field.Label>
        <Combobox
          autocomplete="none"
          placeholder={t('subjects.filterPlaceholder', 'Any subject')}
          value={value}
          textValue={text}
          onTextValueChange={setText}
          onInputChange={(event) => search(event.currentTarget.value)}
          onOpenChange={(open) => {
            if (open) search(text === selected?.name ? '' : text);
          }}
          onChange={pick}
          onClear={() => pick(undefined)}
          clearLabel={t('subjects.clearFilter', 'Clear the subject')}
          loading={loading}
          loadingMessage={t('subjects.loading', 'Searching topics…')}
          noOptionsMessage={() => t('subjects.none', 'No topic matches')}
        >
          {listed.map((o) => (
            <ComboboxOption key={o.code} value={o.code} textValue={o.name}>
              {o.name}{' '}
              <Typography variant="pi" textColor="neutral600">
                {o.code}
              </Typography>
            </ComboboxOption>
          ))}
        </Combobox>
        <Field.Hint />
      </Field.Root>
    </Box>
  );
};
