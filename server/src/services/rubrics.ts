import type { Core } from '@strapi/strapi';
import { slugFromHeadline } from '../domain/slug';
import { RUBRIC_UID } from '../domain/uids';

export interface Rubric {
  id: number;
  documentId: string;
  name: string;
  slug: string | null;
}

const rubricsService = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** The rubric with this name, created when missing. */
  async findOrCreate(name: string): Promise<Rubric> {
    const existing = await strapi.documents(RUBRIC_UID).findFirst({ filters: { name } });
    if (existing) return existing as unknown as Rubric;
    return (await strapi.documents(RUBRIC_UID).create({
      data: { name, slug: slugFromHeadline(name) },
    })) as unknown as Rubric;
  },
});

export type RubricsService = ReturnType<typeof rubricsService>;
export default rubricsService;
