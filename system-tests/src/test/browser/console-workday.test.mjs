// An agent's day with colleagues in the console, in a real headless Chromium: invitations (a colleague or anyone
// of an inbox joins, writes to the visitor and privately, leaves; the holder leaves the chat to them), the agent's
// own block list, the list's filters (a chosen agent, several tags at once, a refused filter) and its paging past
// what one request of the API returns.
// Run by ConsoleWorkdayBrowserIT, which passes the product's address and the admin account.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { env, expectErrors } from './browser.mjs';
import { presence, team } from './team.mjs';
import { accept, agentConsole, panel, reply, say, timeline, toast, useChat, visitorOnShop, waitUntil }
    from './chat-pages.mjs';

const chat = useChat();

async function api(agent, path) {
    const response = await fetch(new URL(`api/agent/${path}`, env('SWITCHBOARD_URL')),
        { headers: { Authorization: `Bearer ${agent.token}` } });
    assert.ok(response.ok, `${path}: ${response.status}`);
    return response.json();
}

/** A visitor on the shop who wrote `first`, and the agent's console with that conversation accepted. */
async function liveChat(open, agent, inbox, first) {
    const page = await agentConsole(open, agent);
    const visitor = await visitorOnShop(open, inbox);
    await say(visitor.chat, first);
    await accept(page);
    await timeline(page).locator('.entry.visitor', { hasText: first }).waitFor();
    return { page, chat: visitor.chat };
}

async function invite(page, who) {
    await panel(page).getByRole('button', { name: 'Invite' }).click();
    await page.locator('#dialog').getByLabel('Who').selectOption({ label: who });
    await page.locator('#dialog').getByRole('button', { name: 'Invite' }).click();
    await panel(page).locator('.notice', { hasText: 'Invitation sent' }).waitFor();
}

async function acceptInvitation(page, text) {
    await toast(page, 'Invitation to a chat').getByRole('button', { name: 'Accept' }).click();
    await timeline(page).locator('.entry.visitor', { hasText: text }).waitFor();
}

test('invited colleagues write to the visitor and privately, leave; the holder leaves the chat to one of them',
    chat(async open => {
        const { inbox, agents: [ann, bob] } = await team(['Ann', 'Bob']);
        const { inbox: experts, agents: [dee] } = await team(['Dee']);
        const { page: anns, chat: widget } = await liveChat(open, ann, inbox, 'my order never came');
        const bobs = await agentConsole(open, bob);
        const dees = await agentConsole(open, dee);

        // A colleague directly: Ann stays. Bob's public reply reaches the visitor, his private note does not.
        await invite(anns, `${bob.name} (online)`);
        await acceptInvitation(bobs, 'my order never came');
        await panel(anns).locator('.notice', { hasText: `${bob.name} accepted the invitation` }).waitFor();
        await panel(anns).locator('.participants', { hasText: bob.name }).waitFor();
        await reply(bobs, 'Bob from shipping here, checking it.');
        await widget.locator('.entry.agent', { hasText: 'Bob from shipping here' }).waitFor();
        await timeline(anns).locator('.entry.agent', { hasText: 'Bob from shipping here' }).waitFor();
        await panel(bobs).getByRole('button', { name: 'Private note' }).click();
        await reply(bobs, 'only between us: the parcel is lost');
        await timeline(anns).locator('.entry.note', { hasText: 'parcel is lost' }).waitFor();
        await reply(anns, 'We are on it.');
        await widget.locator('.entry.agent', { hasText: 'We are on it.' }).waitFor();
        assert.equal(await widget.locator('.entry', { hasText: 'parcel is lost' }).count(), 0);
        // The visitor is told Bob joined, once; Ann still holds the chat and never "joined" again.
        assert.equal(await widget.locator('.entry.system', { hasText: `${bob.name} joined the chat.` }).count(), 1);
        assert.equal(await widget.locator('.entry.system', { hasText: `${ann.name} joined the chat.` }).count(), 1);
        await widget.locator('#agent', { hasText: ann.name }).waitFor();

        // Anyone online of another inbox, one at a time: Dee is the only one there.
        await invite(anns, `Anyone online in ${experts.name}`);
        // Dee may not read a chat of another inbox before accepting: the toast says who asks.
        await dees.locator('.toast', { hasText: `${ann.name} invites you` }).waitFor();
        await acceptInvitation(dees, 'my order never came');
        await panel(anns).locator('.participants', { hasText: dee.name }).waitFor();
        // An invited agent leaves from the console: the conversation goes from their console.
        await panel(dees).getByRole('button', { name: 'Leave' }).click();
        await dees.locator('#dialog').getByRole('button', { name: 'Leave' }).click();
        await dees.locator('#nothing-open').waitFor();
        await timeline(anns).locator('.entry.internal', { hasText: `${dee.name} left.` }).waitFor();
        await waitUntil(async () => !(await panel(anns).locator('.participants').textContent()).includes(dee.name));

        // The holder disconnects: Bob holds the conversation, the visitor hears it, Ann has it no more.
        await panel(anns).getByRole('button', { name: 'Leave' }).click();
        await anns.locator('#dialog').getByLabel('Who holds it').selectOption({ label: bob.name });
        await anns.locator('#dialog').getByRole('button', { name: 'Leave' }).click();
        await anns.locator('#nothing-open').waitFor();
        await widget.locator('.entry.system', { hasText: `${ann.name} left the chat.` }).waitFor();
        await widget.locator('#agent', { hasText: bob.name }).waitFor();
        await panel(bobs).locator('.conversation-header', { hasText: `assigned · ${bob.name}` }).waitFor();
        await panel(bobs).getByRole('button', { name: 'Reply', exact: true }).click();
        await reply(bobs, 'It is yours tomorrow.');
        await widget.locator('.entry.agent', { hasText: 'It is yours tomorrow.' }).waitFor();
        const mine = await api(ann, 'conversations?assignee=me');
        assert.equal(mine.total, 0);
    }));

