import { RESTEvents, type REST } from 'discord.js';

const CHANNEL_MESSAGES = /^\/channels\/(\d+)\/messages$/;

/**
 * What Discord last said about each channel's message rate limit (5 messages per 5 seconds): when
 * a channel's window is spent, and until when. discord.js already waits out a spent window by
 * itself; knowing it here lets a lane wait *before* it forms its next message, so that everything
 * that arrives meanwhile goes out in that one message instead of in the ones after it.
 */
export class ChannelWindows {
  readonly #spentUntil = new Map<string, number>();

  constructor(rest: REST) {
    rest.on(RESTEvents.Response, (request, response) => {
      const channelId = CHANNEL_MESSAGES.exec(request.path)?.[1];
      if (request.method.toUpperCase() !== 'POST' || channelId === undefined) return;

      const remaining = response.headers.get('x-ratelimit-remaining');
      const resetAfterS = Number(response.headers.get('x-ratelimit-reset-after'));
      if (remaining === '0' && resetAfterS > 0) {
        this.#spentUntil.set(channelId, Date.now() + resetAfterS * 1000);
      } else {
        this.#spentUntil.delete(channelId);
      }
    });
  }

  /** How long a message to this channel would wait for its rate limit now; 0 when it would not. */
  waitMs(channelId: string, now = Date.now()): number {
    const until = this.#spentUntil.get(channelId);
    if (until === undefined) return 0;
    if (until > now) return until - now;
    this.#spentUntil.delete(channelId);
    return 0;
  }
}
