import { useForm, useNotification } from '@strapi/strapi/admin';
import {
  Badge,
  Box,
  Button,
  DateTimePicker,
  Divider,
  Field,
  Flex,
  Tabs,
  Textarea,
  Typography,
} from '@strapi/design-system';
import { useCallback, useEffect, useState } from 'react';
import { useIntl } from 'react-intl';
import {
  errorMessage,
  useNewsroomApi,
  type ActionRule,
  type ArticleWorkflow,
  type HistoryEvent,
  type WorkflowAction,
} from '../api/client';
import { useEditLock } from '../hooks/useEditLock';
import { articleLocale } from '../locks';
import { useT } from '../utils/getTranslation';
import { editorTimeZone } from '../utils/time';
import { AgencyAlertBox } from './AgencyAlertBox';
import { EditLockBox } from './EditLockBox';
import { EmbargoField } from './EmbargoField';
import { HistoryList } from './HistoryList';
import { VersionsTab } from './VersionsTab';

const ARTICLE = 'plugin::newsroom.article';

interface PanelProps {
  model: string;
  documentId?: string;
  document?: { locale?: string; updatedAt?: string } | null;
}

/**
 * The article beside the Content Manager form: who is editing it, its workflow (state,
 * actions, what blocks publishing, history, wire updates) and its published versions.
 */
export const WorkflowPanel = ({ model, documentId, document }: PanelProps) => {
  if (model !== ARTICLE || !documentId) return null;
  return {
    title: 'Newsroom',
    content: (
      <NewsroomPanelContent
        documentId={documentId}
        locale={articleLocale(document)}
        savedAt={document?.updatedAt}
      />
    ),
  };
};

interface ContentProps {
  documentId: string;
  locale?: string;
  savedAt?: string;
}

/** The edit lock above both tabs: it holds while the article is open, whichever tab is shown. */
const NewsroomPanelContent = ({ documentId, locale, savedAt }: ContentProps) => {
  const t = useT();
  const since = useForm(
    'NewsroomEditLock',
    (state) => (state.values as { contentVersion?: number | null }).contentVersion
  );
  const lock = useEditLock(documentId, locale, typeof since === 'number' ? since : undefined);
  return (
    <Flex
      direction="column"
      alignItems="stretch"
      gap={3}
      width="100%"
      data-testid="newsroom-article-panel"
    >
      <EditLockBox lock={lock} />
      <Tabs.Root defaultValue="workflow" variant="simple">
        <Tabs.List aria-label={t('panel.tabs', 'Newsroom')}>
          <Tabs.Trigger value="workflow">{t('panel.tab.workflow', 'Workflow')}</Tabs.Trigger>
          <Tabs.Trigger value="versions">{t('panel.tab.versions', 'Versions')}</Tabs.Trigger>
        </Tabs.List>
        <Tabs.Content value="workflow">
          <Box paddingTop={3}>
            <WorkflowPanelContent
              documentId={documentId}
              locale={locale}
              savedAt={savedAt}
              locked={lock.blocked}
            />
          </Box>
        </Tabs.Content>
        <Tabs.Content value="versions">
          <Box paddingTop={3}>
            <VersionsTab documentId={documentId} locale={locale} savedAt={savedAt} />
          </Box>
        </Tabs.Content>
      </Tabs.Root>
    </Flex>
  );
};

type Workflow = ArticleWorkflow & { rules: Record<WorkflowAction, ActionRule> };