test("an agent's own block list: a visitor blocked from a conversation, a colleague, removed again",
    chat(async open => {
        const { inbox, agents: [eve, fay] } = await team(['Eve', 'Fay']);
        const { page: eves, chat: widget } = await liveChat(open, eve, inbox, 'buy cheap pills');
        const visitorName = (await panel(eves).locator('.visitor-name').textContent()).trim();

        await panel(eves).getByText('More actions').click();
        await panel(eves).getByRole('button', { name: 'Block for me' }).click();
        await eves.locator('#dialog').getByRole('button', { name: 'Block for me' }).click();
        await panel(eves).locator('.notice', { hasText: 'not reach you' }).waitFor();

        // The visitor writes again: the conversation leaves Eve and is offered to Fay.
        const fays = await agentConsole(open, fay);
        await say(widget, 'hello??');
        await accept(fays);
        await timeline(fays).locator('.entry.visitor', { hasText: 'hello??' }).waitFor();

        await eves.getByRole('button', { name: 'My blocks' }).click();
        const dialog = eves.locator('#dialog');
        await dialog.locator('.blocks li', { hasText: visitorName }).waitFor();
        await dialog.getByLabel('Colleague').selectOption({ label: fay.name });
        await dialog.getByRole('button', { name: 'Block colleague' }).click();
        await dialog.locator('.blocks li', { hasText: fay.name }).waitFor();
        await dialog.locator('.blocks li', { hasText: visitorName }).getByRole('button', { name: 'Remove' }).click();
        await dialog.locator('.blocks li', { hasText: visitorName }).waitFor({ state: 'detached' });
        const blocks = await api(eve, 'me/blocks');
        assert.deepEqual(blocks.map(block => block.agentId), [fay.agentId]);
        await dialog.getByRole('button', { name: 'Close' }).click();
    }));

