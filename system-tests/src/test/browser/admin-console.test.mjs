// The admin console (Jakarta Faces) as admins and supervisors use it, in a real headless Chromium.
// Run by AdminConsoleBrowserIT, which starts the product and passes the accounts in environment variables.
// Each test makes the data it needs under names of its own, so the tests do not depend on one another.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { downloaded, env, useBrowser } from './browser.mjs';

const journey = useBrowser();
const ADMIN = { email: env('SWITCHBOARD_ADMIN_EMAIL'), password: env('SWITCHBOARD_ADMIN_PASSWORD') };
const PASSWORD = 'browser-journey-secret';
const unique = name => `${name}-${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;

async function signIn(page, { email, password }, path = 'admin/') {
    await page.goto(path);
    await page.getByLabel('E-mail address').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Creates an inbox through the wizard with the defaults but for the assignment mode; returns its name. */
async function createInbox(page, { mode = 'AUTO', name = unique('inbox') } = {}) {
    await page.goto('admin/inboxes/new.xhtml');
    await page.getByLabel('Name', { exact: true }).fill(name);
    await page.getByRole('button', { name: 'Next' }).click();
    await page.locator(`input[type=radio][value=${mode}]`).check();
    for (const step of ['Next', 'Next']) {
        await page.getByRole('button', { name: step }).click();
    }
    await page.getByRole('button', { name: 'Create inbox' }).click();
    await page.locator('#messages').getByText(`Inbox ${name} created.`).waitFor();
    return name;
}

/**
 * A visitor writes to the inbox through the product's visitor socket, opened by the browser itself; resolves with
 * the first frame that answers the message (message.accepted or error).
 */
async function visitorWrites(page, inbox, text) {
    return page.evaluate(async ({ inbox, text }) => {
        const base = location.href.replace(/\/admin\/.*$/, '').replace(/^http/, 'ws');
        const socket = new WebSocket(`${base}/ws/visitor?inbox=${encodeURIComponent(inbox)}`);
        return new Promise((resolve, reject) => {
            const timer = setTimeout(() => reject(new Error('the visitor socket did not answer')), 10_000);
            socket.onmessage = event => {
                const frame = JSON.parse(event.data);
                if (frame.type === 'welcome') {
                    socket.send(JSON.stringify({ type: 'message.send', text }));
                } else if (frame.type === 'message.accepted' || frame.type === 'error') {
                    clearTimeout(timer);
                    socket.close();
                    resolve(frame);
                }
            };
            socket.onerror = () => reject(new Error('the visitor socket failed'));
        });
    }, { inbox, text });
}

/** The agent signs in to the agent API and goes online (as their console would), from the browser. */
async function goOnline(page, email) {
    const status = await page.evaluate(async ({ email, password }) => {
        const base = location.href.replace(/\/admin\/.*$/, '');
        const session = await fetch(`${base}/api/agent/sessions`, { method: 'POST',
            body: new URLSearchParams({ email, password }) });
        const { token } = await session.json();
        const presence = await fetch(`${base}/api/agent/me/presence`, { method: 'PUT',
            headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
            body: JSON.stringify({ presence: 'ONLINE' }) });
        return presence.status;
    }, { email, password: PASSWORD });
    assert.ok(status < 300, `going online answered ${status}`);
}

/**
 * The agent signs in to the agent API and sends these frames on the agent socket, one after the answer to the
 * other (as their console would), from the browser; resolves with the answers (message.accepted or error).
 */
async function agentSends(page, email, frames) {
    return page.evaluate(async ({ email, password, frames }) => {
        const base = location.href.replace(/\/admin\/.*$/, '');
        const session = await fetch(`${base}/api/agent/sessions`, { method: 'POST',
            body: new URLSearchParams({ email, password }) });
        const { token } = await session.json();
        const socket = new WebSocket(`${base.replace(/^http/, 'ws')}/ws/agent?token=${encodeURIComponent(token)}`,
            'switchboard.v1');
        return new Promise((resolve, reject) => {
            const answers = [];
            const timer = setTimeout(() => reject(new Error('the agent socket did not answer')), 10_000);
            socket.onmessage = event => {
                const frame = JSON.parse(event.data);
                if (frame.type === 'message.accepted' || frame.type === 'error') {
                    answers.push(frame);
                }
                if (frame.type === 'welcome' || frame.type === 'message.accepted' || frame.type === 'error') {
                    if (answers.length < frames.length) {
                        socket.send(JSON.stringify(frames[answers.length]));
                    } else {
                        clearTimeout(timer);
                        socket.close();
                        resolve(answers);
                    }
                }
            };
            socket.onerror = () => reject(new Error('the agent socket failed'));
        });
    }, { email, password: PASSWORD, frames });
}

/** Clicks the button and waits for the download it starts. */
async function download(page, button) {
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', button).click()]);
    return file;
}

/** Chooses the option of a select whose text contains the text. */
async function chooseOption(select, text) {
    await select.selectOption(await select.locator('option', { hasText: text }).getAttribute('value'));
}

/** Lets the next submission through the browser's own checks (min, max, type), so the server's are tested. */
async function skipBrowserChecks(page) {
    await page.evaluate(() => document.querySelectorAll('form').forEach(form => { form.noValidate = true; }));
}

async function signInAsAdmin(page, path) {
    await signIn(page, ADMIN, path);
    await page.locator('#signed-in-as').waitFor();
}

/** Creates an agent account through the console (signed in as someone who may) and returns its e-mail. */
async function createAgent(page, { name, roles, inbox, capacity }) {
    const email = `${unique(name.toLowerCase().replace(/\W+/g, '.'))}@example.com`;
    await page.goto('admin/agents/new.xhtml');
    await page.getByLabel('Name', { exact: true }).fill(name);
    await page.getByLabel('E-mail address').fill(email);
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    for (const role of ['ADMIN', 'SUPERVISOR', 'AGENT']) {
        const box = page.getByRole('checkbox', { name: role, exact: true });
        if (await box.count()) {
            await box.setChecked(roles.includes(role));
        }
    }
    if (inbox) {
        await page.getByLabel('Inbox', { exact: true }).selectOption({ label: inbox });
        await page.getByLabel('Capacity in that inbox').fill(String(capacity));
    }
    await page.getByRole('button', { name: 'Create agent' }).click();
    await assert.doesNotReject(page.locator('#messages').getByText(`${name} can sign in now.`).waitFor());
    return email;
}

test('signing in: wrong password refused, then the console; signing out ends the session', journey(async page => {
    await signIn(page, { ...ADMIN, password: 'not-the-password' }, 'admin/inboxes/index.xhtml');
    await page.getByText('Unknown e-mail address or wrong password.').waitFor();
    assert.equal(await page.getByRole('link', { name: 'Forgot password?' }).count(), 0,
        'this installation sends no e-mail: no reset by e-mail is offered');

    await page.getByLabel('E-mail address').fill(ADMIN.email);
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Inboxes' }).waitFor();
    assert.match(page.url(), /admin\/inboxes\/index\.xhtml$/, 'back on the page asked for');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await page.goto('admin/inboxes/index.xhtml');
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
}));

test('an inbox created through the wizard, checked at each step', journey(async page => {
    await signInAsAdmin(page, 'admin/inboxes/new.xhtml');
    const name = unique('wizard');

    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByText('An inbox name has 1 to 100 characters.').waitFor();
    await page.getByLabel('Name', { exact: true }).fill(name);
    await page.getByRole('button', { name: 'Next' }).click();

    await page.getByLabel('Manual: a supervisor assigns each conversation').check();
    await page.getByLabel('Reassignment timeout (seconds)').fill('2');
    await skipBrowserChecks(page);
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByText('The reassignment timeout is a whole number of seconds from 5 to 3600.').waitFor();
    await page.getByLabel('Reassignment timeout (seconds)').fill('45');
    await page.getByRole('button', { name: 'Next' }).click();

    await page.getByLabel('Act when the visitor stays silent').check();
    await page.getByLabel('After how many minutes of silence').fill('432001');
    await page.getByLabel('Then').selectOption('SEND_MESSAGE_AND_CLOSE');
    await skipBrowserChecks(page);
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByText('Inactivity must be between 1 and 432000 minutes.').waitFor();
    await page.getByLabel('After how many minutes of silence').fill('20');
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByText('The inactivity action sends a message: write it').waitFor();
    await page.getByLabel('Message (at most 200 characters)').fill('Are you still there?');
    await page.getByRole('button', { name: 'Next' }).click();

    await page.getByLabel('Offline message').fill('We are back at 9.');
    await page.getByLabel('Reply time limit (minutes)').fill('15');
    await page.getByLabel('PDF').uncheck();
    await page.getByRole('button', { name: 'Create inbox' }).click();

    await page.locator('#messages').getByText(`Inbox ${name} created.`).waitFor();
    assert.match(await page.locator('#snippet').textContent(), new RegExp(`data-inbox="${name}"`));
    assert.equal(await page.getByLabel('Manual: a supervisor assigns each conversation').isChecked(), true);
    assert.equal(await page.getByLabel('Reassignment timeout (seconds)').inputValue(), '45');
    assert.equal(await page.getByLabel('After how many minutes of silence').inputValue(), '20');
    assert.equal(await page.getByLabel('Message (at most 200 characters)').inputValue(), 'Are you still there?');
    assert.equal(await page.getByLabel('Offline message').inputValue(), 'We are back at 9.');
    assert.equal(await page.getByLabel('PDF').isChecked(), false);
    assert.equal(await page.getByLabel('PNG').isChecked(), true);

    await page.getByRole('button', { name: 'Switch the widget off' }).click();
    await page.locator('#messages').getByText('The widget is off').waitFor();
    await page.getByRole('button', { name: 'Switch the widget on again' }).click();
    await page.locator('#messages').getByText('The widget is on again').waitFor();

    await page.goto('admin/inboxes/index.xhtml');
    const row = page.locator('#inboxes tr', { hasText: name });
    await row.waitFor();
    assert.match(await row.textContent(), /MANUAL/);

    await row.getByRole('link', { name }).click();
    await page.getByRole('link', { name: 'Delete this inbox…' }).click();
    await page.getByText('Its widget is deactivated for good').waitFor();
    await page.getByRole('button', { name: 'Delete for good' }).click();
    await page.locator('#messages').getByText(`Inbox ${name} deleted`).waitFor();
    assert.equal(await page.locator('#inboxes tr', { hasText: name }).count(), 0);
}));

test('renaming an inbox warns, before saving, that every site embedding the old name stops working', journey(async page => {
    await signInAsAdmin(page, 'admin/inboxes/new.xhtml');
    const name = await createInbox(page);
    const renamed = unique('renamed');
    const snippet = () => page.locator('#snippet').textContent();

    await page.getByLabel('Name', { exact: true }).fill(renamed);
    await page.getByRole('button', { name: 'Save settings' }).click();
    const warning = page.locator('#inbox\\:confirm-rename');
    await warning.waitFor();
    assert.match(await warning.textContent(),
        new RegExp(`data-inbox="${name}".*stops working.*data-inbox="${renamed}"`, 's'));
    assert.match(await snippet(), new RegExp(`data-inbox="${name}"`), 'renamed before the admin confirmed');
    await page.getByRole('button', { name: `Keep the name ${name}` }).click();
    await warning.waitFor({ state: 'detached' });
    assert.equal(await page.getByLabel('Name', { exact: true }).inputValue(), name);

    // Other settings save without a word about embedding.
    await page.getByLabel('Offline message').fill('Back soon.');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.locator('#messages').getByText('Saved.', { exact: true }).waitFor();
    assert.equal(await warning.count(), 0);

    await page.getByLabel('Name', { exact: true }).fill(renamed);
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByRole('button', { name: `Rename to ${renamed} and save` }).click();
    await page.locator('#messages').getByText(`Sites that embed the widget must now name the inbox ${renamed}.`).waitFor();
    assert.match(await snippet(), new RegExp(`data-inbox="${renamed}"`));
    assert.equal(await page.getByLabel('Offline message').inputValue(), 'Back soon.');
}));

test('an agent added with a capacity, then a waiting conversation assigned by hand from the live dashboard',
    journey(async page => {
        await signInAsAdmin(page, 'admin/agents/new.xhtml');
        const inbox = await createInbox(page, { mode: 'MANUAL' });

        await page.goto('admin/agents/new.xhtml');
        await page.getByLabel('Name', { exact: true }).fill('Ada');
        await page.getByLabel('E-mail address').fill('not-an-address');
        await page.getByLabel('Password', { exact: true }).fill('short');
        await skipBrowserChecks(page);
        await page.getByRole('button', { name: 'Create agent' }).click();
        await page.getByText("'not-an-address' is not an e-mail address.").waitFor();

        const name = unique('Ada');
        const email = await createAgent(page, { name, roles: ['AGENT'], inbox, capacity: 1 });
        assert.equal(await page.getByLabel(`Capacity in ${inbox}`, { exact: true }).inputValue(), '1');
        await page.goto('admin/agents/index.xhtml');
        await page.locator('#agents tr', { hasText: name }).waitFor();

        await page.goto('admin/dashboard/index.xhtml');
        await goOnline(page, email);
        const accepted = await visitorWrites(page, inbox, 'Hello, is anybody there?');
        assert.equal(accepted.type, 'message.accepted', JSON.stringify(accepted));
        const queue = page.locator('#board\\:queues tr', { hasText: inbox });
        await queue.locator('.waiting', { hasText: '1' }).waitFor({ timeout: 20_000 });
        await page.getByRole('link', { name: `Waiting in ${inbox}`, exact: true }).click();
        const waiting = page.locator('#board\\:waiting tr', { hasText: inbox });
        await waiting.waitFor();

        await waiting.getByRole('button', { name: /^Assign conversation/ }).click();
        await chooseOption(page.getByLabel('Agent'), name);
        await page.getByRole('button', { name: 'Assign', exact: true }).click();
        await page.locator('#messages').getByText(new RegExp(`is now with ${name}\\.`)).waitFor();
        await queue.locator('.waiting', { hasText: '0' }).waitFor();
        assert.match(await page.locator('#board\\:agents tr', { hasText: name }).textContent(), /ONLINE.*1 \/ 1/s);

        // The agent's only place is taken: a second conversation needs the override, and then says so.
        assert.equal((await visitorWrites(page, inbox, 'Me too!')).type, 'message.accepted');
        await page.reload();
        await page.locator('#board\\:waiting tr', { hasText: inbox })
            .getByRole('button', { name: /^Assign conversation/ }).click();
        await chooseOption(page.getByLabel('Agent'), name);
        await page.getByRole('button', { name: 'Assign', exact: true }).click();
        await page.getByText('confirm to assign over their capacity').waitFor();
        await page.getByLabel('Assign over their capacity anyway').check();
        await page.getByRole('button', { name: 'Assign', exact: true }).click();
        await page.locator('#messages').getByText('is now over capacity').waitFor();
    }));

test('a visitor blocked by number cannot write until the block is lifted; a network block too', journey(async page => {
    await signInAsAdmin(page, 'admin/dashboard/index.xhtml');
    const inbox = await createInbox(page, { mode: 'MANUAL' });
    await page.goto('admin/dashboard/index.xhtml');
    assert.equal((await visitorWrites(page, inbox, 'I will be rude')).type, 'message.accepted');
    await page.getByRole('link', { name: `Waiting in ${inbox}`, exact: true }).click();
    const visitor = (await page.locator('#board\\:waiting tr', { hasText: inbox }).locator('td').nth(1)
        .textContent()).trim();
    const number = visitor.match(/^Visitor (\d+)$/)?.[1];
    assert.ok(number, `an anonymous visitor is shown by number, not "${visitor}"`);

    await page.goto('admin/blocks/index.xhtml');
    await page.getByLabel('A visitor (by number)').check();
    await page.getByLabel('Address, network or visitor number').fill(number);
    await page.getByRole('button', { name: 'Block', exact: true }).click();
    await page.locator('#block\\:reason ~ .field-error', { hasText: 'Say why' }).waitFor();

    await page.getByLabel('A visitor (by number)').check();
    await page.getByLabel('Address, network or visitor number').fill(number);
    await page.getByLabel('Reason').fill('abusive language');
    await page.getByLabel('For how many minutes').fill('60');
    await page.getByRole('button', { name: 'Block', exact: true }).click();
    await page.locator('#messages').getByText(`Blocked visitor ${number} until`).waitFor();
    const row = page.locator('#list\\:blocks tr', { hasText: `visitor ${number}` });
    assert.match(await row.textContent(), /abusive language/);

    await row.getByRole('button', { name: `Lift the block of visitor ${number}` }).click();
    await page.locator('#messages').getByText(`Lifted the block of visitor ${number}.`).waitFor();
    assert.equal(await page.locator('#list\\:blocks tr', { hasText: `visitor ${number}` }).count(), 0);

    await page.getByLabel('An address or network (CIDR)').check();
    await page.getByLabel('Address, network or visitor number').fill('300.1.2.3/8');
    await page.getByLabel('Reason').fill('spam wave');
    await page.getByRole('button', { name: 'Block', exact: true }).click();
    await page.locator('#block\\:target ~ .field-error').waitFor();
    await page.getByLabel('Address, network or visitor number').fill('127.0.0.1');
    await page.getByRole('button', { name: 'Block', exact: true }).click();
    await page.locator('#messages').getByText('Blocked 127.0.0.1/32 for good.').waitFor();
    const refused = await visitorWrites(page, inbox, 'still here?');
    assert.equal(refused.code, 'visitor.blocked', JSON.stringify(refused));
    await page.locator('#list\\:blocks tr', { hasText: '127.0.0.1/32' })
        .getByRole('button', { name: /^Lift/ }).click();
    await page.locator('#messages').getByText('Lifted the block of 127.0.0.1/32.').waitFor();
    assert.equal((await visitorWrites(page, inbox, 'back again')).type, 'message.accepted');
}));

test('an agent cannot open admin pages: they land on the agent console', journey(async page => {
    await signInAsAdmin(page, 'admin/agents/new.xhtml');
    const email = await createAgent(page, { name: unique('Agent'), roles: ['AGENT'] });
    await page.getByRole('button', { name: 'Sign out' }).click();

    await signIn(page, { email, password: PASSWORD }, 'admin/inboxes/index.xhtml');
    await page.waitForURL(/\/agent\.html$/);
    const response = await page.goto('admin/agents/index.xhtml');
    assert.match(page.url(), /\/agent\.html$/);
    assert.equal(response.status(), 200);
    assert.equal(await page.locator('#signed-in-as').count(), 0);
}));

test('a supervisor manages agents but not admins', journey(async page => {
    await signInAsAdmin(page, 'admin/agents/new.xhtml');
    const supervisor = await createAgent(page, { name: unique('Sue'), roles: ['SUPERVISOR', 'AGENT'] });
    const adminName = unique('Root');
    await createAgent(page, { name: adminName, roles: ['ADMIN'] });
    await page.getByRole('button', { name: 'Sign out' }).click();

    await signIn(page, { email: supervisor, password: PASSWORD }, 'admin/agents/new.xhtml');
    await page.getByRole('heading', { name: 'New agent' }).waitFor();
    assert.equal(await page.getByRole('checkbox', { name: 'ADMIN', exact: true }).count(), 0,
        'a supervisor is not offered the admin role');
    const agentName = unique('Bob');
    await createAgent(page, { name: agentName, roles: ['AGENT'] });
    await page.getByLabel('New password').fill('another-long-secret');
    await page.getByRole('button', { name: 'Set new password' }).click();
    await page.locator('#messages').getByText('New password set').waitFor();

    await page.goto('admin/agents/index.xhtml');
    await page.locator('#agents tr', { hasText: adminName }).getByRole('link', { name: adminName }).click();
    await page.locator('#read-only').waitFor();
    assert.equal(await page.getByRole('button', { name: 'Set new password' }).count(), 0);
    assert.equal(await page.getByRole('button', { name: /^Deactivate/ }).count(), 0);

    // Signing out elsewhere (the agent console's button, here its API call) ends this console session too.
    const sessions = new URL('api/agent/sessions', env('SWITCHBOARD_URL'));
    const token = (await (await fetch(sessions, { method: 'POST',
        body: new URLSearchParams({ email: supervisor, password: PASSWORD }) })).json()).token;
    assert.equal((await fetch(sessions, { method: 'DELETE', headers: { Authorization: `Bearer ${token}` } })).status,
        204);
    await page.goto('admin/agents/index.xhtml');
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
}));

test('conversations: searched by inbox, transcript and routing in plain words, archived, deleted after confirming',
    journey(async page => {
        await signInAsAdmin(page, 'admin/dashboard/index.xhtml');
        const inbox = await createInbox(page, { mode: 'MANUAL' });
        await page.goto('admin/dashboard/index.xhtml');
        assert.equal((await visitorWrites(page, inbox, 'Where is my parcel?')).type, 'message.accepted');

        await page.goto('admin/conversations/index.xhtml');
        await chooseOption(page.getByLabel('Inbox'), inbox);
        await page.getByRole('button', { name: 'Search' }).click();
        await page.getByText('1 found.').waitFor();
        assert.match(page.url(), /[?&]inbox=\d+/, 'the search is in the address');
        const row = page.locator('#results\\:list tr', { hasText: inbox });
        assert.match(await row.textContent(), /WAITING.*Where is my parcel\?/s);

        await row.getByRole('link', { name: /^#\d+$/ }).click();
        await page.locator('#transcript', { hasText: 'Where is my parcel?' }).waitFor();
        assert.match(await page.locator('#decisions').textContent(), /Waiting for a supervisor to assign it/);
        await page.getByRole('button', { name: 'Archive' }).click();
        await page.locator('#messages').getByText('Archived.').waitFor();
        assert.match(await page.locator('#summary').textContent(), /ARCHIVED/);

        await page.goto('admin/conversations/index.xhtml');
        await chooseOption(page.getByLabel('Inbox'), inbox);
        await page.getByLabel('Status').selectOption('ARCHIVED');
        await page.getByRole('button', { name: 'Search' }).click();
        await page.getByText('1 found.').waitFor();
        await page.getByRole('checkbox', { name: /^Select conversation/ }).check();
        await page.getByRole('button', { name: 'Delete selected…' }).click();
        await page.getByText('Delete 1 conversation(s) for everyone?').waitFor();
        await page.getByRole('button', { name: 'Delete for everyone' }).click();
        await page.locator('#messages').getByText('1 conversation deleted for everyone.').waitFor();
        await page.getByText('0 found.').waitFor();
    }));

test('transcripts and exports: the whole record with its private note, the list as CSV and ZIP; a supervisor of '
    + 'another inbox is refused', journey(async page => {
    await signInAsAdmin(page, 'admin/dashboard/index.xhtml');
    const inbox = await createInbox(page, { mode: 'MANUAL', name: unique('=HYPERLINK("http://evil.example")') });
    const ada = unique('Ada');
    const adaEmail = await createAgent(page, { name: ada, roles: ['AGENT'], inbox, capacity: 2 });
    const outsider = await createAgent(page, { name: unique('Sam'), roles: ['SUPERVISOR', 'AGENT'] });
    await page.goto('admin/dashboard/index.xhtml');
    await goOnline(page, adaEmail);
    const accepted = await visitorWrites(page, inbox, 'Is <b>this</b> in stock?');
    assert.equal(accepted.type, 'message.accepted', JSON.stringify(accepted));
    const id = accepted.conversationId;
    await page.goto(`admin/conversations/view.xhtml?id=${id}`);
    await chooseOption(page.getByLabel('Assign to'), ada);
    await page.getByRole('button', { name: 'Assign', exact: true }).click();
    await page.locator('#messages').getByText(`Assigned to ${ada}.`).waitFor();
    const answers = await agentSends(page, adaEmail, [
        { type: 'message.send', conversationId: id, text: 'Yes, two left.' },
        { type: 'note.send', conversationId: id, text: 'secret: VIP customer' }]);
    assert.deepEqual(answers.map(answer => answer.type), ['message.accepted', 'message.accepted'],
        JSON.stringify(answers));

    // The conversation's page: its whole transcript, as a printable page and as a PDF.
    await page.reload();
    const page1 = await download(page, { name: 'Download transcript (HTML)' });
    assert.equal(page1.suggestedFilename(), `conversation-${id}-transcript.html`);
    const html = (await downloaded(page1)).toString('utf8');
    assert.match(html, /Is &lt;b&gt;this&lt;\/b&gt; in stock\?/, 'the visitor\'s text stays text');
    assert.match(html, /Yes, two left\./);
    assert.match(html, /<li class="entry note private"[^>]*>.*Private note · never shown to the visitor.*secret: VIP customer/s);
    assert.ok(html.includes(`Assigned to ${ada}`), 'the routing step, with the agent\'s name');
    const pdf = await download(page, { name: 'Download transcript (PDF)' });
    assert.equal(pdf.suggestedFilename(), `conversation-${id}-transcript.pdf`);
    assert.equal((await downloaded(pdf)).subarray(0, 5).toString('latin1'), '%PDF-');

    // The list's exports: the conversations the search found, as a CSV that runs nothing and as a ZIP.
    await page.goto('admin/conversations/index.xhtml');
    await chooseOption(page.getByLabel('Inbox'), inbox);
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByText('1 found.').waitFor();
    const csvFile = await download(page, { name: 'Export CSV' });
    assert.match(csvFile.suggestedFilename(), /^switchboard-conversations-\d{8}-\d{6}\.csv$/);
    const lines = (await downloaded(csvFile)).toString('utf8').split('\r\n');
    assert.match(lines[0], /^"Conversation","Inbox","Channel","Customer",/);
    assert.ok(lines[1].startsWith(`${id},"'${inbox.replaceAll('"', '""')}","WIDGET",`),
        `the inbox's name is text, not a formula: ${lines[1]}`);
    assert.match(lines[1], new RegExp(`,1,1,1,,,,""$`), 'a message of each kind, not rated, no tags');
    assert.equal(lines.length, 3, 'one line and the final line break');
    const zipFile = await download(page, { name: 'Export transcripts (ZIP of HTML)' });
    assert.match(zipFile.suggestedFilename(), /^switchboard-transcripts-\d{8}-\d{6}\.zip$/);
    const zip = await downloaded(zipFile);
    assert.equal(zip.subarray(0, 2).toString('latin1'), 'PK');
    for (const name of ['conversations.csv', `conversation-${id}-transcript.html`]) {
        assert.ok(zip.includes(Buffer.from(name)), `the zip holds ${name}`);
    }

    // A supervisor of other inboxes sees the conversation in the console, but takes no copy of it away.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signIn(page, { email: outsider, password: PASSWORD }, `admin/conversations/view.xhtml?id=${id}`);
    await page.locator('#transcript', { hasText: 'secret: VIP customer' }).waitFor();
    await page.getByRole('button', { name: 'Download transcript (HTML)' }).click();
    await page.locator('#messages').getByText('Supervisors take transcripts of their own inboxes only').waitFor();
    await page.goto('admin/conversations/index.xhtml');
    await chooseOption(page.getByLabel('Inbox'), inbox);
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByText('1 found.').waitFor();
    await page.getByRole('button', { name: 'Export CSV' }).click();
    await page.locator('#messages').getByText('Supervisors take transcripts of their own inboxes only').waitFor();
}));