const WorkflowPanelContent = ({
  documentId,
  locale,
  savedAt,
  locked,
}: ContentProps & {
  /** This tab does not hold the edit lock, or its form is stale: actions would act on someone else's text. */
  locked: boolean;
}) => {
  const t = useT();
  const { formatDate } = useIntl();
  const api = useNewsroomApi();
  const { toggleNotification } = useNotification();
  const modified = useForm('NewsroomWorkflowPanel', (state) => state.modified);
  const [workflow, setWorkflow] = useState<Workflow | null>(null);
  const [history, setHistory] = useState<HistoryEvent[]>([]);
  const [pending, setPending] = useState<WorkflowAction | null>(null);
  const [note, setNote] = useState('');
  const [at, setAt] = useState<Date | undefined>();
  const [busy, setBusy] = useState(false);
  // False from a save until the workflow is read again: an action on the old version would be refused.
  const [fresh, setFresh] = useState(false);

  const read = useCallback(
    () => Promise.all([api.workflow(documentId, locale), api.history(documentId, locale)]),
    [api, documentId, locale]
  );
  const load = useCallback(async () => {
    const [w, h] = await read();
    setWorkflow(w);
    setHistory(h);
  }, [read]);

  // Every save moves the workflow version on (an action must be taken on the text as saved), so read it again after each.
  useEffect(() => {
    let current = true; // an older read answering late must not overwrite a newer one
    setFresh(false);
    read()
      .then(([w, h]) => {
        if (!current) return;
        setWorkflow(w);
        setHistory(h);
        setFresh(true);
      })
      .catch((error: unknown) => {
        if (!current) return;
        setWorkflow(null);
        toggleNotification({ type: 'danger', message: errorMessage(error) });
      });
    return () => {
      current = false;
    };
  }, [read, savedAt, toggleNotification]);

  if (!workflow) return null;
  // Intl refuses dateStyle together with timeZoneName; the zone is shown under the pickers.
  const when = (iso: string) => formatDate(iso, { dateStyle: 'medium', timeStyle: 'short' });
  const rule = pending ? workflow.rules[pending] : null;

  const run = async (action: WorkflowAction) => {
    const needs = workflow.rules[action];
    if ((needs?.noteRequired || needs?.atRequired) && pending !== action) {
      setPending(action);
      return;
    }
    setBusy(true);
    try {
      await api.transition(
        documentId,
        {
          action,
          expectedVersion: workflow.workflowVersion,
          ...(note ? { note } : {}),
          ...(at ? { at: at.toISOString() } : {}),
        },
        locale
      );
      toggleNotification({
        type: 'success',
        message: t(`action.${action}.done`, `${needs?.label ?? action}: done`),
      });
      // The form shows the workflow fields too: reload so nothing on the page is stale.
      window.location.reload();
    } catch (error) {
      toggleNotification({ type: 'danger', message: errorMessage(error) });
      await load().catch(() => undefined); // the refusal is already on screen
    } finally {
      setBusy(false);
    }
  };

  const applyUpdate = async (action: 'apply' | 'dismiss') => {
    setBusy(true);
    try {
      await api.wireUpdate(documentId, action, locale);
      window.location.reload();
    } catch (error) {
      toggleNotification({ type: 'danger', message: errorMessage(error) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Flex
      direction="column"
      alignItems="stretch"
      gap={3}
      width="100%"
      data-testid="newsroom-workflow-panel"
    >
      <Flex justifyContent="space-between">
        <Typography variant="sigma">{t('panel.state', 'State')}</Typography>
        <Badge data-testid="newsroom-state">
          {t(`state.${workflow.workflowState}`, workflow.workflowState)}
        </Badge>
      </Flex>
      {workflow.agencyAlert && (
        <AgencyAlertBox
          alert={workflow.agencyAlert}
          documentId={documentId}
          // The form shows the alert too (read-only): reload so nothing on the page is stale.
          onCleared={() => window.location.reload()}
        />
      )}
      {workflow.scheduledAt && (
        <Typography variant="pi">
          {t('board.scheduledFor', 'Scheduled for')} {when(workflow.scheduledAt)}
        </Typography>
      )}
      <EmbargoField />

      {workflow.problems.length > 0 && (
        <Box background="danger100" padding={2} hasRadius data-testid="newsroom-problems">
          <Typography variant="pi" fontWeight="bold" textColor="danger700">
            {t('panel.blocks', 'Blocks publishing')}
          </Typography>
          {workflow.problems.map((p) => (
            <Typography key={p} variant="pi" tag="p" textColor="danger700">
              • {p}
            </Typography>
          ))}
        </Box>
      )}

      {workflow.wireUpdate && (
        <Box background="warning100" padding={2} hasRadius data-testid="newsroom-wire-update">
          <Typography variant="pi" fontWeight="bold">
            {t('panel.wireUpdate', 'Wire update available')}: v{workflow.wireUpdate.fromVersion} → v
            {workflow.wireUpdate.toVersion}
          </Typography>
          {workflow.wireUpdate.diff.headline && (
            <Typography variant="pi" tag="p">
              <s>{workflow.wireUpdate.diff.headline.from}</s> →{' '}
              {workflow.wireUpdate.diff.headline.to}
            </Typography>
          )}
          {workflow.wireUpdate.diff.paragraphs.slice(0, 5).map((p, i) => (
            <Typography key={i} variant="pi" tag="p">
              {p.op === 'changed'
                ? `~ ${p.from} → ${p.to}`
                : `${p.op === 'removed' ? '−' : '+'} ${p.text}`}
            </Typography>
          ))}
          {workflow.canApplyWireUpdate && (
            <Flex gap={2} paddingTop={2}>
              <Button
                size="S"
                disabled={busy || !fresh || modified || locked}
                onClick={() => applyUpdate('apply')}
              >
                {t('panel.apply', 'Apply to the draft')}
              </Button>
              <Button
                size="S"
                variant="tertiary"
                disabled={busy || !fresh || locked}
                onClick={() => applyUpdate('dismiss')}
              >
                {t('panel.dismiss', 'Dismiss')}
              </Button>
            </Flex>
          )}
        </Box>
      )}

      <Divider />
      {modified && workflow.allowedActions.length > 0 && (
        <Typography variant="pi" textColor="neutral600">
          {t('panel.saveFirst', 'Save your changes before moving the article on.')}
        </Typography>
      )}
      <Flex gap={2} wrap="wrap" data-testid="newsroom-actions">
        {workflow.allowedActions.map((action) => (
          <Button
            key={action}
            size="S"
            variant={action === 'kill' || action === 'spike' ? 'danger-light' : 'secondary'}
            disabled={busy || !fresh || modified || locked}
            onClick={() => run(action)}
          >
            {t(`action.${action}`, workflow.rules[action]?.label ?? action)}
          </Button>
        ))}
        {workflow.allowedActions.length === 0 && (
          <Typography variant="pi" textColor="neutral600">
            {t('panel.noActions', 'Nothing you can do with this article in its state.')}
          </Typography>
        )}
      </Flex>
      {pending && rule && (
        <Flex direction="column" alignItems="stretch" gap={2}>
          {rule.noteRequired && (
            <Field.Root required>
              <Field.Label>{t('panel.note', 'Note')}</Field.Label>
              <Textarea
                value={note}
                onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) => setNote(e.target.value)}
              />
            </Field.Root>
          )}
          {rule.atRequired && (
            <Field.Root required hint={editorTimeZone()}>
              <Field.Label>{t('panel.at', 'When')}</Field.Label>
              <DateTimePicker value={at} onChange={(d: Date | undefined) => setAt(d)} />
              <Field.Hint />
            </Field.Root>
          )}
          <Flex gap={2}>
            <Button
              size="S"
              loading={busy}
              disabled={
                locked || !fresh || (rule.noteRequired && !note.trim()) || (rule.atRequired && !at)
              }
              onClick={() => run(pending)}
            >
              {t(`action.${pending}`, rule.label)}
            </Button>
            <Button size="S" variant="tertiary" onClick={() => setPending(null)}>
              {t('panel.cancel', 'Cancel')}
            </Button>
          </Flex>
        </Flex>
      )}

      <Divider />
      <Typography variant="sigma">{t('panel.history', 'History')}</Typography>
      <HistoryList history={history} when={when} />
    </Flex>
  );
};
