/**
 * The article write guard: every document-service action on articles passes here, and only
 * the actions listed below are allowed, each with its rule. Anything else — including an
 * action a later Strapi adds — is refused. Published versions are held a second time in the
 * database (see published-versions.ts), for the paths that do not pass through here.
 */
import { subjectsOf, urgencyOf } from '../subjects/domain/subjects';
import type { Core, Modules } from '@strapi/strapi';
import { Refusal } from '../platform/domain/refusal';
import { articlePermissions, currentActor } from '../platform/actors';
import { ARTICLE_UID } from '../platform/domain/uids';
import { articleRepository, type ArticleRow } from '../articles/repository';
import { fillPhotoCredits } from '../images/photo-credits';
import { defaultLocale } from '../platform/locales';
import { DOCUMENT_READS } from '../platform/records';
import { getService } from '../platform/services';
import { asWorkflow, inWorkflow } from '../platform/writers';
import {
  changedFields,
  CONTENT_POPULATE,
  editsSince,
  staleMessage,
  withEdit,
} from './domain/content-edits';

/** Fields only the workflow writes; any other writer's values for them are dropped. */
export const WORKFLOW_OWNED = [
  'workflowState',
  'workflowVersion',
  'firstPublishedAt',
  'scheduledAt',
  'killNotice',
  'corrections',
  'wireUpdate',
  'approvedDigest',
  'agencyAlert',
  'publicVersion',
  'editTrail',
] as const;

/** What discarding pending edits leaves as it was on the working copy: its workflow never moves back. */
const KEPT_ON_DISCARD = [
  'workflowState',
  'workflowVersion',
  'scheduledAt',
  'firstPublishedAt',
  'killNotice',
  'wireUpdate',
  'approvedDigest',
  'agencyAlert',
  'publicVersion',
  'editTrail',
] as const;

/** What a new article, or a copy of one, starts with. */
const NEW_DRAFT = {
  workflowState: 'draft',
  workflowVersion: 0,
  firstPublishedAt: null,
  scheduledAt: null,
  killNotice: null,
  corrections: [],
  wireUpdate: null,
  approvedDigest: null,
  contentVersion: 0,
  publicVersion: null,
  editTrail: null,
} as const;

type Data = Record<string, unknown>;

interface DocumentParams {
  documentId?: string;
  locale?: string | string[];
  status?: string;
  data?: Data;
}

type Middleware = Modules.Documents.Middleware.Middleware;
type Next = () => Promise<unknown>;

type StoredDraft = ArticleRow;

const forbidden = (message: string) => new Refusal(403, message);

const WORKFLOW_ROUTE = 'POST /newsroom/articles/:documentId/transition';

/** `status: 'published'` makes Strapi publish inside create, update or clone, past the publish action itself. */
const refusePublishedStatus = (params: DocumentParams, action: string) => {
  if (params.status === 'published') {
    throw forbidden(
      `Articles are published only through the newsroom workflow (${WORKFLOW_ROUTE}); ${action} with status "published" is refused`
    );
  }
};

const dropWorkflowFields = (data: Data) => {
  for (const field of WORKFLOW_OWNED) delete data[field];
};

const asDate = (value: unknown) => (value ? new Date(value as string) : null);

const holdsImageBlock = (node: unknown): boolean => {
  if (Array.isArray(node)) return node.some(holdsImageBlock);
  if (!node || typeof node !== 'object') return false;
  const { type, children } = node as { type?: unknown; children?: unknown };
  return type === 'image' || holdsImageBlock(children);
};

/**
 * Pictures go in the lead photo or the gallery, where their credits are checked and their files
 * held; Strapi's rich text would take an image block with no credit and no hold. Throws Refusal 400.
 */
