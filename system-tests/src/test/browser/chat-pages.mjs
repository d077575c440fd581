// Pages of the chat journeys: several browser contexts per test (visitor, agents) with screenshots of all of them
// on failure, the customer's site embedding the widget, and the agent console signed in and online.
import { after, before } from 'node:test';
import { createServer } from 'node:http';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { SCREENSHOTS, env, failOnUnexpectedErrors, useBrowser, watchErrors } from './browser.mjs';
import { PASSWORD } from './team.mjs';

export const APP = env('SWITCHBOARD_URL');

export const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP8z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==', 'base64');

// The customer's site: a real HTTP server of its own (another origin than the product's), whose pages embed the
// widget with its one script tag. On loopback like the product: Chromium keeps public sites from loading local
// addresses.
let shop;

function shopPage(request, response) {
    const inbox = new URL(request.url, 'http://shop').searchParams.get('inbox');
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    response.end(`<!DOCTYPE html>
        <html><head><title>Pricing · Example Shop</title></head><body><h1>Pricing</h1>
        <script src="${APP}widget.js" data-inbox="${encodeURIComponent(inbox)}" data-title="Example Shop" async></script>
        </body></html>`);
}

/** The customer's site, for a journey that loads its pages itself. */
export const shopUrl = () => `http://localhost:${shop.address().port}`;

/**
 * Polls `condition` (sync or async) until it holds, for up to `timeout` ms: for what no locator can wait on (what
 * the browser saw happen, what the API answers).
 */
export async function waitUntil(condition, what = String(condition), timeout = 10_000) {
    for (const deadline = Date.now() + timeout; !(await condition());) {
        if (Date.now() > deadline) throw new Error(`${what}: not within ${timeout} ms`);
        await new Promise(resolve => setTimeout(resolve, 50));
    }
}

/** Call once at the top of a journey file: the browser, the customer's site, and `chat` to write tests with. */
export function useChat() {
    const journey = useBrowser({ timeout: 20_000 });
    before(async () => {
        shop = createServer(shopPage);
        await new Promise(resolve => shop.listen(0, '127.0.0.1', resolve));
    });
    after(() => shop?.close());
    return body => chat(journey, body);
}

/**
 * A journey with several browser contexts (visitor, agents): `open(name)` gives a fresh page in a context of its
 * own; when the test fails, every page opened is screenshotted (<test>-<name>.png) before the contexts close.
 */
function chat(journey, body) {
    return journey(async (first, t) => {
        const browser = first.context().browser();
        const pages = new Map();
        const errors = [];
        const open = async name => {
            const context = await browser.newContext({ baseURL: APP, locale: 'en-GB', viewport: { width: 1366, height: 800 } });
            context.setDefaultTimeout(20_000);
            context.on('page', opened => watchErrors(opened, errors));
            const page = await context.newPage();
            pages.set(pages.has(name) ? `${name}-${pages.size}` : name, page);
            return page;
        };
        try {
            await body(open, t);
            failOnUnexpectedErrors(t, errors);
        } catch (error) {
            mkdirSync(SCREENSHOTS, { recursive: true });
            for (const [name, page] of pages) {
                const file = join(SCREENSHOTS, `${t.name}-${name}`.replace(/[^A-Za-z0-9._-]+/g, '_') + '.png');
                await page.screenshot({ path: file, fullPage: true }).catch(() => {});
                console.error(`screenshot: ${file}`);
            }
            throw error;
        } finally {
            for (const page of pages.values()) await page.context().close();
        }
    });
}

/**
 * The shop's page with the widget's one script tag; returns the page and the chat inside its iframe, once the
 * composer shows (`ready: false`: once the panel is open, whatever it shows). `clock: true`: the page's time (its
 * context's, the widget's frame included) runs on Playwright's clock, which a test moves on with
 * `page.clock.fastForward` instead of waiting for a notice to fade.
 */
export async function visitorOnShop(open, inbox, { page, ready = true, clock = false } = {}) {
    if (!page) {
        page = await open('visitor');
        if (clock) await page.clock.install();
    }
    await page.goto(`http://localhost:${shop.address().port}/pricing?inbox=${encodeURIComponent(inbox.name)}`);
    await page.getByRole('button', { name: 'Chat with us' }).click();
    const chat = page.frameLocator('iframe[data-switchboard="frame"]');
    await chat.locator(ready ? '#composer' : '#chat').waitFor();
    return { page, chat };
}

/** The widget's own state (window.switchboardWidget in the panel's frame). */
export function widgetState(page) {
    return page.frames().find(frame => frame.url().includes('visitor.html')).evaluate(() => {
        const { conversationId, lastSeq, closed, archived } = window.switchboardWidget.state;
        return { conversationId, lastSeq, closed, archived };
    });
}

/** The admin console (Faces), signed in as the first admin. */
export async function adminConsole(open, path = 'admin/') {
    const page = await open('admin');
    await page.goto(path);
    await page.getByLabel('E-mail address').fill(env('SWITCHBOARD_ADMIN_EMAIL'));
    await page.getByLabel('Password').fill(env('SWITCHBOARD_ADMIN_PASSWORD'));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('#signed-in-as').waitFor();
    return page;
}

export async function say(chat, text) {
    await chat.locator('#text').fill(text);
    await chat.locator('#text').press('Enter');
}

/** An agent signed in through the console's form and online through its status menu. */
export async function agentConsole(open, agent, name = agent.name) {
    const page = await open(name);
    await page.goto('agent.html');
    await page.getByLabel('E-mail').fill(agent.email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('#app').waitFor();
    await Promise.all([page.waitForResponse(r => r.url().endsWith('/me/presence') && r.ok()),
        page.locator('#presence').selectOption('ONLINE')]);
    await page.locator('#connection:empty').waitFor({ state: 'attached' });
    return page;
}

export const toast = (page, title = 'Incoming chat') => page.locator('.toast', { hasText: title });
export const panel = page => page.locator('.conversation:not([hidden])');
export const timeline = page => panel(page).locator('.timeline');

export async function accept(page) {
    await toast(page).getByRole('button', { name: 'Accept' }).click();
    await panel(page).waitFor();
}

export async function reply(page, text) {
    const box = panel(page).getByLabel('Reply');
    await box.fill(text);
    await box.press('Enter');
}