test("the list's filters: a chosen agent, all of several tags, and a refused filter's error", chat(async (open, t) => {
    // The browser reports the refused request of the list itself; the page must show it and throw nothing.
    expectErrors(t, /status of 400 \(Bad Request\) \(.*tag=vip%21/);
    const { inbox, agents: [sue, gil, hub] } = await team(['Sue', 'Gil', 'Hub'], { roles: { Sue: ['SUPERVISOR'] } });
    const { page: gils } = await liveChat(open, gil, inbox, 'first visitor');
    await presence(gil, 'AWAY');
    const { page: hubs } = await liveChat(open, hub, inbox, 'second visitor');
    for (const [page, tags] of [[gils, 'billing, vip'], [hubs, 'billing']]) {
        await panel(page).getByRole('button', { name: 'Tags' }).click();
        await page.locator('#dialog').getByLabel('Tags').fill(tags);
        await page.locator('#dialog').getByRole('button', { name: 'Save' }).click();
        await panel(page).locator('.conversation-header .tag', { hasText: 'billing' }).waitFor();
    }
    const [gilsId, hubsId] = [await panel(gils).getAttribute('data-conversation-id'),
        await panel(hubs).getAttribute('data-conversation-id')];

    const sues = await agentConsole(open, sue);
    const line = id => sues.locator(`.conversation-list li[data-conversation-id="${id}"]`);
    const shows = async ids => waitUntil(async () => {
        const shown = await sues.locator('.conversation-list li').evaluateAll(items => items.map(item => item.dataset.conversationId));
        return JSON.stringify(shown.sort()) === JSON.stringify([...ids].sort());
    });
    await sues.getByLabel('Inbox filter').selectOption({ label: inbox.name });
    await shows([gilsId, hubsId]);

    await sues.getByLabel('Assignee filter').selectOption({ label: gil.name });
    await shows([gilsId]);
    await sues.getByLabel('Assignee filter').selectOption({ label: hub.name });
    await shows([hubsId]);
    await sues.getByLabel('Assignee filter').selectOption({ label: "Everyone's" });

    await sues.getByLabel('Tag filter').fill('billing, VIP');
    await sues.getByLabel('Tag filter').press('Enter');
    await shows([gilsId]);
    await sues.getByLabel('Tag filter').fill('billing');
    await sues.getByLabel('Tag filter').press('Enter');
    await shows([gilsId, hubsId]);

    // A filter the server refuses: its reason shows, and the lines of the previous filter do not stay.
    await sues.getByLabel('Tag filter').fill('vip!');
    await sues.getByLabel('Tag filter').press('Enter');
    await sues.locator('#list-problem', { hasText: 'does not fit' }).waitFor();
    await line(gilsId).waitFor({ state: 'detached' });
    assert.equal(await sues.locator('.conversation-list li').count(), 0);
    await sues.getByLabel('Tag filter').fill('vip');
    await sues.getByLabel('Tag filter').press('Enter');
    await shows([gilsId]);
    assert.equal(await sues.locator('#list-problem').isVisible(), false);
}));

test('the list pages through every conversation, past the most one request of the API returns', chat(async open => {
    const { inbox, agents: [pat] } = await team(['Pat'], { assignmentMode: 'MANUAL' });
    const page = await agentConsole(open, pat);

    // 105 visitors write, ten at a time, through the product's visitor socket opened by the page itself (this
    // host's own address is never rate-limited).
    const count = 105;
    const answers = await page.evaluate(async ({ inbox, count }) => {
        const base = location.href.replace(/\/agent\.html.*$/, '').replace(/^http/, 'ws');
        const writes = n => new Promise((resolve, reject) => {
            const socket = new WebSocket(`${base}/ws/visitor?inbox=${encodeURIComponent(inbox)}`);
            const timer = setTimeout(() => reject(new Error(`visitor ${n}: no answer`)), 15_000);
            socket.onmessage = event => {
                const frame = JSON.parse(event.data);
                if (frame.type === 'welcome') {
                    socket.send(JSON.stringify({ type: 'message.send', text: `paging visitor ${n}` }));
                } else if (frame.type === 'message.accepted' || frame.type === 'error') {
                    clearTimeout(timer);
                    socket.close();
                    resolve(frame.type === 'error' ? `${n}: ${frame.code}` : 'accepted');
                }
            };
            socket.onerror = () => reject(new Error(`visitor ${n}: the socket failed`));
        });
        const answers = [];
        for (let first = 1; first <= count; first += 10) {
            const batch = Array.from({ length: Math.min(10, count - first + 1) }, (_, i) => writes(first + i));
            answers.push(...await Promise.all(batch));
        }
        return answers;
    }, { inbox: inbox.name, count });
    assert.deepEqual(answers.filter(answer => answer !== 'accepted'), []);

    // Waiting in a manual inbox, every one is the agent's to take: the list shows 25, and "More" 25 more each
    // time until all 105 show (the last pages read in two requests of 100 at most), and then goes.
    const lines = page.locator('.conversation-list li');
    const more = page.getByRole('button', { name: 'More' });
    await page.getByLabel('Inbox filter').selectOption({ label: inbox.name });
    await waitUntil(async () => await lines.count() === 25, '25 lines');
    for (let shown = 25; shown < count; shown += 25) {
        await more.click();
        await waitUntil(async () => await lines.count() === Math.min(shown + 25, count), `${shown + 25} lines`);
    }
    await more.waitFor({ state: 'hidden' });
    const previews = await lines.locator('.preview').allTextContents();
    assert.deepEqual([...new Set(previews)].sort(),
        Array.from({ length: count }, (_, i) => `paging visitor ${i + 1}`).sort(), 'each conversation once');
}));