test('a closed conversation handed on from its page stays closed, and the notice says so', journey(async page => {
    await signInAsAdmin(page, 'admin/dashboard/index.xhtml');
    const inbox = await createInbox(page, { mode: 'MANUAL' });
    const ada = unique('Ada');
    const bob = unique('Bob');
    const adaEmail = await createAgent(page, { name: ada, roles: ['AGENT'], inbox, capacity: 2 });
    await createAgent(page, { name: bob, roles: ['AGENT'], inbox, capacity: 2 });
    await page.goto('admin/dashboard/index.xhtml');
    await goOnline(page, adaEmail);
    const accepted = await visitorWrites(page, inbox, 'Thanks, that was all.');
    assert.equal(accepted.type, 'message.accepted', JSON.stringify(accepted));

    await page.goto(`admin/conversations/view.xhtml?id=${accepted.conversationId}`);
    await chooseOption(page.getByLabel('Assign to'), ada);
    await page.getByRole('button', { name: 'Assign', exact: true }).click();
    await page.locator('#messages').getByText(`Assigned to ${ada}.`).waitFor();
    // Ada closes it from her console (its API, here).
    const closed = await page.evaluate(async ({ email, password, id }) => {
        const base = location.href.replace(/\/admin\/.*$/, '');
        const session = await fetch(`${base}/api/agent/sessions`, { method: 'POST',
            body: new URLSearchParams({ email, password }) });
        const { token } = await session.json();
        return (await fetch(`${base}/api/agent/conversations/${id}/workspace/close`, { method: 'POST',
            headers: { Authorization: `Bearer ${token}` } })).status;
    }, { email: adaEmail, password: PASSWORD, id: accepted.conversationId });
    assert.ok(closed < 300, `closing answered ${closed}`);

    await page.reload();
    assert.match(await page.locator('#summary').textContent(), /CLOSED/);
    await page.getByText('it goes to the agent as it is and stays closed').waitFor();
    await chooseOption(page.getByLabel('Hand on to'), bob);
    await page.getByRole('button', { name: 'Hand on', exact: true }).click();
    await page.locator('#messages').getByText(`Handed to ${bob}. The conversation stays closed.`).waitFor();
    assert.match(await page.locator('#summary').textContent(), /CLOSED/);
    assert.match(await page.locator('#decisions').textContent(), new RegExp(`Handed on \\(${bob}\\).*It stays closed\\.`));
}));

