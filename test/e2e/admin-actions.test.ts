import { describe, expect, it } from 'vitest';
import { useBridge } from '../helpers/bridge.js';
import { integer, role, runTickety, text } from '../helpers/tickety-command.js';

describe('role actions that contradict each other', () => {
  const env = useBridge();
  const addAction = (
    event: string,
    mode: 'add' | 'remove',
    roleId = env.discord.guild.roles.member,
  ) =>
    runTickety(env.discord, 'action add', {
      event: text(event),
      role: role(roleId),
      mode: text(mode),
    });
  const savedId = (content: string | null | undefined) => Number(/#(\d+)/.exec(content ?? '')?.[1]);

  it('taking a role on the event that gives it is refused, naming the action to remove', async () => {
    const member = env.discord.guild.roles.member;
    const give = savedId((await addAction('verification.pass', 'add')).content);

    const exact = await addAction('verification.pass', 'remove');
    expect(exact.content).toBe(
      `Action \`#${give}\` already gives <@&${member}> on \`verification.pass\`, which overlaps \`verification.pass\`: remove it first with \`/tickety action remove id:${give}\`, then add this one.`,
    );
    const group = await addAction('verification.*', 'remove');
    expect(group.content).toContain(`Action \`#${give}\` already gives <@&${member}>`);
    expect((await addAction('*', 'remove')).content).toContain(`#${give}`);

    const list = await runTickety(env.discord, 'action list');
    expect(list.embeds[0]?.description?.split('\n')).toHaveLength(1);
  });

  it('the opposite mode on events that never overlap, or for another role, is saved', async () => {
    expect((await addAction('application.deny', 'remove')).content).toContain('Saved action');
    expect((await addAction('verification.fail', 'remove')).content).toContain('Saved action');
    const staff = env.discord.guild.roles.staff;
    expect((await addAction('verification.pass', 'remove', staff)).content).toContain(
      'Saved action',
    );
  });

  it('once the conflicting action is removed, the new one is accepted', async () => {
    const list = await runTickety(env.discord, 'action list');
    const give = savedId(list.embeds[0]?.description);
    await runTickety(env.discord, 'action remove', { id: integer(give) });
    expect((await addAction('verification.*', 'remove')).content).toContain('Saved action');
  });
});
