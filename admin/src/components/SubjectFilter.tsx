import { useCallback } from 'react';
import { useNewsroomApi } from '../api/client';
import { useT } from '../utils/getTranslation';
import { SearchPicker } from './SearchPicker';

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

/** An agency to filter a list by, picked by name or code. */
export const AgencyFilter = ({ label, value, onChange }: SubjectFilterProps) => {
  const t = useT();
  const api = useNewsroomApi();
  const find = useCallback(
    async (q: string, limit: number) =>
      (await api.agencyNames({ q, limit })).map((o) => ({ value: o.code, name: o.name })),
    [api]
  );
  return (
    <SearchPicker
      label={label}
      value={value}
      onChange={onChange}
      find={find}
      placeholder={t('filters.anyAgency', 'Any agency')}
      clearLabel={t('filters.clearAgency', 'Clear the agency')}
      loadingMessage={t('filters.loading', 'Searching…')}
      noneMessage={t('filters.noAgency', 'No agency matches')}
      testId="newsroom-agency-filter"
    />
  );
};

/** A rubric to filter a list by, picked by name. */
export const RubricFilter = ({ label, value, onChange }: SubjectFilterProps) => {
  const t = useT();
  const api = useNewsroomApi();
  const find = useCallback(
    async (q: string, limit: number) =>
      (await api.rubricNames({ q, limit })).map((o) => ({ value: o.slug, name: o.name })),
    [api]
  );
  return (
    <SearchPicker
      label={label}
      value={value}
      onChange={onChange}
      find={find}
      placeholder={t('filters.anyRubric', 'Any rubric')}
      clearLabel={t('filters.clearRubric', 'Clear the rubric')}
      loadingMessage={t('filters.loading', 'Searching…')}
      noneMessage={t('filters.noRubric', 'No rubric matches')}
      testId="newsroom-rubric-filter"
    />
  );
};
