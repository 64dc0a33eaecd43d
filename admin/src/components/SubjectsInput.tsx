import { Combobox, ComboboxOption, Field, Flex, Tag, Typography } from '@strapi/design-system';
import { Cross } from '@strapi/icons';
import { useField } from '@strapi/strapi/admin';
import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import { useNewsroomApi, type MediaTopic, type Subject } from '../api/client';
import { useGuarded } from '../hooks/useGuarded';
import { useT } from '../utils/getTranslation';

/** What the Content Manager gives a custom field's input (value, error and onChange come from `useField`). */
interface SubjectsInputProps {
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  labelAction?: ReactNode;
  placeholder?: string;
  disabled?: boolean;
  required?: boolean;
}

const SEARCH_DELAY_MS = 250;

/** The stored JSON as subjects; anything else (null, a stray value) is no subjects. */
const subjectsIn = (value: unknown): Subject[] =>
  Array.isArray(value)
    ? value.filter(
        (s): s is Subject =>
          typeof s === 'object' && s !== null && typeof (s as Subject).code === 'string'
      )
    : [];

/**
 * The article's subjects as removable tags, and a search of the IPTC Media Topics to add more.
 * The server canonicalises what is saved (IPTC's English names; other schemes kept as given).
 */
const SubjectsInput = ({
  name,
  label,
  hint,
  labelAction,
  placeholder,
  disabled = false,
  required = false,
}: SubjectsInputProps) => {
  const t = useT();
  const api = useNewsroomApi();
  const guarded = useGuarded();
  const field = useField<unknown>(name);
  const subjects = useMemo(() => subjectsIn(field.value), [field.value]);
  const [text, setText] = useState('');
  const [options, setOptions] = useState<MediaTopic[]>([]);
  const [loading, setLoading] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const latest = useRef(0);

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

  // A pick writes the option's name into the box after onChange: empty it once the pick is in.
  const codes = subjects.map((s) => s.code).join(' ');
  useLayoutEffect(() => setText(''), [codes]);

  const change = (next: Subject[]) => field.onChange(name, next);
  const add = (code: string | undefined) => {
    const picked = options.find((o) => o.code === code);
    if (!picked || subjects.some((s) => s.code === picked.code)) return;
    change([...subjects, { code: picked.code, name: picked.name }]);
  };
  const remove = (code: string) => change(subjects.filter((s) => s.code !== code));

  return (
    <Field.Root name={name} id={name} error={field.error} hint={hint} required={required}>
      <Flex direction="column" alignItems="stretch" gap={2}>
        <Field.Label action={labelAction}>{label}</Field.Label>
        {subjects.length > 0 && (
          <Flex tag="ul" wrap="wrap" gap={2} aria-label={t('subjects.chosen', 'Chosen subjects')}>
            {subjects.map((s) => (
              <li key={s.code}>
                <Tag
                  icon={<Cross aria-hidden />}
                  disabled={disabled}
                  label={t('subjects.remove', 'Remove {name}', { name: s.name ?? s.code })}
                  onClick={() => remove(s.code)}
                >
                  {s.name ?? s.code}{' '}
                  <Typography variant="pi" fontWeight="regular">
                    {s.code}
                  </Typography>
                </Tag>
              </li>
            ))}
          </Flex>
        )}
        <Combobox
          autocomplete="none"
          disabled={disabled}
          placeholder={placeholder ?? t('subjects.placeholder', 'Search IPTC Media Topics')}
          textValue={text}
          onTextValueChange={setText}
          onInputChange={(event) => search(event.currentTarget.value)}
          onOpenChange={(open) => {
            if (open) search(text);
          }}
          onChange={add}
          loading={loading}
          loadingMessage={t('subjects.loading', 'Searching topics…')}
          noOptionsMessage={() => t('subjects.none', 'No topic matches')}
        >
          {options
            .filter((o) => !subjects.some((s) => s.code === o.code))
            .map((o) => (
              <ComboboxOption key={o.code} value={o.code} textValue={o.name}>
                {o.name}{' '}
                <Typography variant="pi" textColor="neutral600">
                  {o.code}
                </Typography>
              </ComboboxOption>
            ))}
        </Combobox>
        <Field.Hint />
        <Field.Error />
        <Typography variant="pi" textColor="neutral600">
          {t('subjects.credit', 'IPTC Media Topics, © IPTC, CC BY 4.0')}
        </Typography>
      </Flex>
    </Field.Root>
  );
};

export default SubjectsInput;
