import { useNotification } from '@strapi/strapi/admin';
import {
  Box,
  Button,
  Field,
  Flex,
  Modal,
  SingleSelect,
  SingleSelectOption,
  Typography,
} from '@strapi/design-system';
import { useCallback, useEffect, useState } from 'react';
import { useIntl } from 'react-intl';
import {
  errorMessage,
  errorStatus,
  useNewsroomApi,
  type PublishedVersion,
  type PublishedVersionSummary,
  type VersionDiff,
} from '../api/client';
import { useT } from '../utils/getTranslation';
import { WordDiff } from './WordDiff';

const ACTION_LABELS: Record<PublishedVersionSummary['action'], string> = {
  publish: 'Published',
  correct: 'Correction',
  kill: 'Killed',
  'scheduled-publish': 'Published on schedule',
};

/**
 * The archive of what readers were served: every publication, correction and kill of this
 * locale, each viewable as published, and any two compared word by word.
 */
export const VersionsTab = ({
  documentId,
  locale,
  savedAt,
}: {
  documentId: string;
  locale?: string;
  savedAt?: string;
}) => {
  const t = useT();
  const { formatDate } = useIntl();
  const api = useNewsroomApi();
  const { toggleNotification } = useNotification();
  const [versions, setVersions] = useState<PublishedVersionSummary[] | null>(null);
  const [forbidden, setForbidden] = useState(false);
  const [viewing, setViewing] = useState<PublishedVersion | null>(null);
  const [from, setFrom] = useState<number | undefined>();
  const [to, setTo] = useState<number | undefined>();
  const [diff, setDiff] = useState<VersionDiff | null>(null);
  const [busy, setBusy] = useState(false);

  /** Runs a call; a refusal for want of the archive permission is shown as such, not as an error. */
  const guard = useCallback(
    async <T,>(call: () => Promise<T>): Promise<T | undefined> => {
      try {
        return await call();
      } catch (error) {
        if (errorStatus(error) === 403) setForbidden(true);
        else toggleNotification({ type: 'danger', message: errorMessage(error) });
        return undefined;
      }
    },
    [toggleNotification]
  );

  // A publication saves the article too, so a new savedAt may bring a new version.
  useEffect(() => {
    let current = true;
    void guard(() => api.versions(documentId, locale)).then((list) => {
      if (!current || !list) return;
      setVersions(list);
      setTo(list[0]?.number);
      setFrom(list[1]?.number);
      setDiff(null);
    });
    return () => {
      current = false;
    };
  }, [api, guard, documentId, locale, savedAt]);

  if (forbidden)
    return (
      <Typography variant="pi" textColor="neutral600" data-testid="newsroom-versions">
        {t('versions.forbidden', 'You may not read the archive of published versions.')}
      </Typography>
    );
  if (!versions) return null;

  const when = (iso: string) => formatDate(iso, { dateStyle: 'medium', timeStyle: 'short' });
  const label = (v: PublishedVersionSummary) =>
    t(`versions.action.${v.action}`, ACTION_LABELS[v.action] ?? v.action);

  const view = async (number: number) => {
    setBusy(true);
    const version = await guard(() => api.version(documentId, number, locale));
    setBusy(false);
    if (version) setViewing(version);
  };

  const compare = async () => {
    if (from === undefined || to === undefined) return;
    setBusy(true);
    const result = await guard(() => api.diffVersions(documentId, from, to, locale));
    setBusy(false);
    if (result) setDiff(result);
  };

  return (
    <Flex
      direction="column"
      alignItems="stretch"
      gap={3}
      width="100%"
      data-testid="newsroom-versions"
    >
      {versions.length === 0 && (
        <Typography variant="pi" textColor="neutral600">
          {t('versions.none', 'Not published yet: no versions.')}
        </Typography>
      )}
      {versions.map((version) => (
        <Flex
          key={version.number}
          justifyContent="space-between"
          alignItems="flex-start"
          gap={2}
          data-testid="newsroom-version-row"
        >
          <Box>
            <Typography variant="pi" fontWeight="bold">
              #{version.number} · {label(version)}
            </Typography>
            <Typography variant="pi" tag="p" textColor="neutral600">
              {version.actorName} · {when(version.at)}
            </Typography>
          </Box>
          <Button size="S" variant="tertiary" disabled={busy} onClick={() => view(version.number)}>
            {t('versions.view', 'View')}
          </Button>
        </Flex>
      ))}

      {versions.length > 1 && (
        <Flex direction="column" alignItems="stretch" gap={2} paddingTop={2}>
          <Typography variant="sigma">{t('versions.compare', 'Compare')}</Typography>
          <Field.Root>
            <Field.Label>{t('versions.from', 'From')}</Field.Label>
            <SingleSelect
              value={from}
              onChange={(value: string | number) => setFrom(Number(value))}
            >
              {versions.map((v) => (
                <SingleSelectOption key={v.number} value={v.number}>
                  #{v.number} · {label(v)}
                </SingleSelectOption>
              ))}
            </SingleSelect>
          </Field.Root>
          <Field.Root>
            <Field.Label>{t('versions.to', 'To')}</Field.Label>
            <SingleSelect value={to} onChange={(value: string | number) => setTo(Number(value))}>
              {versions.map((v) => (
                <SingleSelectOption key={v.number} value={v.number}>
                  #{v.number} · {label(v)}
                </SingleSelectOption>
              ))}
            </SingleSelect>
          </Field.Root>
          <Button
            size="S"
            variant="secondary"
            loading={busy}
            disabled={from === undefined || to === undefined || from === to}
            onClick={compare}
          >
            {t('versions.compare', 'Compare')}
          </Button>
          {diff && <WordDiff diff={diff} />}
        </Flex>
      )}

      {viewing && (
        <Modal.Root open onOpenChange={(isOpen: boolean) => !isOpen && setViewing(null)}>
          <Modal.Content>
            <Modal.Header>
              <Modal.Title>
                {t('versions.viewTitle', 'Version #{number} as published', {
                  number: viewing.number,
                })}
              </Modal.Title>
            </Modal.Header>
            <Modal.Body>
              <Flex direction="column" alignItems="stretch" gap={2}>
                <Typography variant="pi" textColor="neutral600">
                  {label(viewing)} · {viewing.actorName} · {when(viewing.at)}
                </Typography>
                {/* Never the page's own DOM: the snapshot runs in an empty sandbox, no scripts, no origin. */}
                <iframe
                  sandbox=""
                  srcDoc={viewing.html}
                  title={t('versions.frameTitle', 'Version #{number} as readers saw it', {
                    number: viewing.number,
                  })}
                  style={{ width: '100%', height: '60vh', border: 0 }}
                  data-testid="newsroom-version-frame"
                />
                <Typography variant="pi" textColor="neutral600" style={{ wordBreak: 'break-all' }}>
                  {t('versions.hash', 'Content hash (SHA-256)')}: <code>{viewing.contentHash}</code>
                </Typography>
              </Flex>
            </Modal.Body>
            <Modal.Footer>
              <Modal.Close>
                <Button variant="tertiary">{t('wire.close', 'Close')}</Button>
              </Modal.Close>
            </Modal.Footer>
          </Modal.Content>
        </Modal.Root>
      )}
    </Flex>
  );
};
