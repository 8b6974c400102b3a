import type { APIApplicationCommand } from 'discord-api-types/v10';

import { errors } from '../api-errors.js';
import { toStoredCommands } from '../command-validation.js';
import { toApiUser } from '../payloads.js';
import { noContent, ok, param, route, type RestRequest, type Route } from '../router.js';
import { requireGuild, type RouteContext } from './context.js';

/** Gateway discovery, the bot's user and application, and command registration. */
export function applicationRoutes(context: RouteContext): Route[] {
  const { state } = context;

  const requireOwnApplication = (request: RestRequest): void => {
    if (param(request, 'applicationId') !== state.applicationId) throw errors.missingAccess();
  };
  const guildCommands = (request: RestRequest): APIApplicationCommand[] => {
    requireOwnApplication(request);
    const guildId = param(request, 'guildId');
    requireGuild(context, guildId);
    return state.guildCommands.get(guildId) ?? [];
  };

  return [
    route('GET', '/gateway', () => ok({ url: context.gatewayUrl() }), { auth: false }),
    route('GET', '/gateway/bot', () =>
      ok({
        url: context.gatewayUrl(),
        shards: 1,
        session_start_limit: {
          total: 1000,
          remaining: 999,
          reset_after: 86_400_000,
          max_concurrency: 1,
        },
      }),
    ),
    route('GET', '/users/@me', () => ok(toApiUser(state.botUser))),
    route('GET', '/users/:userId', (request) => {
      const user = state.users.get(param(request, 'userId'));
      if (!user) throw errors.unknownUser();
      return ok(toApiUser(user));
    }),
    route('GET', '/applications/@me', () =>
      ok({
        id: state.applicationId,
        name: state.botUser.username,
        icon: null,
        description: '',
        summary: '',
        bot_public: true,
        bot_require_code_grant: false,
        verify_key: '0'.repeat(64),
        flags: 0,
        team: null,
        bot: toApiUser(state.botUser),
        owner: toApiUser(state.botUser),
        approximate_guild_count: state.botGuilds().length,
      }),
    ),

    route('GET', '/applications/:applicationId/commands', (request) => {
      requireOwnApplication(request);
      return ok(state.globalCommands);
    }),
    route('PUT', '/applications/:applicationId/commands', (request) => {
      requireOwnApplication(request);
      const commands = toStoredCommands(state, request.body, state.globalCommands);
      state.globalCommands.splice(0, Infinity, ...commands);
      state.changed.notify();
      return ok(commands);
    }),
    route('GET', '/applications/:applicationId/guilds/:guildId/commands', (request) =>
      ok(guildCommands(request)),
    ),
    route('PUT', '/applications/:applicationId/guilds/:guildId/commands', (request) => {
      const existing = guildCommands(request);
      const guildId = param(request, 'guildId');
      const commands = toStoredCommands(state, request.body, existing, guildId);
      state.guildCommands.set(guildId, commands);
      state.changed.notify();
      return ok(commands);
    }),
    route('DELETE', '/applications/:applicationId/commands/:commandId', (request) => {
      requireOwnApplication(request);
      const index = state.globalCommands.findIndex((c) => c.id === param(request, 'commandId'));
      if (index < 0) throw errors.unknownCommand();
      state.globalCommands.splice(index, 1);
      state.changed.notify();
      return noContent;
    }),
  ];
}
