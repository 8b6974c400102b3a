import { Routes, type REST } from 'discord.js';
import type { RoleDelivery } from '../db/deliveries.js';

/**
 * Gives or takes a role. Both calls are idempotent on Discord's side, so a retry after a lost
 * answer is harmless. The audit-log reason tells moderators why the role changed.
 */
export async function applyRoleChange(rest: REST, delivery: RoleDelivery): Promise<void> {
  const route = Routes.guildMemberRole(delivery.guildId, delivery.userId, delivery.roleId);
  const reason = `Tickety ${delivery.eventType} (event ${delivery.eventId})`;

  if (delivery.mode === 'add') await rest.put(route, { reason });
  else await rest.delete(route, { reason });
}
