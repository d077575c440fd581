// The visitor widget and the agent console together, in a real headless Chromium: a visitor on a shop's page
// (the one-<script> embedding), agents in their consoles, everything through the real product.
// Run by ChatBrowserIT, which passes the product's address and the admin account.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PASSWORD, presence, team } from './team.mjs';
import { APP, PNG, accept, agentConsole, panel, reply, say, timeline, toast, useChat, visitorOnShop } from './chat-pages.mjs';

const chat = useChat();

test('a visitor writes, the agent accepts the offer and replies, the visitor reads it; text stays text',
    chat(async open => {
        const { inbox, agents: [ann] } = await team(['Ann']);
        const agent = await agentConsole(open, ann);
        const { page: shop, chat: widget } = await visitorOnShop(open, inbox);

        const attack = 'Hi <img src=x onerror="window.hacked=1"> <script>window.hacked=1</script>';
        await widget.locator('#text').fill(attack);
        await assert.doesNotReject(widget.locator('#counter', { hasText: `${[...attack].length} / 2000` }).waitFor());
        await widget.locator('#text').press('Enter');
        await widget.locator('.entry.visitor', { hasText: attack }).waitFor();

        await toast(agent).waitFor();
        assert.match(await toast(agent).textContent(), /Hi <img/);
        await accept(agent);
        // The visitor hears of it at the accept, before the agent writes anything.
        await widget.locator('#agent', { hasText: ann.name }).waitFor();
        await widget.locator('.system', { hasText: `${ann.name} joined the chat.` }).waitFor();
        await timeline(agent).locator('.entry.visitor', { hasText: attack }).waitFor();
        assert.equal(await timeline(agent).locator('img:not(.preview), script').count(), 0, 'visitor text became markup');
        assert.equal(await agent.evaluate(() => window.hacked), undefined);
        assert.equal(await shop.frames()[1].evaluate(() => window.hacked), undefined);
        // The page the visitor is on reached the agent (page.view from the loader, through the iframe).
        await panel(agent).locator('.page-context', { hasText: 'Pricing · Example Shop' }).waitFor();
        // The list shows the conversation as the agent's, with its preview.
        await agent.locator('.conversation-list li', { hasText: 'Hi <img' }).locator('.status-assigned').waitFor();

        const box = panel(agent).getByLabel('Reply');
        await box.fill('Hello, I am Ann.');
        await box.press('Shift+Enter');
        await box.pressSequentially('How can I help?');
        assert.equal(await box.inputValue(), 'Hello, I am Ann.\nHow can I help?', 'Shift+Enter is a new line');
        await box.press('Enter');
        assert.equal(await box.inputValue(), '', 'Enter sends');

        const answer = widget.locator('.entry.agent', { hasText: 'How can I help?' });
        await answer.waitFor();
        assert.equal(await answer.locator('.text').textContent(), 'Hello, I am Ann.\nHow can I help?');
        await widget.locator('#agent', { hasText: ann.name }).waitFor();
        // The visitor has the chat in sight: the agent's message shows as read in the console.
        await timeline(agent).locator('.entry.agent[data-status="READ"]').waitFor();

        // A private note stays with the agents.
        await panel(agent).getByRole('button', { name: 'Private note' }).click();
        await reply(agent, 'VIP customer, be nice');
        await timeline(agent).locator('.entry.note', { hasText: 'VIP customer' }).waitFor();
        await say(widget, 'thanks');
        await timeline(agent).locator('.entry.visitor', { hasText: 'thanks' }).waitFor();
        assert.equal(await widget.locator('.entry', { hasText: 'VIP customer' }).count(), 0, 'a note reached the visitor');
    }));

test('attachments go both ways: a visitor image with its preview, an agent file back', chat(async open => {
    const { inbox, agents: [bea] } = await team(['Bea']);
    const agent = await agentConsole(open, bea);
    const { page: shopPage, chat: widget } = await visitorOnShop(open, inbox);
    await say(widget, 'my screenshot follows');
    await accept(agent);

    await widget.locator('#files').setInputFiles({ name: 'screen.png', mimeType: 'image/png', buffer: PNG });
    await widget.locator('#pending li', { hasText: 'screen.png' }).locator('img.preview').waitFor();
    await widget.locator('#text').fill('here it is');
    await widget.locator('#send').click();
    await widget.locator('.entry.visitor', { hasText: 'here it is' }).locator('.attachments', { hasText: 'screen.png' }).waitFor();
    assert.equal(await widget.locator('#pending li').count(), 0);

    const image = timeline(agent).locator('.entry.visitor', { hasText: 'here it is' }).locator('img.preview');
    await image.waitFor();
    await agent.waitForFunction(img => img.complete && img.naturalWidth === 2, await image.elementHandle());

    await panel(agent).locator('input[type=file]').setInputFiles({ name: 'terms.txt', mimeType: 'text/plain',
        buffer: Buffer.from('Our terms: be excellent to each other.\n') });
    await panel(agent).getByLabel('Reply').fill('Our terms');
    await panel(agent).getByRole('button', { name: 'Send' }).click();
    const file = widget.locator('.entry.agent', { hasText: 'Our terms' }).locator('.attachments', { hasText: 'terms.txt' });
    await file.waitFor();
    const download = shopPage.waitForEvent('download');
    await file.getByRole('button', { name: 'Download' }).click();
    assert.equal((await download).suggestedFilename(), 'terms.txt');

    await panel(agent).getByRole('button', { name: 'Files' }).click();
    await agent.locator('#dialog', { hasText: 'Images (1)' }).locator('text=screen.png').waitFor();
    await agent.locator('#dialog', { hasText: 'Files (1)' }).locator('text=terms.txt').waitFor();
}));

