import type { Core } from '@strapi/strapi';
import { agencyCodeFor } from '../domain/agency-code';
import { attributionFromTemplate } from '../../articles/domain/article-draft';
import { AGENCY_UID } from '../../platform/domain/uids';
import { asBindings } from '../../platform/writers';
import { Refusal } from '../../platform/domain/refusal';

export interface Agency {
  id: number;
  documentId: string;
  name: string;
  code: string;
  attributionTemplate: string | null;
  defaultCredit: string | null;
  usageTerms: string | null;
}

/** Who sent copy: the API token a request authenticated with. */
/** Who sends copy: an API token (bound to agencies in their `ingestTokens`) or a feed (bound to its agencies). */
export type WireSender = { tokenId: number } | { feed: string; agencies: Agency[] };

/** The columns of an `Agency`, as every lookup reads them. */
export const AGENCY_FIELDS: Array<keyof Agency> = [
  'id',
  'documentId',
  'name',
  'code',
  'attributionTemplate',
  'defaultCredit',
  'usageTerms',
];

const DEFAULT_TEMPLATE = 'Based on materials from {name}';

/** `ingestTokens` as stored: a list of API token ids, anything else binds nothing. */
const tokenIdsOf = (value: unknown): number[] =>
  Array.isArray(value) ? value.filter((v): v is number => Number.isInteger(v)) : [];

const agenciesService = ({ strapi }: { strapi: Core.Strapi }) => ({
  /**
   * The agencies an API token may speak for: those whose `ingestTokens` list its id. None
   * means the token is bound to no agency (a full-access token of before the binding).
   */
  async speakingFor(sender: { tokenId: number }): Promise<Agency[]> {
    // Agencies are few; the JSON lists are read here rather than queried per database.
    const rows = (await strapi.db.query(AGENCY_UID).findMany({
      select: [...AGENCY_FIELDS, 'ingestTokens'],
      where: { ingestTokens: { $notNull: true } },
    })) as Array<Agency & { ingestTokens: unknown }>;
    return rows
      .filter((row) => tokenIdsOf(row.ingestTokens).includes(sender.tokenId))
      .map(({ ingestTokens: _tokens, ...agency }) => agency);
  },

  /** The agency with this code, or null. */
  async findByCode(code: string): Promise<Agency | null> {
    // A plain query: this runs for every wire item ingested.
    return strapi.db.query(AGENCY_UID).findOne({
      select: AGENCY_FIELDS,
      where: { code },
    });
  },

  /**
   * The agency a story names (by name or code), created on first sight. The code is unique in
   * the database: of two first sightings at once, the loser reads the winner's agency. Call it
   * outside a transaction (on PostgreSQL a refused insert ends the surrounding one).
   */
  async findOrCreate(
    nameOrCode: string,
    defaults: Partial<Omit<Agency, 'id' | 'documentId'>> = {}
  ): Promise<Agency> {
    const code = agencyCodeFor(nameOrCode);
    const existing = await this.findByCode(code);
    if (existing) return existing;
    try {
      return (await strapi.documents(AGENCY_UID).create({
        data: {
          name: code === nameOrCode.trim().toUpperCase() ? nameOrCode.trim() : code,
          code,
          attributionTemplate: DEFAULT_TEMPLATE,
          ...defaults,
        },
      })) as unknown as Agency;
    } catch (error) {
      // Lost a race: the database's unique index, or Strapi's own unique check before it, refused the twin.
      const winner = await this.findByCode(code);
      if (winner) return winner;
      throw error;
    }
  },

  /** Every agency, with the API tokens that speak for it (the feeds page's picker). */
  async listWithTokens() {
    const rows = (await strapi.db.query(AGENCY_UID).findMany({
      select: ['id', 'code', 'name', 'ingestTokens'],
      orderBy: { name: 'asc' },
    })) as Array<{ id: number; code: string; name: string; ingestTokens: unknown }>;
    return rows.map((row) => ({ ...row, ingestTokens: tokenIdsOf(row.ingestTokens) }));
  },

  /** The agencies with these ids; an id that names none is refused (422), naming it. */
  async byIds(ids: number[]): Promise<Agency[]> {
    const rows = (await strapi.db.query(AGENCY_UID).findMany({
      select: AGENCY_FIELDS,
      where: { id: { $in: ids } },
    })) as Agency[];
    const missing = ids.filter((id) => !rows.some((row) => row.id === id));
    if (missing.length)
      throw new Refusal(422, `No agency has id ${missing.join(', ')}`, { agencies: missing });
    return rows;
  },

  /**
   * Binds API tokens to an agency: from now on those tokens send copy for it (and the other
   * agencies listing them) only. Each id must be an existing API token.
   */
  async setIngestTokens(id: number, tokenIds: number[]) {
    const agency = await strapi.db
      .query(AGENCY_UID)
      .findOne({ select: ['id', 'code'], where: { id } });
    if (!agency) throw new Refusal(404, `No agency has id ${id}`);
    const unique = [...new Set(tokenIds)];
    const tokens = (await strapi.db
      .query('admin::api-token')
      .findMany({ select: ['id'], where: { id: { $in: unique } } })) as Array<{ id: number }>;
    const unknown = unique.filter((t) => !tokens.some((token) => token.id === t));
    if (unknown.length)
      throw new Refusal(422, `No API token has id ${unknown.join(', ')}`, {
        ingestTokens: unknown,
      });
    await asBindings(() =>
      strapi.db.query(AGENCY_UID).update({ where: { id }, data: { ingestTokens: unique } })
    );
    return { id: agency.id as number, code: agency.code as string, ingestTokens: unique };
  },

  /** The attribution line for an article based on this agency's copy. */
  attributionLine(agency: Pick<Agency, 'name' | 'code' | 'attributionTemplate'>) {
    return attributionFromTemplate(agency.attributionTemplate || DEFAULT_TEMPLATE, agency);
  },
});

export type AgenciesService = ReturnType<typeof agenciesService>;
export default agenciesService;