test('a report of an inbox, its chart and a CSV that spreadsheets cannot run; the staffing forecast',
    journey(async page => {
        await signInAsAdmin(page, 'admin/reports/index.xhtml');
        const name = unique('=HYPERLINK("http://evil.example")');
        await createInbox(page, { mode: 'MANUAL', name });
        await page.goto('admin/dashboard/index.xhtml');
        assert.equal((await visitorWrites(page, name, 'Count me')).type, 'message.accepted');

        await page.goto('admin/reports/index.xhtml');
        await chooseOption(page.getByLabel('Inbox', { exact: true }), name);
        await page.getByRole('button', { name: 'Show report' }).click();
        await page.locator('#report-title', { hasText: `inbox ${name}` }).waitFor();
        assert.equal((await page.locator('#lines tfoot td').nth(1).textContent()).trim(), '1');
        assert.equal(await page.locator('svg.chart rect.bar').count(), 7, 'a bar per day of the default week');

        const [download] = await Promise.all([page.waitForEvent('download'),
            page.getByRole('button', { name: 'Download CSV' }).click()]);
        assert.match(download.suggestedFilename(), /^switchboard-report-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
        const csv = (await downloaded(download)).toString('utf8');
        const lines = csv.split('\r\n');
        assert.ok(lines[0].startsWith(`"Inbox","'${name.replaceAll('"', '""')}","From",`),
            `the inbox's name is text, not a formula: ${lines[0]}`);
        assert.equal(lines[1], '"Day","Conversations","First response (s)","Wait (s)","Handling (s)","Abandoned",'
            + '"Offers rejected","Offers expired","Rated","Satisfied","CSAT (%)"');
        assert.match(lines.at(-2), /^"Total",1,/);

        await page.goto('admin/forecast/index.xhtml');
        await page.getByLabel('Chats per hour (instead of the measured peak)').fill('200');
        await page.getByLabel('Handling seconds (instead of the measured average)').fill('180');
        await page.getByLabel('Answer this share of chats (%)').fill('80');
        await page.getByLabel('Within seconds').fill('20');
        await page.getByRole('button', { name: 'Estimate' }).click();
        assert.equal(await page.locator('#agents-needed').textContent(), '14', "the planners' worked example");
        await page.getByLabel('Chats an agent holds at once').fill('3');
        await page.getByRole('button', { name: 'Estimate' }).click();
        await page.locator('#agents-needed', { hasText: '5' }).waitFor();
    }));

test("the organisation's canned responses: created, found, edited, deleted", journey(async page => {
    await signInAsAdmin(page, 'admin/canned/index.xhtml');
    const shortcut = unique('hours').toLowerCase();
    await page.getByLabel('Title').fill('Opening hours');
    await page.getByLabel('Shortcut').fill(shortcut);
    await page.getByLabel('Text', { exact: true }).fill('We answer from 9 to 17, Monday to Friday.');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.locator('#messages').getByText(`Saved /${shortcut}.`).waitFor();

    await page.getByLabel('Search').fill(shortcut.slice(0, 12));
    await page.getByRole('button', { name: 'Search' }).click();
    const row = page.locator('#list\\:responses tr', { hasText: `/${shortcut}` });
    await row.waitFor();
    await row.getByRole('button', { name: `Edit /${shortcut}` }).click();
    await page.getByLabel('Text', { exact: true }).fill('We answer from 8 to 18.');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.locator('#messages').getByText(`Saved /${shortcut}.`).waitFor();
    assert.match(await page.locator('#list\\:responses tr', { hasText: `/${shortcut}` }).textContent(), /8 to 18/);

    page.once('dialog', dialog => dialog.accept());
    await page.locator('#list\\:responses tr', { hasText: `/${shortcut}` })
        .getByRole('button', { name: `Delete /${shortcut}` }).click();
    await page.locator('#messages').getByText(`Deleted /${shortcut}.`).waitFor();
    assert.equal(await page.locator('#list\\:responses tr', { hasText: `/${shortcut}` }).count(), 0);
}));
