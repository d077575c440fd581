// The names visitors see for agents: an agent's public name and an inbox's operator name, set by an admin in the
// admin console, shown in the widget and in the chat's log, while the agents' console keeps saying who wrote what.
// Run by EmbeddedJourneysIT on the embedded defaults.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { downloaded, env } from './browser.mjs';
import { signIn, team } from './team.mjs';
import { accept, adminConsole, agentConsole, panel, reply, say, timeline, toast, useChat, visitorOnShop } from './chat-pages.mjs';

const chat = useChat();

async function put(path, body) {
    const admin = await signIn(env('SWITCHBOARD_ADMIN_EMAIL'), env('SWITCHBOARD_ADMIN_PASSWORD'));
    const response = await fetch(new URL(`api/agent/${path}`, env('SWITCHBOARD_URL')), {
        method: 'PUT', headers: { Authorization: `Bearer ${admin}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
    });
    return { status: response.status, body: await response.json() };
}

test("an agent's public name is what the visitor sees of them; the console still shows the account name",
    chat(async open => {
        const { inbox, agents: [ann] } = await team(['Ann']);
        const admin = await adminConsole(open, `admin/agents/edit.xhtml?id=${ann.agentId}`);
        await admin.getByLabel('Public name').fill('Annie from Sales');
        await admin.getByRole('button', { name: 'Save public name' }).click();
        await admin.locator('#messages').getByText('as Annie from Sales').waitFor();
        assert.equal(await admin.getByLabel('Public name').inputValue(), 'Annie from Sales');

        const agent = await agentConsole(open, ann);
        const { chat: widget } = await visitorOnShop(open, inbox);
        await say(widget, 'Who is there?');
        await toast(agent).waitFor();
        await accept(agent);
        await widget.locator('#agent', { hasText: 'You are chatting with Annie from Sales' }).waitFor();
        await widget.locator('.system', { hasText: 'Annie from Sales joined the chat.' }).waitFor();
        await reply(agent, 'Annie here');
        await widget.locator('.entry.agent', { hasText: 'Annie here' }).waitFor();
        await timeline(agent).locator('.entry.agent', { hasText: 'Annie here' }).locator('.meta', { hasText: ann.name })
            .waitFor();
        assert.ok(!(await widget.locator('body').textContent()).includes(ann.name), 'the account name stays inside');
    }));

test('an inbox with an operator name shows every agent under it, also after a reload; bad names are refused',
    chat(async open => {
        const { inbox, agents: [ann] } = await team(['Ann']);
        const admin = await adminConsole(open, `admin/inboxes/edit.xhtml?id=${inbox.id}`);
        await admin.getByLabel('Operator name').fill('Acme Support');
        await admin.getByRole('button', { name: 'Save name' }).click();
        await admin.locator('#messages').getByText('Visitors see every agent as Acme Support.').waitFor();
        assert.equal(await admin.getByLabel('Operator name').inputValue(), 'Acme Support');

        const tooLong = await put(`inboxes/${inbox.id}/operator-name`, { operatorName: 'x'.repeat(61), version: 0 });
        assert.equal(tooLong.status, 400);
        assert.equal(tooLong.body.code, 'inbox.operator-name');

        const agent = await agentConsole(open, ann);
        const { page: shop, chat: widget } = await visitorOnShop(open, inbox);
        await say(widget, 'Anyone?');
        await toast(agent).waitFor();
        await accept(agent);
        await widget.locator('#agent', { hasText: 'You are chatting with Acme Support' }).waitFor();
        await panel(agent).getByLabel('Reply').pressSequentially('Typing to you');
        await widget.locator('#agent[data-typing="yes"]').waitFor();
        await panel(agent).getByLabel('Reply').press('Enter');
        await widget.locator('.entry.agent', { hasText: 'Typing to you' }).waitFor();
        await timeline(agent).locator('.entry.agent', { hasText: 'Typing to you' }).locator('.meta', { hasText: ann.name })
            .waitFor();
        assert.ok(!(await widget.locator('body').textContent()).includes(ann.name), 'the account name stays inside');

        const { chat: again } = await visitorOnShop(open, inbox, { page: shop });
        await again.locator('.entry.agent', { hasText: 'Typing to you' }).waitFor();
        await again.locator('#agent', { hasText: 'You are chatting with Acme Support' }).waitFor();
        assert.ok(!(await again.locator('body').textContent()).includes(ann.name));

        // The chat's log says the same: the operator name, the names of the files sent, never the account name.
        await panel(agent).locator('input[type=file]').setInputFiles({ name: 'price-list.txt', mimeType: 'text/plain',
            buffer: Buffer.from('Prices as of today.\n') });
        await panel(agent).getByLabel('Reply').fill('Our prices');
        await panel(agent).getByRole('button', { name: 'Send' }).click();
        await again.locator('.entry.agent', { hasText: 'Our prices' }).locator('.attachments', { hasText: 'price-list.txt' })
            .waitFor();
        await panel(agent).getByRole('button', { name: 'Close', exact: true }).click();
        await again.locator('#chat-log').waitFor();
        const [log] = await Promise.all([shop.waitForEvent('download'), again.locator('#chat-log').click()]);
        const html = (await downloaded(log)).toString('utf8');
        assert.match(html, /Acme Support · /);
        assert.match(html, /Our prices/);
        assert.match(html, /price-list\.txt/);
        assert.ok(!html.includes(ann.name), 'the account name stays inside');
    }));