/** Subjects and urgency as the newsroom keeps them: known Media Topics, named by IPTC. Throws Refusal 400. */
const canonicalClassification = (data: Data) => {
  if (data.subjects !== undefined && data.subjects !== null)
    data.subjects = subjectsOf(data.subjects);
  if (data.urgency !== undefined && data.urgency !== null) {
    const urgency = urgencyOf(data.urgency);
    if (urgency === undefined)
      throw new Refusal(400, 'urgency must be a whole number from 1 (most urgent) to 9', {
        field: 'urgency',
      });
    data.urgency = urgency;
  }
};

const refuseImagesInBody = (data: Data) => {
  const sections = Array.isArray(data.body) ? (data.body as Array<{ text?: unknown } | null>) : [];
  if (sections.some((section) => holdsImageBlock(section?.text))) {
    throw new Refusal(
      400,
      'Images go in the lead photo or the gallery, where their credits are checked; body text holds none',
      { field: 'body' }
    );
  }
};

/** The embargo rules for a value set by an editor. Throws Refusal 400. */
const checkEmbargo = (wanted: Date | null, raw: unknown, stored: StoredDraft | null) => {
  const current = asDate(stored?.embargoUntil);
  if (wanted?.getTime() === current?.getTime()) return;
  if (stored?.firstPublishedAt || ['published', 'killed'].includes(stored?.workflowState ?? '')) {
    throw new Refusal(400, 'An embargo cannot be set on an article that has been published', {
      embargoUntil: raw,
    });
  }
  if (wanted && Number.isNaN(wanted.getTime()))
    throw new Refusal(400, 'embargoUntil must be a date and time', { embargoUntil: raw });
  if (wanted && wanted <= new Date())
    throw new Refusal(400, 'embargoUntil must be in the future', { embargoUntil: raw });
  if (stored?.workflowState === 'scheduled' && stored.scheduledAt && !current) {
    throw new Refusal(400, 'The article is scheduled; unschedule it before setting an embargo', {
      embargoUntil: raw,
    });
  }
  if (stored?.workflowState === 'scheduled' && current) {
    throw new Refusal(
      400,
      'The article is waiting for its embargo to lift; unschedule it before changing the embargo',
      { embargoUntil: raw }
    );
  }
};

/**
 * The content version a save says it was made on, taken out of the data (only the newsroom
 * writes it). Undefined when the writer names none. Throws Refusal 400.
 */
/** The largest content version a 32-bit integer column holds. */
const MAX_CONTENT_VERSION = 2_147_483_647;

const takeContentVersion = (data: Data): number | undefined => {
  if (!('contentVersion' in data)) return undefined;
  const value = data.contentVersion;
  delete data.contentVersion;
  if (value === null || value === undefined) return undefined;
  const version = typeof value === 'string' && /^\d{1,9}$/u.test(value) ? Number(value) : value;
  if (
    typeof version !== 'number' ||
    !Number.isInteger(version) ||
    version < 0 ||
    version > MAX_CONTENT_VERSION
  )
    throw new Refusal(
      400,
      'contentVersion must be the content version the save was made on (a whole number)',
      {
        contentVersion: value,
      }
    );
  return version;
};

/**
 * Which record a write addresses is the action's to say (its documentId and locale), never the
 * data's: Strapi would otherwise move the row to the document the data names, past every check
 * made on the one addressed.
 */
const IDENTITY_FIELDS = ['id', 'documentId', 'locale', 'publishedAt'] as const;
const dropIdentity = (data: Data) => {
  for (const field of IDENTITY_FIELDS) delete data[field];
};

/** The Content Manager's own saves always carry the version the form was loaded with; a change without it is refused. */
const isContentManagerRequest = (strapi: Core.Strapi) => {
  const ctx = strapi.requestContext.get() as
    | { state?: { route?: { info?: { pluginName?: string } } } }
    | undefined;
  return ctx?.state?.route?.info?.pluginName === 'content-manager';
};