test('a rejected offer goes to the other agent, who accepts it', chat(async open => {
    const { inbox, agents: [cid, dan] } = await team(['Cid', 'Dan']);
    const consoles = [await agentConsole(open, cid), await agentConsole(open, dan)];
    const { chat: widget } = await visitorOnShop(open, inbox);
    await say(widget, 'who will take me?');

    const first = await Promise.race(consoles.map(page => toast(page).waitFor().then(() => page)));
    const second = consoles.find(page => page !== first);
    await toast(first).getByRole('button', { name: 'Reject' }).click();
    await toast(first).waitFor({ state: 'detached' });
    await accept(second);
    await timeline(second).locator('.entry.visitor', { hasText: 'who will take me?' }).waitFor();
    await reply(second, 'I will.');
    await widget.locator('.entry.agent', { hasText: 'I will.' }).waitFor();
    assert.equal(await toast(first).count(), 0, 'the rejecting agent got the offer again');
}));

test('the agent closes the chat, the visitor writes again and it reopens; the visitor ends it', chat(async open => {
    const { inbox, agents: [eve] } = await team(['Eve']);
    const agent = await agentConsole(open, eve);
    const { chat: widget } = await visitorOnShop(open, inbox);
    await say(widget, 'one question');
    await accept(agent);
    await reply(agent, 'answered');
    await widget.locator('.entry.agent', { hasText: 'answered' }).waitFor();

    await panel(agent).getByRole('button', { name: 'Close', exact: true }).click();
    await panel(agent).locator('.notice', { hasText: 'Closed.' }).waitFor();
    // The widget says so at once, not only when the visitor writes again.
    await widget.locator('#ended').waitFor();
    await agent.locator('.conversation-list li', { hasText: 'answered' }).locator('.status-closed').waitFor();

    await say(widget, 'one more thing');
    await timeline(agent).locator('.entry.visitor', { hasText: 'one more thing' }).waitFor();
    // Reopened: back with its agent or offered again; either way Eve answers in the same conversation.
    if (await toast(agent).isVisible().catch(() => false)) await accept(agent);
    await panel(agent).locator('.who', { hasText: 'assigned' }).waitFor();
    await reply(agent, 'sure');
    await widget.locator('.entry.agent', { hasText: 'sure' }).waitFor();
    assert.equal(await timeline(agent).locator('.entry.visitor').count(), 2, 'one conversation, both messages');

    await widget.getByRole('button', { name: 'End chat' }).click();
    await widget.locator('#ended').waitFor();
    await panel(agent).locator('.notice', { hasText: 'The chat has ended' }).waitFor({ timeout: 25_000 });
}));

test('the console warns before its tab closes while our visitor is connected, and not once they left', chat(async open => {
    const { inbox, agents: [fay] } = await team(['Fay']);
    const agent = await agentConsole(open, fay);
    const { page: shop, chat: widget } = await visitorOnShop(open, inbox);
    await say(widget, 'are you still there?');
    await accept(agent);
    await panel(agent).locator('.visitor-presence.online').waitFor();

    const warning = new Promise(resolve => agent.once('dialog', async dialog => {
        resolve(dialog.type());
        await dialog.dismiss();
    }));
    await agent.close({ runBeforeUnload: true });
    assert.equal(await warning, 'beforeunload');
    assert.equal(agent.isClosed(), false, 'staying was the choice');

    await shop.close();
    await panel(agent).locator('.visitor-presence:not(.online)', { hasText: 'visitor away' }).waitFor();
    await agent.locator('.conversation-list li', { hasText: 'are you still there?' }).locator('.presence-dot:not(.online)').waitFor();
    let warned = false;
    agent.on('dialog', dialog => { warned = true; dialog.dismiss(); });
    const closed = new Promise(resolve => agent.once('close', resolve));
    await agent.close({ runBeforeUnload: true });
    await closed;
    assert.equal(warned, false, 'nobody is waiting any more');
}));

