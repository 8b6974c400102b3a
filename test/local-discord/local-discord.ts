import type { APIApplicationCommand, APIMessage } from 'discord-api-types/v10';

import type { Faults } from './faults.js';
import type { DropOptions, Gateway, GatewayStats } from './gateway.js';
import type { GuildAdmin } from './guild-admin.js';
import type { InteractionHandle } from './interaction-handle.js';
import type {
  CommandInput,
  ComponentInput,
  InteractionFactory,
  ModalSubmitInput,
} from './interactions.js';
import type { RateLimiter } from './rate-limits.js';
import type { ChannelInput, OverwriteInput, RoleInput } from './records.js';
import type { AuditReason, RecordedRequest, RestServer } from './rest.js';
import { buildGuild, type CreatedGuild, type GuildInput, type SeededGuild } from './seed.js';
import type { DiscordState } from './state.js';

/** The running pieces a {@link LocalDiscord} controls. */
export interface LocalDiscordParts {
  state: DiscordState;
  admin: GuildAdmin;
  gateway: Gateway;
  rest: RestServer;
  limiter: RateLimiter;
  interactions: InteractionFactory;
  faults: Faults;
  restUrl: string;
  guild: SeededGuild;
}

/** A running local Discord and the controls tests use on it. */
export class LocalDiscord {
  /** Give this to discord.js as `rest.api` (the bot's DISCORD_API_URL). */
  readonly restUrl: string;
  readonly gatewayUrl: string;
  readonly token: string;
  readonly applicationId: string;
  readonly botUserId: string;
  /** The seeded guild: channels, roles and members covering every permission path. */
  readonly guild: SeededGuild;
  /** Arm 5xx, 429, hangs and connection resets for the next matching requests. */
  readonly faults: Faults;
  #closing: Promise<void> | undefined;

  /** Built by `startLocalDiscord`; tests never construct it. */
  constructor(private readonly parts: LocalDiscordParts) {
    this.restUrl = parts.restUrl;
    this.gatewayUrl = parts.gateway.url;
    this.token = parts.state.token;
    this.applicationId = parts.state.applicationId;
    this.botUserId = parts.state.botUser.id;
    this.guild = parts.guild;
    this.faults = parts.faults;
  }

  /** Every REST call so far, in order (the token is never stored). */
  get requests(): readonly RecordedRequest[] {
    return this.parts.rest.requests;
  }
  /** `METHOD /path` of calls no route matched; answered 404/405. */
  get unknownRoutes(): readonly string[] {
    return this.parts.rest.unknownRoutes;
  }
  /** Decoded `X-Audit-Log-Reason` headers, in order. */
  get auditReasons(): readonly AuditReason[] {
    return this.parts.rest.auditReasons;
  }
  /** Bugs in the local Discord itself (answered 500); should stay empty. */
  get internalErrors(): readonly Error[] {
    return this.parts.rest.internalErrors;
  }
  /** IDENTIFY, RESUME and INVALID_SESSION counts, for reconnect tests. */
  get gatewayStats(): Readonly<GatewayStats> & { openConnections: number } {
    return { ...this.parts.gateway.stats, openConnections: this.parts.gateway.openConnections };
  }

  /** Creates a guild (owner, @everyone, the bot and its role, #general) and sends GUILD_CREATE. */
  createGuild(input?: GuildInput): CreatedGuild {
    const guild = buildGuild(this.parts.state, input);
    this.parts.gateway.announceGuild(guild.id);
    return guild;
  }
  /** Creates a channel (CHANNEL_CREATE) and returns its id. */
  createChannel(guildId: string, input: ChannelInput): string {
    return this.parts.admin.createChannel(guildId, input).id;
  }
  /** Deletes a channel (CHANNEL_DELETE). */
  deleteChannel(channelId: string): void {
    this.parts.admin.deleteChannel(channelId);
  }
  /** Replaces a channel's permission overwrites (CHANNEL_UPDATE). */
  setChannelOverwrites(channelId: string, overwrites: OverwriteInput[]): void {
    this.parts.admin.setChannelOverwrites(channelId, overwrites);
  }
  /** Creates a role (GUILD_ROLE_CREATE) and returns its id. */
  createRole(guildId: string, input: RoleInput): string {
    return this.parts.admin.createRole(guildId, input).id;
  }
  /** Deletes a role (GUILD_ROLE_DELETE); members and overwrites lose it too. */
  deleteRole(guildId: string, roleId: string): void {
    this.parts.admin.deleteRole(guildId, roleId);
  }
  /** Sets a role's permission bits (GUILD_ROLE_UPDATE). */
  setRolePermissions(guildId: string, roleId: string, permissions: bigint): void {
    this.parts.admin.setRolePermissions(guildId, roleId, permissions);
  }
  /**
   * Adds a user to a guild (GUILD_MEMBER_ADD) and returns the user id; pass `userId` to use a
   * known snowflake (e.g. one from a Tickety payload) instead of a fresh one.
   */
  addMember(guildId: string, username: string, roleIds: string[] = [], userId?: string): string {
    return this.parts.admin.addMember(guildId, username, roleIds, userId).id;
  }
  /** Removes a member (GUILD_MEMBER_REMOVE); removing the bot sends GUILD_DELETE. */
  removeMember(guildId: string, userId: string): void {
    this.parts.admin.removeMember(guildId, userId);
  }
  /** Replaces a member's roles (GUILD_MEMBER_UPDATE). */
  setMemberRoles(guildId: string, userId: string, roleIds: string[]): void {
    this.parts.admin.setMemberRoles(guildId, userId, roleIds);
  }