export const articleWriteGuard = (strapi: Core.Strapi) => {
  const articles = articleRepository(strapi);
  const slugs = () => getService('article-slugs', strapi);
  const locks = () => getService('edit-locks', strapi);

  const localeOf = async (params: DocumentParams) =>
    typeof params.locale === 'string' && params.locale !== '*'
      ? params.locale
      : defaultLocale(strapi);

  /** The drafts an action addresses: one locale, or every locale for `*` and lists. */
  const draftsOf = async (documentId: string, params: DocumentParams): Promise<StoredDraft[]> => {
    const locales = Array.isArray(params.locale)
      ? params.locale
      : params.locale === '*'
        ? null
        : [await localeOf(params)];
    return articles.drafts({ documentId, ...(locales ? { locale: { $in: locales } } : {}) });
  };

  const storedDraft = async (documentId: string, locale: string): Promise<StoredDraft | null> =>
    articles.draft(documentId, locale);

  /** An admin copying an article must be allowed to read it, conditions included (an Author copies only their own). */
  const mayReadAll = async (rows: StoredDraft[]) => {
    const checker = articlePermissions(strapi);
    if (!checker) return;
    for (const row of rows) {
      const withOwner = await articles.byId(row.id, {
        populate: { createdBy: { select: ['id'] } },
      });
      if (checker.cannot.read(withOwner))
        throw forbidden('You may not read the article you are copying');
    }
  };

  const create = async (params: DocumentParams, next: Next) => {
    refusePublishedStatus(params, 'create');
    const data = params.data ?? {};
    refuseImagesInBody(data);
    canonicalClassification(data);
    if (!inWorkflow()) {
      dropWorkflowFields(data);
      dropIdentity(data);
      delete data.contentVersion;
      Object.assign(data, { workflowState: 'draft', workflowVersion: 0, contentVersion: 0 });
      if (data.embargoUntil !== undefined)
        checkEmbargo(asDate(data.embargoUntil), data.embargoUntil, null);
    }
    await fillPhotoCredits(strapi, data);
    await slugs().onCreate(data, await localeOf(params));
    return next();
  };

  /** A save made on an older content version than the stored one, as a 409 with what changed since. */
  const staleSave = async (documentId: string, locale: string, yours: number) => {
    const current = await articles.draft(documentId, locale, {
      select: ['contentVersion', 'editTrail'],
    });
    const now = current?.contentVersion ?? 0;
    const edits = editsSince(current?.editTrail, yours);
    return new Refusal(409, staleMessage(yours, now, edits), {
      yourVersion: yours,
      currentVersion: now,
      edits,
    });
  };

  /**
   * Moves the content version on from `base` and notes the save, or refuses when another save
   * moved it first: one conditional UPDATE, so of two saves made on the same version one wins.
   */
  const claimContentVersion = async (
    stored: StoredDraft,
    base: number | null,
    fields: string[]
  ) => {
    const actor = currentActor(strapi);
    const version = (base ?? 0) + 1;
    const count = await asWorkflow('edit', () =>
      articles.updateDrafts(
        { documentId: stored.documentId, locale: stored.locale, contentVersion: base },
        {
          contentVersion: version,
          editTrail: withEdit(stored.editTrail, {
            version,
            actorName: actor.name.slice(0, 200),
            at: new Date().toISOString(),
            fields,
          }),
        }
      )
    );
    if (count !== 1) throw await staleSave(stored.documentId, stored.locale, base ?? 0);
  };

  const update = async (params: DocumentParams, next: Next) => {
    refusePublishedStatus(params, 'update');
    const data = params.data ?? {};
    refuseImagesInBody(data);
    canonicalClassification(data);
    const locale = await localeOf(params);
    if (inWorkflow() || !params.documentId) return next();
    const { documentId } = params;
    const sent = takeContentVersion(data);
    dropWorkflowFields(data);
    dropIdentity(data);
    const stored = await storedDraft(documentId, locale);
    // Updating a locale the document does not have yet makes a new draft in it.
    if (!stored)
      Object.assign(data, { workflowState: 'draft', workflowVersion: 0, contentVersion: 0 });
    let base: number | null = null;
    let fields: string[] = [];
    if (stored) {
      await locks().refuseWriteUnlessHolder(documentId, locale);
      base = stored.contentVersion ?? null;
      if (sent !== undefined && sent > (base ?? 0))
        throw new Refusal(
          400,
          `contentVersion ${sent} is newer than the article's (${base ?? 0}); send the version you loaded`,
          { contentVersion: sent }
        );
      if (sent !== undefined && sent !== (base ?? 0))
        throw await staleSave(documentId, locale, sent);
      const before = await articles.draft(documentId, locale, { populate: CONTENT_POPULATE });
      fields = changedFields((before ?? {}) as Data, data);
      if (sent === undefined && fields.length && isContentManagerRequest(strapi)) {
        throw new Refusal(
          428,
          'A save must name the content version it was made on (contentVersion); reload the article and save again'
        );
      }
    }
    if (data.embargoUntil !== undefined)
      checkEmbargo(asDate(data.embargoUntil), data.embargoUntil, stored);
    await fillPhotoCredits(strapi, data);
    await slugs().onUpdate(documentId, data, locale);
    // The version claim, the save and what it means for an approval are one change.
    return strapi.db.transaction(async () => {
      if (stored) await claimContentVersion(stored, base, fields);
      const result = await next();
      if (stored)
        await getService('workflow', strapi).afterEdit(documentId, locale, currentActor(strapi));
      return result;
    });
  };

  /**
   * A copy is a new draft: none of the source's workflow state, schedule, publication,
   * corrections, kill notice or wire update comes along (Strapi copies every field of the
   * source, whatever the request sends). It keeps the source's embargo; a copy may tighten
   * an embargo, never loosen it.
   */
  const clone = async (params: DocumentParams, next: Next) => {
    refusePublishedStatus(params, 'clone');
    if (!params.documentId) return next();
    const sources = await draftsOf(params.documentId, params);
    await mayReadAll(sources);
    const data = { ...(params.data ?? {}) };
    refuseImagesInBody(data);
    canonicalClassification(data);
    dropWorkflowFields(data);
    dropIdentity(data);
    delete data.slug; // each copy gets a slug of its own below
    const now = Date.now();
    const sourceEmbargo = sources
      .map((s) => asDate(s.embargoUntil))
      .filter((d): d is Date => d !== null && d.getTime() > now)
      .sort((a, b) => b.getTime() - a.getTime())[0];
    if ('embargoUntil' in data) {
      const wanted = asDate(data.embargoUntil);
      if (wanted && (Number.isNaN(wanted.getTime()) || wanted.getTime() <= now)) {
        throw new Refusal(400, 'embargoUntil must be a date and time in the future', {
          embargoUntil: data.embargoUntil,
        });
      }
      if (sourceEmbargo && (!wanted || wanted < sourceEmbargo)) {
        throw new Refusal(
          400,
          `A copy keeps its source's embargo (until ${sourceEmbargo.toISOString()}); it may be moved later, not earlier or away`,
          {
            embargoUntil: data.embargoUntil,
          }
        );
      }
    } else {
      data.embargoUntil = sourceEmbargo ? sourceEmbargo.toISOString() : null;
    }
    params.data = { ...data, ...NEW_DRAFT, slug: null };
    return strapi.db.transaction(async () => {
      const result = (await next()) as {
        documentId?: string;
        entries?: Array<{ id: number; locale: string; headline: string | null }>;
      };
      for (const entry of result?.entries ?? []) {
        const fresh = { headline: entry.headline } as Data;
        await slugs().onCreate(fresh, entry.locale);
        // Strapi merges the request into the source, so an empty list cannot clear the source's corrections there.
        await asWorkflow('clone', () =>
          articles.update(result.documentId!, entry.locale, {
            corrections: [],
            slug: fresh.slug ?? null,
          })
        );
      }
      return result;
    });
  };

  /** Only what never reached readers may be deleted; a published story is killed instead, and its record stays. */
  const remove = async (params: DocumentParams, next: Next) => {
    if (inWorkflow() || !params.documentId) return next();
    const rows = await articles.rows({
      documentId: params.documentId,
      ...(typeof params.locale === 'string' && params.locale !== '*'
        ? { locale: params.locale }
        : {}),
    });
    const published = rows.find(
      (r) => r.firstPublishedAt || ['published', 'killed'].includes(r.workflowState)
    );
    for (const row of rows) await locks().refuseWriteUnlessHolder(row.documentId, row.locale);
    if (published) {
      throw forbidden(
        `A published article cannot be deleted (locale ${published.locale} is ${published.workflowState}); kill it through the workflow instead`
      );
    }
    return next();
  };

  /**
   * Discarding pending edits copies the published version over the working copy. That is
   * allowed for published articles only (Strapi would otherwise delete a never-published
   * draft outright), and the working copy keeps its workflow state and version: they never
   * move backwards to the published version's.
   */
  const discardDraft = async (params: DocumentParams, next: Next) => {
    if (inWorkflow() || !params.documentId) return next();
    const drafts = await draftsOf(params.documentId, params);
    const notPublished = drafts.find((d) => d.workflowState !== 'published');
    if (!drafts.length || notPublished) {
      throw forbidden(
        `Only a published article's pending edits can be discarded${notPublished ? ` (locale ${notPublished.locale} is ${notPublished.workflowState})` : ''}`
      );
    }
    for (const draft of drafts)
      await locks().refuseWriteUnlessHolder(draft.documentId, draft.locale);
    const actor = currentActor(strapi);
    return strapi.db.transaction(async () => {
      // Decided here; Strapi's own steps replace the working-copy rows, which the database hold would refuse to delete.
      const result = await asWorkflow('discard-draft', next);
      for (const draft of drafts) {
        const kept: Data = Object.fromEntries(
          KEPT_ON_DISCARD.map((field) => [field, draft[field]])
        );
        // The text changed back to the published one: forms opened before are stale.
        const version = (draft.contentVersion ?? 0) + 1;
        kept.contentVersion = version;
        kept.editTrail = withEdit(draft.editTrail, {
          version,
          actorName: `${actor.name.slice(0, 160)} (discarded the pending edits)`,
          at: new Date().toISOString(),
          fields: [],
        });
        await articles.updateDrafts({ documentId: draft.documentId, locale: draft.locale }, kept);
      }
      return result;
    });
  };

  const publish = async (params: DocumentParams, next: Next) => {
    if (!inWorkflow())
      throw forbidden(
        `Articles are published only through the newsroom workflow (${WORKFLOW_ROUTE})`
      );
    const result = await next();
    if (params.documentId)
      await slugs().onPublished(
        params.documentId,
        typeof params.locale === 'string' ? params.locale : undefined
      );
    return result;
  };

  const unpublish = async (_params: DocumentParams, next: Next) => {
    if (!inWorkflow())
      throw forbidden(
        `Articles are unpublished only through the newsroom workflow: kill them (${WORKFLOW_ROUTE})`
      );
    return next();
  };

  const WRITES: Record<string, (params: DocumentParams, next: Next) => Promise<unknown>> = {
    create,
    update,
    clone,
    delete: remove,
    discardDraft,
    publish,
    unpublish,
  };

  const guard: Middleware = async (context, next) => {
    if (context.uid !== ARTICLE_UID || DOCUMENT_READS.has(context.action)) return next();
    const write = Object.prototype.hasOwnProperty.call(WRITES, context.action)
      ? WRITES[context.action]
      : undefined;
    if (!write) throw forbidden(`Articles do not take the document action "${context.action}"`);
    return write((context.params ?? {}) as DocumentParams, next) as ReturnType<Middleware>;
  };
  return guard;
};
