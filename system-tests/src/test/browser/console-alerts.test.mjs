// What an agent must notice, in the console in a real headless Chromium: a chat assigned to them directly, a new
// message in a chat that is not on screen and a chat that opened again each raise a toast and ring (as the sound
// setting says), and the list follows the agent socket's events; a reply past its deadline is marked overdue in
// the list and the open conversation, alerts the holder and a supervisor once, and shows on the live dashboard.
// Toasts never cover the Send button. Run by ConsoleAlertsBrowserIT, which passes the address and admin account.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { env } from './browser.mjs';
import { presence, signIn, team } from './team.mjs';
import { accept, adminConsole, agentConsole, panel, reply, say, timeline, toast, useChat, visitorOnShop,
    waitUntil } from './chat-pages.mjs';

const chat = useChat();

async function api(token, method, path, body) {
    const response = await fetch(new URL(`api/agent/${path}`, env('SWITCHBOARD_URL')), {
        method, headers: { Authorization: `Bearer ${token}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    assert.ok(response.ok, `${method} ${path}: ${response.status} ${text}`);
    return text ? JSON.parse(text) : null;
}

// The console's sound, heard: every tone it starts is counted in window.switchboardRings (headless Chromium has
// no audio device to listen to).
function countRings() {
    window.switchboardRings = 0;
    window.AudioContext = class {
        currentTime = 0;
        destination = {};
        createOscillator() {
            return { frequency: {}, connect: next => next, start: () => window.switchboardRings++, stop() {} };
        }
        createGain() {
            return { gain: { setValueAtTime() {}, exponentialRampToValueAtTime() {} }, connect: next => next };
        }
    };
}

/** `open` whose pages count their rings and keep the agent socket's frames (types) in `frames`. */
function listening(open, frames) {
    return async name => {
        const page = await open(name);
        await page.addInitScript(countRings);
        page.on('websocket', socket => {
            if (!socket.url().includes('/ws/agent')) return;
            socket.on('framereceived', frame => {
                try {
                    frames.push(JSON.parse(frame.payload));
                } catch {
                    // not JSON: nothing the console acts on
                }
            });
        });
        return page;
    };
}

const rings = page => page.evaluate(() => window.switchboardRings);
const line = (page, text) => page.locator('#conversations li', { hasText: text });

function overlaps(a, b) {
    return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** No toast shown covers the Send button of the open conversation. */
async function sendUncovered(page) {
    const send = await panel(page).getByRole('button', { name: 'Send', exact: true }).boundingBox();
    assert.ok(send, 'the Send button is shown');
    for (const box of await page.locator('.toast').evaluateAll(nodes => nodes.map(node => {
        const { x, y, width, height } = node.getBoundingClientRect();
        return { x, y, width, height };
    }))) {
        assert.ok(!overlaps(box, send), `a toast ${JSON.stringify(box)} covers Send ${JSON.stringify(send)}`);
    }
}

test('a direct assignment, a message off screen and a reopened chat each raise a toast; the list follows the socket',
    chat(async open => {
        const { inbox, agents: [ann] } = await team(['Ann'], { assignmentMode: 'MANUAL' });
        const admin = await signIn(env('SWITCHBOARD_ADMIN_EMAIL'), env('SWITCHBOARD_ADMIN_PASSWORD'));
        const frames = [];
        const anns = await agentConsole(listening(open, frames), ann);
        const { chat: widget } = await visitorOnShop(open, inbox);
        await say(widget, 'where is my parcel');
        let conversation;
        await waitUntil(async () => {
            conversation = (await api(admin, 'GET', `conversations?inbox=${inbox.id}`)).items[0];
            return conversation;
        });

        // A supervisor (here the admin) assigns it to Ann: a toast and a ring, not only a line in the list.
        const before = await rings(anns);
        await api(admin, 'POST', `conversations/${conversation.id}/routing/assignment`, { agentId: ann.agentId });
        await toast(anns, 'Chat assigned to you').locator('p', { hasText: 'where is my parcel' }).waitFor();
        assert.ok(await rings(anns) > before, 'the assignment rang');
        await line(anns, 'where is my parcel').locator('.assignee', { hasText: ann.name }).waitFor();

        // Ann looks at it, then closes its tab: the visitor's next message is off screen and raises a toast.
        await toast(anns, 'Chat assigned to you').getByRole('button', { name: 'Open' }).click();
        await timeline(anns).locator('.entry.visitor', { hasText: 'where is my parcel' }).waitFor();
        assert.equal(await toast(anns, 'Chat assigned to you').count(), 0, 'opening it took its toast away');
        await anns.locator('.tab', { hasText: conversation.visitorLabel }).getByRole('button', { name: 'Close tab' })
            .click();
        await anns.locator('#nothing-open').waitFor();
        const beforeMessage = await rings(anns);
        await say(widget, 'hello? anyone?');
        await toast(anns, 'New message').locator('p', { hasText: 'hello? anyone?' }).waitFor();
        assert.ok(await rings(anns) > beforeMessage, 'the message rang');
        await line(anns, 'hello? anyone?').waitFor();

        // Closed elsewhere (here over the API): the list shows it at once, from the socket's conversation.status.
        await api(ann.token, 'POST', `conversations/${conversation.id}/workspace/close`);
        await line(anns, 'hello? anyone?').locator('.status', { hasText: 'closed' }).waitFor();
        assert.ok(frames.some(f => f.type === 'conversation.status' && f.conversationId === conversation.id
            && f.status === 'CLOSED'), 'the socket announced the close');

        // Sound off: the visitor writes again, the chat reopens with a toast and no ring.
        await anns.getByLabel('Sound').uncheck();
        const silent = await rings(anns);
        await say(widget, 'one more thing');
        await toast(anns, 'Chat reopened').waitFor();
        await line(anns, 'one more thing').locator('.status', { hasText: 'assigned' }).waitFor();
        assert.equal(await rings(anns), silent, 'no sound while it is switched off');
        assert.equal(await toast(anns, 'New message').locator('p', { hasText: 'one more thing' }).count(), 0,
            'the reopening message raised no second toast');
        await toast(anns, 'Chat reopened').getByRole('button', { name: 'Open' }).click();
        await timeline(anns).locator('.entry.visitor', { hasText: 'one more thing' }).waitFor();
        assert.equal(await anns.locator('.toast').count(), 0, 'opening the chat took its toasts away');
    }));

test('a reply past its deadline is overdue in the list and the open chat, alerts holder and supervisor once, and '
    + 'shows on the live dashboard', chat(async open => {
    const { inbox, agents: [bo, sue] } = await team(['Bo', 'Sue'],
        { replyTimeLimitSeconds: 3, roles: { Sue: ['SUPERVISOR'] } });
    const frames = [];
    const sues = await agentConsole(listening(open, frames), sue);
    await presence(sue, 'AWAY');     // the chat goes to Bo
    const bos = await agentConsole(listening(open, []), bo);
    const { chat: widget } = await visitorOnShop(open, inbox);
    await say(widget, 'my invoice is wrong');
    await accept(bos);
    await timeline(bos).locator('.entry.visitor', { hasText: 'my invoice is wrong' }).waitFor();

    // Bo does not answer in time: his toast, his list and his open chat say so; Sue, a supervisor, hears it too.
    const alert = toast(bos, 'Reply overdue');
    await alert.waitFor();
    await line(bos, 'my invoice is wrong').locator('.overdue-mark').waitFor();
    await panel(bos).locator('.overdue-note', { hasText: 'Reply overdue' }).waitFor();
    await sendUncovered(bos);
    await toast(sues, 'Reply overdue').waitFor();
    await line(sues, 'my invoice is wrong').locator('.overdue-mark').waitFor();
    assert.ok(await rings(sues) > 0, "the supervisor's console rang");
    // Once: the server announced it once, whatever the sweeps since.
    const announced = () => frames.filter(f => f.type === 'conversation.overdue').length;
    assert.equal(announced(), 1);

    // The live dashboard counts it in its inbox.
    const board = await adminConsole(open, 'admin/dashboard/index.xhtml');
    const queue = board.locator('#board\\:queues tr', { hasText: inbox.name });
    await queue.locator('.overdue', { hasText: '1' }).waitFor();

    // Bo answers: the marks and his alert go.
    await reply(bos, 'Sorry for the wait, checking your invoice now.');
    await widget.locator('.entry.agent', { hasText: 'Sorry for the wait' }).waitFor();
    await panel(bos).locator('.overdue-note').waitFor({ state: 'detached' });
    await line(bos, 'Sorry for the wait').waitFor();
    await waitUntil(async () => await line(bos, 'Sorry for the wait').locator('.overdue-mark').count() === 0);
    await alert.waitFor({ state: 'detached' });
    assert.equal(announced(), 1, 'announced once');
}));
