import { useIntl } from 'react-intl';

/** A Content Manager document action: a hook-like function of the edit view's props. */
export type DocumentAction = ((props: { model: string }) => unknown) & {
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
  wrapped: (props: { model: string }) => unknown,
  action: DocumentAction
): DocumentAction => Object.assign(wrapped, { type: action.type, position: action.position });

/**
 * Hides, on articles only, the Content Manager actions that would publish or unpublish
 * outside the workflow. Every action still runs its hooks on every render, in order.
 */
export const withoutWorkflowBypasses = (actions: DocumentAction[]): DocumentAction[] =>
  actions.map((action) => {
    if (WORKFLOW_OWNED_TYPES.includes(action.type ?? '')) {
      return keepMeta(
        (props: { model: string }) => (props.model === ARTICLE ? null : action(props)),
        action
      );
    }
    if (action.type) return action;
    return keepMeta(function useUnlessBulkLocale(props: { model: string }) {
      const { formatMessage } = useIntl();
      const description = action(props) as { label?: string } | null;
      if (props.model !== ARTICLE || !description) return description;
      const titles = BULK_LOCALE_TITLES.map((id) => formatMessage({ id, defaultMessage: id }));
      return titles.includes(description.label ?? '') ? null : description;
    }, action);
  });
