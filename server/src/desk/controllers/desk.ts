import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import type { GetDesk } from '../../../../shared/contracts/desk';
import { articlePermissions } from '../../platform/actors';
import { Refusal } from '../../platform/domain/refusal';
import { defaultLocale } from '../../platform/locales';
import { getService } from '../../platform/services';
import { permissionFor } from '../../workflow/domain/machine';
import { validateDeskQuery } from '../validation/desk';

type Ability = { can(action: string, subject?: unknown): boolean };

/** The editor's desk: what this user's shift works on, read with this user's permissions. */
const deskController = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** `GET /newsroom/desk?locale=ru`. Throws Refusal 400 or 403. */
  async find(ctx: Context) {
    const query = (await validateDeskQuery(ctx.query)) as { locale?: string };
    const locale = query.locale ?? (await defaultLocale(strapi));
    // Only the stories this user may read in the Content Manager, conditions included.
    const readable = articlePermissions(strapi, ctx)?.queryFor('read');
    if (!readable) throw new Refusal(403, 'You are not allowed to read articles');
    const ability = ctx.state.userAbility as Ability;
    const { desk, waitingForMe, newWire } = await getService('desk', strapi).view({
      locale,
      userId: ctx.state.user.id,
      readable,
      canReadWire: ability.can('plugin::newsroom.wire.read'),
      canApprove: ability.can(permissionFor('approve')),
    });
    ctx.body = {
      data: desk,
      meta: { locale, counts: { newWire, waitingForMe } },
    } satisfies GetDesk.Response;
  },
});

export default deskController;
