import { useCallback } from 'react';
import { useNewsroomApi } from '../api/client';
import { useT } from '../utils/getTranslation';
import { SearchPicker, type Named } from './SearchPicker';

interface SubjectFilterProps {
  label: string;
  /** The chosen subject's code (`medtop:11000000`), '' for none. */
  value: string;
  onChange: (code: string) => void;
}

/**
 * One IPTC Media Topic to filter a list by, picked by name from the subjects search; a parent
 * topic takes in its narrower ones on the server.
 */
export const SubjectFilter = ({ label, value, onChange }: SubjectFilterProps) => {
  const t = useT();
  const api = useNewsroomApi();
  const find = useCallback(
    async (q: string, limit: number) =>
      (await api.subjects({ q, limit })).data.map((o) => ({ value: o.code, name: o.name })),
    [api]
  );
  return (
    <SearchPicker
      label={label}
      value={value}
      onChange={onChange}
      find={find}
      placeholder={t('subjects.filterPlaceholder', 'Any subject')}
      clearLabel={t('subjects.clearFilter', 'Clear the subject')}
      loadingMessage={t('subjects.loading', 'Searching topics…')}
      noneMessage={t('subjects.none', 'No topic matches')}
      hint={t('subjects.credit', 'IPTC Media Topics, © IPTC, CC BY 4.0')}
    />
  );
};

/** The words of one picker: what it says while empty, clearing, searching, finding nothing. */
interface PickerWords {
  placeholder: [string, string];
  clear: [string, string];
  none: [string, string];
}

/** A picker of things the server names (`find`), with its words and its test id. */
const namedFilter = (
  useFind: () => (q: string, limit: number) => Promise<Named[]>,
  words: PickerWords,
  testId: string
) =>
  function NamedFilter({ label, value, onChange }: SubjectFilterProps) {
    const t = useT();
    return (
      <SearchPicker
        label={label}
        value={value}
        onChange={onChange}
        find={useFind()}
        placeholder={t(...words.placeholder)}
        clearLabel={t(...words.clear)}
        loadingMessage={t('filters.loading', 'Searching…')}
        noneMessage={t(...words.none)}
        testId={testId}
      />
    );
  };

/** An agency to filter a list by, picked by name or code. */
export const AgencyFilter = namedFilter(
  () => {
    const api = useNewsroomApi();
    return useCallback(
      async (q: string, limit: number) =>
        (await api.agencyNames({ q, limit })).map((o) => ({ value: o.code, name: o.name })),
      [api]
    );
  },
  {
    placeholder: ['filters.anyAgency', 'Any agency'],
    clear: ['filters.clearAgency', 'Clear the agency'],
    none: ['filters.noAgency', 'No agency matches'],
  },
  'newsroom-agency-filter'
);

/** A rubric to filter a list by, picked by name. */
export const RubricFilter = namedFilter(
  () => {
    const api = useNewsroomApi();
    return useCallback(
      async (q: string, limit: number) =>
        (await api.rubricNames({ q, limit })).map((o) => ({ value: o.slug, name: o.name })),
      [api]
    );
  },
  {
    placeholder: ['filters.anyRubric', 'Any rubric'],
    clear: ['filters.clearRubric', 'Clear the rubric'],
    none: ['filters.noRubric', 'No rubric matches'],
  },
  'newsroom-rubric-filter'
);
