import type { Core } from '@strapi/strapi';
import type { NewsroomConfig } from '../../config';
import type { PushEvent, SubscriberInput, SubscriberView } from '../../../../shared/contracts/push';
import { checkUrl } from '../../images/picture-fetch';
import { Refusal } from '../../platform/domain/refusal';
import { SUBSCRIBER_UID } from '../../platform/domain/uids';

export interface SubscriberRow {
  id: number;
  name: string;
  url: string;
  secret: string | null;
  format: 'newsroom' | 'ninjs';
  events: PushEvent[] | null;
  rubricSlug: string | null;
  agencyCode: string | null;
  enabled: boolean;
  createdAt: string | Date;
  updatedAt: string | Date;
}

type Encryption = { encrypt(value: string): string | null; decrypt(value: string): string | null };

const iso = (d: string | Date) => new Date(d).toISOString();

/** A subscriber as the admin sees it: never its secret. */
export const subscriberView = (row: SubscriberRow): SubscriberView => ({
  id: row.id,
  name: row.name,
  url: row.url,
  format: row.format,
  events: Array.isArray(row.events) ? row.events : [],
  rubricSlug: row.rubricSlug ?? null,
  agencyCode: row.agencyCode ?? null,
  enabled: row.enabled !== false,
  hasSecret: Boolean(row.secret),
  createdAt: iso(row.createdAt),
  updatedAt: iso(row.updatedAt),
});

/**
 * Subscribers: partner sites and apps told of publications, corrections and kills. Their
 * URLs pass the feeds' address policy (public addresses only unless the server says
 * otherwise, the host list); their secrets are stored encrypted and never returned.
 */
const subscribersService = ({ strapi }: { strapi: Core.Strapi }) => {
  const rows = () => strapi.db.query(SUBSCRIBER_UID);
  const encryption = () => strapi.service('admin::encryption') as Encryption;
  const policy = () => {
    const { allowedHosts, privateAddresses } = (
      strapi.config.get('plugin::newsroom') as NewsroomConfig
    ).feeds;
    return { allowedHosts, privateAddresses, label: 'subscriber' };
  };

  const checkAddress = (url: string) => {
    try {
      checkUrl(new URL(url), policy());
    } catch (error) {
      throw new Refusal(422, `url is refused: ${(error as Error).message}`, { field: 'url' });
    }
  };

  const seal = (secret: string) => {
    const sealed = encryption().encrypt(secret);
    if (!sealed)
      throw new Refusal(
        409,
        'Subscriber secrets are stored encrypted, and this server has no encryption key (admin.secrets.encryptionKey)'
      );
    return sealed;
  };

  const dataOf = (input: SubscriberInput) => ({
    ...(input.name !== undefined ? { name: input.name } : {}),
    // Stored as it is connected to (the parsed form), not as typed.
    ...(input.url !== undefined ? { url: new URL(input.url).href } : {}),
    ...(input.secret !== undefined ? { secret: seal(input.secret) } : {}),
    ...(input.format !== undefined ? { format: input.format } : {}),
    ...(input.events !== undefined ? { events: [...new Set(input.events)] } : {}),
    ...(input.rubricSlug !== undefined ? { rubricSlug: input.rubricSlug || null } : {}),
    ...(input.agencyCode !== undefined
      ? { agencyCode: input.agencyCode ? input.agencyCode.toUpperCase() : null }
      : {}),
    ...(input.enabled !== undefined ? { enabled: input.enabled } : {}),
  });

  return {
    policy,

    async list(): Promise<SubscriberView[]> {
      return (
        (await rows().findMany({ orderBy: [{ name: 'asc' }, { id: 'asc' }] })) as SubscriberRow[]
      ).map(subscriberView);
    },

    /** Every subscriber, secret included, for the push service only. */
    all: () => rows().findMany({ orderBy: [{ id: 'asc' }] }) as Promise<SubscriberRow[]>,

    async findOne(id: number) {
      const row = (await rows().findOne({ where: { id } })) as SubscriberRow | null;
      if (!row) throw new Refusal(404, `Subscriber ${id} not found`);
      return row;
    },

    async create(input: SubscriberInput) {
      checkAddress(input.url!);
      const row = (await rows().create({
        data: {
          format: 'newsroom',
          events: ['publish', 'correct', 'kill'],
          enabled: true,
          ...dataOf(input),
        },
      })) as SubscriberRow;
      return subscriberView(row);
    },

    async update(id: number, input: SubscriberInput) {
      await this.findOne(id);
      if (input.url !== undefined) checkAddress(input.url);
      const row = (await rows().update({ where: { id }, data: dataOf(input) })) as SubscriberRow;
      return subscriberView(row);
    },

    async remove(id: number) {
      await this.findOne(id);
      await rows().delete({ where: { id } });
    },

    /** The secret a delivery is signed with; throws when it cannot be read. */
    secretOf(row: SubscriberRow) {
      const plain = row.secret ? encryption().decrypt(row.secret) : null;
      if (!plain)
        throw new Error(
          "The subscriber's secret cannot be read (the server's encryption key changed?); enter it again"
        );
      return plain;
    },
  };
};

export type SubscribersService = ReturnType<typeof subscribersService>;
export default subscribersService;
