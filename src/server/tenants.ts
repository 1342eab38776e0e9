/**
 * The tenant allow-list (ALLOWED_TENANT_IDS), checked at the door before any
 * work or write. The tenant is the one Teams vouches for in channelData.tenant:
 * for a guest from another organisation it is still the tenant of the team or
 * chat they are in, so guests are served where their host's tenant is allowed.
 */
import type { Activity } from 'botbuilder';

export function activityTenant(activity: Partial<Activity>): string | undefined {
  const vouched = (activity.channelData as { tenant?: { id?: unknown } } | undefined)?.tenant?.id;
  if (typeof vouched === 'string' && vouched) return vouched;
  const conversationTenant = activity.conversation?.tenantId;
  return typeof conversationTenant === 'string' && conversationTenant ? conversationTenant : undefined;
}

/** Undefined when every tenant is allowed (no list configured). */
export function tenantAllowList(ids: readonly string[]): ((activity: Partial<Activity>) => boolean) | undefined {
  if (ids.length === 0) return undefined;
  const allowed = new Set(ids.map((id) => id.toLowerCase()));
  return (activity) => {
    const tenant = activityTenant(activity);
    return tenant !== undefined && allowed.has(tenant.toLowerCase());
  };
}
