/** One entry of Discord's nested form-error tree. */
interface FormErrorLeaf {
  code: string;
  message: string;
}

/** Discord's nested `errors` object: keys follow the body's shape, leaves hold `_errors`. */
export interface FormErrorTree {
  [key: string]: FormErrorTree | FormErrorLeaf[];
}

/** Collects validation problems in the shape Discord reports them for code 50035. */
export class FormErrors {
  readonly tree: FormErrorTree = {};
  #count = 0;

  /** Records a problem at a body path such as `['embeds', 0, 'title']`. */
  add(path: readonly (string | number)[], code: string, message: string): void {
    let node = this.tree;
    for (const key of path) {
      const next = node[String(key)];
      if (next && !Array.isArray(next)) {
        node = next;
        continue;
      }
      const created: FormErrorTree = {};
      node[String(key)] = created;
      node = created;
    }
    const leaves = node._errors;
    if (Array.isArray(leaves)) leaves.push({ code, message });
    else node._errors = [{ code, message }];
    this.#count += 1;
  }

  /** Records a too-long value with Discord's wording. */
  tooLong(path: readonly (string | number)[], max: number): void {
    this.add(path, 'BASE_TYPE_MAX_LENGTH', `Must be ${max} or fewer in length.`);
  }

  /** Records a missing value with Discord's wording. */
  required(path: readonly (string | number)[]): void {
    this.add(path, 'BASE_TYPE_REQUIRED', 'This field is required');
  }

  /** Throws 400 Invalid Form Body when anything was recorded. */
  throwIfAny(): void {
    if (this.#count > 0) throw new DiscordError(400, 50035, 'Invalid Form Body', this.tree);
  }
}

/** An error answered with Discord's JSON error body `{ code, message, errors? }`. */
export class DiscordError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
    readonly errors?: FormErrorTree,
  ) {
    super(message);
  }

  /** The response body, as Discord sends it. */
  toBody(): { code: number; message: string; errors?: FormErrorTree } {
    return {
      code: this.code,
      message: this.message,
      ...(this.errors ? { errors: this.errors } : {}),
    };
  }
}

/** The errors this local Discord answers, with Discord's real codes and messages. */
export const errors = {
  unauthorized: () => new DiscordError(401, 0, '401: Unauthorized'),
  notFound: () => new DiscordError(404, 0, '404: Not Found'),
  methodNotAllowed: () => new DiscordError(405, 0, '405: Method Not Allowed'),
  unknownChannel: () => new DiscordError(404, 10003, 'Unknown Channel'),
  unknownGuild: () => new DiscordError(404, 10004, 'Unknown Guild'),
  unknownMember: () => new DiscordError(404, 10007, 'Unknown Member'),
  unknownMessage: () => new DiscordError(404, 10008, 'Unknown Message'),
  unknownRole: () => new DiscordError(404, 10011, 'Unknown Role'),
  unknownUser: () => new DiscordError(404, 10013, 'Unknown User'),
  unknownWebhook: () => new DiscordError(404, 10015, 'Unknown Webhook'),
  unknownInteraction: () => new DiscordError(404, 10062, 'Unknown interaction'),
  alreadyAcknowledged: () =>
    new DiscordError(400, 40060, 'Interaction has already been acknowledged.'),
  unknownCommand: () => new DiscordError(404, 10063, 'Unknown application command'),
  missingAccess: () => new DiscordError(403, 50001, 'Missing Access'),
  emptyMessage: () => new DiscordError(400, 50006, 'Cannot send an empty message'),
  missingPermissions: () => new DiscordError(403, 50013, 'Missing Permissions'),
  invalidJson: () => new DiscordError(400, 50109, 'The request body contains invalid JSON.'),
};
