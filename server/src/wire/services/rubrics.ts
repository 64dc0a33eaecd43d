import crypto from 'crypto';
import type { Core } from '@strapi/strapi';
import { slugFromHeadline } from '../../articles/domain/slug';
import { RUBRIC_UID } from '../../platform/domain/uids';

export interface Rubric {
  id: number;
  documentId: string;
  name: string;
  slug: string | null;
}

const rubricsService = ({ strapi }: { strapi: Core.Strapi }) => ({
  /**
   * The rubric with this name, created when missing; the name is unique in the database, so
   * two takes that name a new rubric at once share it. Call it outside a transaction.
   */
  async findOrCreate(name: string): Promise<Rubric> {
    // `WORLD` and `World` are one rubric: the slug they share decides. A name with no letters a
    // slug can hold (国际, ★★★) gets one from its own bytes, so two such names stay two rubrics.
    const slug =
      slugFromHeadline(name) ||
      `rubric-${crypto.createHash('sha256').update(name).digest('hex').slice(0, 10)}`;
    const find = async () =>
      (await strapi
        .documents(RUBRIC_UID)
        .findFirst({ filters: { $or: [{ name }, { slug }] } })) as unknown as Rubric | null;
    const existing = await find();
    if (existing) return existing;
    try {
      return (await strapi
        .documents(RUBRIC_UID)
        .create({ data: { name, slug } })) as unknown as Rubric;
    } catch (error) {
      // Lost a race: the database's unique index, or Strapi's own unique check before it, refused the twin.
      const winner = await find();
      if (winner) return winner;
      throw error;
    }
  },
});

export type RubricsService = ReturnType<typeof rubricsService>;
export default rubricsService;
