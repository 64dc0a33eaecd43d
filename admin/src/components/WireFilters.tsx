import {
  Box,
  Field,
  Flex,
  SingleSelect,
  SingleSelectOption,
  TextInput,
  Typography,
} from '@strapi/design-system';
import { useCallback, useId, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { WireInboxQuery, WireSort, WireStatus } from '../api/client';
import { useT } from '../utils/getTranslation';
import { editorTimeZone } from '../utils/time';
import { SearchBox } from './SearchBox';
import { SubjectFilter } from './SubjectFilter';

const STATUSES: readonly WireStatus[] = ['new', 'taken', 'ignored', 'superseded'];
const DAY = /^\d{4}-\d{2}-\d{2}$/u;

/** The inbox's view, as its URL holds it so it can be bookmarked. */
export interface WireView {
  q: string;
  /** `new` when the URL names none; `all` is written out. */
  status: WireStatus | 'all';
  agency: string;
  /** A subject code; a parent Media Topic takes in its narrower ones. */
  subject: string;
  /** Received from/to, inclusive: days (YYYY-MM-DD) as they fall in the editor's time zone. */
  from: string;
  to: string;
  /** The order in force: only the orders the query allows (see `sortsFor`). */
  sort: WireSort;
}

/**
 * The orders offered, the default first. The best match needs words to match; with words the
 * server ranks by relevance or time only, so the most urgent first is offered without them.
 */
export const sortsFor = (q: string): WireSort[] =>
  q ? ['relevance', 'time'] : ['time', 'urgency'];

const sortIn = (q: string, raw: string | null): WireSort => {
  const allowed = sortsFor(q);
  return allowed.find((s) => s === raw) ?? allowed[0];
};

const readView = (params: URLSearchParams): WireView => {
  const q = (params.get('q') ?? '').trim();
  const status = params.get('status');
  const day = (name: string) => {
    const value = params.get(name) ?? '';
    return DAY.test(value) ? value : '';
  };
  return {
    q,
    status: status === 'all' ? 'all' : (STATUSES.find((s) => s === status) ?? 'new'),
    agency: (params.get('agency') ?? '').trim().toUpperCase(),
    subject: (params.get('subject') ?? '').trim(),
    from: day('from'),
    to: day('to'),
    sort: sortIn(q, params.get('sort')),
  };
};

/** The view into the URL: defaults are left out, parameters that are not the inbox's kept. */
const writeView = (view: WireView, current: URLSearchParams) => {
  const next = new URLSearchParams(current);
  const put = (name: string, value: string, fallback = '') => {
    if (value && value !== fallback) next.set(name, value);
    else next.delete(name);
  };
  put('q', view.q);
  put('status', view.status, 'new');
  put('agency', view.agency);
  put('subject', view.subject);
  put('from', view.from);
  put('to', view.to);
  put('sort', view.sort, sortsFor(view.q)[0]);
  return next;
};

/** The editor's local day as the instant it starts (`end`: its last millisecond). */
const dayBound = (day: string, end = false) => {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(new Date(y, m - 1, end ? d + 1 : d).getTime() - (end ? 1 : 0)).toISOString();
};

/** The view as the inbox request's query. */
export const inboxQuery = (view: WireView): WireInboxQuery => ({
  ...(view.q ? { q: view.q } : {}),
  ...(view.status !== 'all' ? { status: view.status } : {}),
  ...(view.agency ? { agency: view.agency } : {}),
  ...(view.subject ? { subject: view.subject } : {}),
  ...(view.from ? { from: dayBound(view.from) } : {}),
  ...(view.to ? { to: dayBound(view.to, true) } : {}),
  sort: view.sort,
});

/**
 * The inbox's view read from the URL, and a change to it written back. A new search is a
 * new history entry (Back returns to the one before); other changes replace the current one.
 */
export const useWireView = () => {
  const [params, setParams] = useSearchParams();
  const view = useMemo(() => readView(params), [params]);
  const change = useCallback(
    (patch: Partial<WireView>) =>
      setParams(
        (current) => {
          const next = { ...readView(current), ...patch };
          // New words keep an order the editor chose, if it still applies; else the default.
          if (patch.q !== undefined && patch.sort === undefined)
            next.sort = sortIn(next.q, current.get('sort'));
          return writeView(next, current);
        },
        { replace: patch.q === undefined || patch.q === view.q }
      ),
    [setParams, view.q]
  );
  return [view, change] as const;
};

/** Search words, subject, received dates and order for the inbox. */
export const WireFilters = ({
  view,
  onChange,
}: {
  view: WireView;
  onChange: (patch: Partial<WireView>) => void;
}) => {
  const t = useT();
  const zoneNote = useId();
  const sortLabels: Record<WireSort, string> = {
    time: t('wire.sort.time', 'Newest'),
    urgency: t('wire.sort.urgency', 'Most urgent'),
    relevance: t('wire.sort.relevance', 'Best match'),
  };
  return (
    <Flex gap={4} wrap="wrap" alignItems="flex-start" paddingBottom={4}>
      <SearchBox
        label={t('wire.search', 'Search the wire')}
        value={view.q}
        onSearch={(q) => onChange({ q })}
        testId="newsroom-wire-search"
      />
      <SubjectFilter
        label={t('wire.subject', 'Subject')}
        value={view.subject}
        onChange={(subject) => onChange({ subject })}
      />
      <Flex direction="column" alignItems="flex-start" gap={1}>
        <Flex gap={2} alignItems="flex-start">
          <Field.Root>
            <Field.Label>{t('wire.from', 'Received from')}</Field.Label>
            <TextInput
              type="date"
              value={view.from}
              max={view.to || undefined}
              aria-describedby={zoneNote}
              onChange={(e: React.ChangeEvent<HTMLInputElement>) =>
                onChange({ from: e.target.value })
              }
            />
          </Field.Root>
          <Field.Root>
            <Field.Label>{t('wire.to', 'Received to')}</Field.Label>
            <TextInput
              type="date"
              value={view.to}
              min={view.from || undefined}
              aria-describedby={zoneNote}
              onChange={(e: React.ChangeEvent<HTMLInputElement>) =>
                onChange({ to: e.target.value })
              }
            />
          </Field.Root>
        </Flex>
        <Typography id={zoneNote} variant="pi" textColor="neutral600">
          {t('wire.daysIn', 'Days as they fall in')} {editorTimeZone()}
        </Typography>
      </Flex>
      <Box width="180px">
        <Field.Root>
          <Field.Label>{t('wire.sort', 'Order')}</Field.Label>
          <SingleSelect
            value={view.sort}
            onChange={(v: string | number) => onChange({ sort: v as WireSort })}
          >
            {sortsFor(view.q).map((s) => (
              <SingleSelectOption key={s} value={s}>
                {sortLabels[s]}
              </SingleSelectOption>
            ))}
          </SingleSelect>
        </Field.Root>
      </Box>
    </Flex>
  );
};