test("the agent's tab loses its connection, reconnects and misses nothing, showing nothing twice", chat(async open => {
    const { inbox, agents: [fay] } = await team(['Fay']);
    const page = await open(fay.name);
    // The agent socket goes through a switch: while "down" every connection attempt fails, as on a dead network.
    let down = false;
    const live = new Set();
    await page.routeWebSocket(/\/ws\/agent/, ws => {
        if (down) {
            ws.close({ code: 4002, reason: 'network down' });
            return;
        }
        ws.connectToServer();
        live.add(ws);
        ws.onClose(() => live.delete(ws));
    });
    await page.goto('agent.html');
    await page.getByLabel('E-mail').fill(fay.email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('#app').waitFor();
    await presence(fay, 'ONLINE');
    const { chat: widget } = await visitorOnShop(open, inbox);
    await say(widget, 'message 1');
    await accept(page);
    await timeline(page).locator('.entry.visitor', { hasText: 'message 1' }).waitFor();

    down = true;
    for (const ws of live) await ws.close({ code: 4002, reason: 'network down' });
    await page.locator('#connection', { hasText: 'Reconnecting' }).waitFor();
    for (const n of [2, 3, 4]) {
        await say(widget, `message ${n}`);
        await widget.locator('.entry.visitor', { hasText: `message ${n}` }).and(widget.locator('[data-seq]')).waitFor();
    }
    assert.equal(await timeline(page).locator('.entry.visitor').count(), 1, 'the tab was not disconnected');

    down = false;
    await timeline(page).locator('.entry.visitor', { hasText: 'message 4' }).waitFor({ timeout: 30_000 });
    const texts = await timeline(page).locator('.entry.visitor .text').allTextContents();
    assert.deepEqual(texts, ['message 1', 'message 2', 'message 3', 'message 4']);
    assert.equal(await page.locator('#connection').textContent(), '');
}));

test('an offline inbox shows its message and a contact form, promises no e-mail and no place in a queue; '
    + 'the agent finds the visitor by name', chat(async open => {
    const { inbox, agents: [gus] } = await team(['Gus'], { offlineMessage: 'We are back at 9.' });
    const page = await open('visitor');
    // What the server tells the panel, to know that a queue place was sent and not shown.
    const frames = [];
    page.on('websocket', socket => socket.on('framereceived', frame => {
        try { frames.push(JSON.parse(frame.payload)); } catch { /* not a frame of ours */ }
    }));
    await page.goto(`visitor.html?inbox=${encodeURIComponent(inbox.name)}`);
    await page.locator('#offline-message', { hasText: 'We are back at 9.' }).waitFor();
    assert.equal(await page.locator('#composer').isVisible(), false);
    const form = page.locator('#contact');
    // This installation sends no e-mail: the address is optional, and no answer by e-mail is promised.
    await form.getByLabel('E-mail (optional)').waitFor();
    await form.getByLabel('Name').fill('Olga Offline');
    await form.getByLabel('E-mail').fill('olga@example.com');
    await form.getByLabel('Message').fill('Please call me back');
    await form.getByRole('button', { name: 'Send' }).click();
    const done = page.locator('#contact-done');
    await done.waitFor();
    assert.doesNotMatch(await done.textContent(), /e-mail/i);
    assert.match(await done.textContent(), /answer comes here, in this chat/);
    for (const deadline = Date.now() + 10_000; !frames.some(f => f.type === 'queue.position');) {
        assert.ok(Date.now() < deadline, 'the server sent the waiting visitor a queue place');
        await new Promise(resolve => setTimeout(resolve, 100));
    }
    assert.equal(await page.locator('#queue').isVisible(), false, 'nobody is online: no place in a queue shown');

    const agent = await agentConsole(open, gus);
    const line = agent.locator('.conversation-list li', { hasText: 'Please call me back' });
    await line.waitFor();
    await line.click();
    await panel(agent).locator('.who', { hasText: 'olga@example.com' }).waitFor();
    await timeline(agent).locator('.entry.visitor', { hasText: 'Please call me back' }).waitFor();
}));

test('only the allowed sites may frame the chat panel', { skip: !process.env.SWITCHBOARD_ALLOWED_ORIGINS && 'SWITCHBOARD_ALLOWED_ORIGINS not given' },
    async () => {
        const response = await fetch(new URL('visitor.html?inbox=support', APP));
        const policy = response.headers.get('content-security-policy');
        const allowed = process.env.SWITCHBOARD_ALLOWED_ORIGINS.split(',').map(origin => origin.trim());
        const framing = policy.split(';').map(directive => directive.trim())
            .find(directive => directive.startsWith('frame-ancestors'));
        assert.equal(framing, `frame-ancestors 'self' ${allowed.join(' ')}`);
        assert.match(policy, /object-src 'none'/, 'the rest of the page policy holds too');
    });