  /** A member's current role ids (without @everyone); empty when not a member. */
  memberRoles(guildId: string, userId: string): string[] {
    return [...(this.parts.state.guilds.get(guildId)?.members.get(userId)?.roles ?? [])];
  }
  /** Messages posted to a channel through REST, oldest first (interaction replies excluded). */
  messages(channelId: string): APIMessage[] {
    return [...(this.parts.state.messages.get(channelId) ?? [])];
  }
  /** Resolves once a channel holds at least `count` messages; rejects after `timeoutMs`. */
  waitForMessages(channelId: string, count: number, timeoutMs = 5000): Promise<APIMessage[]> {
    const probe = (): APIMessage[] | undefined => {
      const messages = this.messages(channelId);
      return messages.length >= count ? messages : undefined;
    };
    const describe = (): string =>
      `${count} message(s) in channel ${channelId} (have ${this.messages(channelId).length})`;
    return this.parts.state.changed.waitFor(probe, timeoutMs, describe);
  }
  /** Registered commands: global ones, or a guild's when `guildId` is given. */
  commands(guildId?: string): APIApplicationCommand[] {
    const { state } = this.parts;
    return [...(guildId ? (state.guildCommands.get(guildId) ?? []) : state.globalCommands)];
  }

  /** Runs a registered slash command as a user; see {@link InteractionHandle}. */
  async sendCommand(input: CommandInput): Promise<InteractionHandle> {
    await this.waitForBot();
    return this.parts.interactions.command(input);
  }
  /** Clicks a button (or picks in a select menu) on a message the bot sent. */
  async sendComponent(input: ComponentInput): Promise<InteractionHandle> {
    await this.waitForBot();
    return this.parts.interactions.component(input);
  }
  /** Submits a modal as a user; see {@link InteractionHandle}. */
  async sendModalSubmit(input: ModalSubmitInput): Promise<InteractionHandle> {
    await this.waitForBot();
    return this.parts.interactions.modalSubmit(input);
  }

  /** Turns Discord's rate limits on or off (5 messages / 5 s per channel, 50 requests / s). */
  rateLimits(enabled: boolean): void {
    this.parts.limiter.enabled = enabled;
  }
  /** Drops the gateway connection; discord.js reconnects and resumes (or re-identifies). */
  dropGateway(options: DropOptions = {}): void {
    this.parts.gateway.drop(options);
  }
  /** Sends any gateway event to every connected client, for cases the controls do not cover. */
  dispatch(event: string, data: unknown): void {
    this.parts.gateway.dispatch(event, data);
  }

  /** Closes every socket and both servers and rejects pending waits; safe to call twice. */
  close(): Promise<void> {
    if (!this.#closing) {
      this.parts.state.changed.cancelAll('closed while a test was still waiting');
      this.#closing = Promise.all([this.parts.gateway.close(), this.parts.rest.close()]).then(
        () => undefined,
      );
    }
    return this.#closing;
  }

  private async waitForBot(): Promise<void> {
    const { state, gateway } = this.parts;
    const describe = (): string => 'a bot connected to the gateway (did the client log in?)';
    await state.changed.waitFor(
      () => (gateway.openConnections > 0 ? true : undefined),
      5000,
      describe,
    );
  }
}
