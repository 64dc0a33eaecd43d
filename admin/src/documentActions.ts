import { useEffect } from 'react';
import { useIntl } from 'react-intl';
import { articleLocale, lockKey, useLockStatus } from './locks';

/** The edit view's props as the newsroom reads them (the Content Manager passes more). */
interface ActionProps {
  model: string;
  documentId?: string;
  document?: { locale?: string | null } | null;
}

/** A Content Manager document action: a hook-like function of the edit view's props. */
export type DocumentAction = ((props: ActionProps) => unknown) & {
  type?: string;
  position?: unknown;
};

const ARTICLE = 'plugin::newsroom.article';
/** Core actions the workflow owns for articles (the server refuses them). */
const WORKFLOW_OWNED_TYPES = ['publish', 'unpublish'];
/** i18n's "Publish/Unpublish multiple locales" carry no type; they are known by their title. */
const BULK_LOCALE_TITLES = [
  'i18n.CMEditViewBulkLocale.publish-title',
  'i18n.CMEditViewBulkLocale.unpublish-title',
];

const keepMeta = (
  wrapped: (props: ActionProps) => unknown,
  action: DocumentAction
): DocumentAction => Object.assign(wrapped, { type: action.type, position: action.position });

/** The Content Manager's own save shortcuts (Cmd/Ctrl+Enter, Cmd/Ctrl+S), which skip the button. */
const isSaveShortcut = (event: KeyboardEvent) =>
  (event.metaKey || event.ctrlKey) &&
  !event.shiftKey &&
  (event.key.toLowerCase() === 'enter' || event.key.toLowerCase() === 's');

/**
 * Save, disabled on an article this tab does not hold the edit lock of, or whose form is older
 * than the stored text: the save would overwrite someone's work or be refused.
 */
const withEditLock = (action: DocumentAction) =>
  keepMeta(function useSaveWithEditLock(props: ActionProps) {
    const description = action(props) as { disabled?: boolean } | null;
    const key =
      props.model === ARTICLE && props.documentId
        ? lockKey(props.documentId, articleLocale(props.document))
        : null;
    const blocked = useLockStatus(key)?.holding === false;

    // The shortcut listener of the Save action reads its own disabled state, not this one: stop
    // the keys before they reach it (a capturing listener on window runs first).
    useEffect(() => {
      if (!blocked) return;
      const swallow = (event: KeyboardEvent) => {
        if (!isSaveShortcut(event)) return;
        event.preventDefault();
        event.stopImmediatePropagation();
      };
      window.addEventListener('keydown', swallow, true);
      return () => window.removeEventListener('keydown', swallow, true);
    }, [blocked]);

    return blocked && description ? { ...description, disabled: true } : description;
  }, action);

/**
 * Hides, on articles only, the Content Manager actions that would publish or unpublish
 * outside the workflow, and disables Save while another tab holds the article's edit lock.
 * Every action still runs its hooks on every render, in order.
 */
export const withoutWorkflowBypasses = (actions: DocumentAction[]): DocumentAction[] =>
  actions.map((action) => {
    if (WORKFLOW_OWNED_TYPES.includes(action.type ?? '')) {
      return keepMeta(
        (props: ActionProps) => (props.model === ARTICLE ? null : action(props)),
        action
      );
    }
    if (action.type === 'update') return withEditLock(action);
    if (action.type) return action;
    return keepMeta(function useUnlessBulkLocale(props: ActionProps) {
      const { formatMessage } = useIntl();
      const description = action(props) as { label?: string } | null;
      if (props.model !== ARTICLE || !description) return description;
      const titles = BULK_LOCALE_TITLES.map((id) => formatMessage({ id, defaultMessage: id }));
      return titles.includes(description.label ?? '') ? null : description;
    }, action);
  });
