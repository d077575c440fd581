// Shared by every browser journey: one headless Debian Chromium per journey file, a fresh context per test, and a
// screenshot of the page as it was when a test failed (system-tests/target/browser-screenshots/<test>.png).
//
// The JUnit class that runs a journey file (see BrowserJourney.java) passes the product's address and accounts in
// environment variables; env() reads them and fails clearly when one is missing.
import { after, before } from 'node:test';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
export const SCREENSHOTS = process.env.SWITCHBOARD_SCREENSHOTS
    ?? join(here, '..', '..', '..', 'target', 'browser-screenshots');

const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic',
    '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'];

/** A required environment variable. */
export function env(name) {
    const value = process.env[name];
    if (value === undefined || value === '') {
        throw new Error(`${name} is not set: the journeys run from their JUnit class (or set it by hand)`);
    }
    return value;
}

const expectedErrors = new WeakMap();

/**
 * The page errors and console errors this test provokes on purpose (patterns matched against "page error: …" and
 * "console error: …"); any other fails the test, even when everything it asserts held.
 */
export function expectErrors(t, ...patterns) {
    expectedErrors.set(t, [...(expectedErrors.get(t) ?? []), ...patterns]);
}

/** What a download holds, as bytes. */
export async function downloaded(download) {
    const stream = await download.createReadStream();
    const chunks = [];
    for await (const chunk of stream) {
        chunks.push(chunk);
    }
    return Buffer.concat(chunks);
}

/** Collects the page errors (uncaught exceptions, unhandled rejections) and console errors of a page. */
export function watchErrors(page, errors) {
    page.on('pageerror', error => errors.push(`page error: ${error.message}`));
    page.on('console', message => {
        if (message.type() === 'error') errors.push(`console error: ${message.text()} (${message.location().url})`);
    });
}

/** Fails when a page of the test reported an error the test did not expect. */
export function failOnUnexpectedErrors(t, errors) {
    const expected = expectedErrors.get(t) ?? [];
    const unexpected = errors.filter(error => !expected.some(pattern => pattern.test(error)));
    if (unexpected.length) {
        throw new Error(`the page reported errors nobody expected:\n${unexpected.join('\n')}`);
    }
}

/**
 * Launches one browser for the calling journey file (closed after its last test) and returns a function that
 * runs a test body with a fresh page: `test('name', journey(async page => { ... }))`. A failing body leaves a
 * full-page screenshot named after the test.
 */
export function useBrowser({ baseURL = env('SWITCHBOARD_URL'), timeout = 15_000 } = {}) {
    let browser;
    before(async () => {
        browser = await chromium.launch({
            executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
            args: CHROMIUM_FLAGS,
            headless: true,
        });
    });
    after(async () => {
        await browser?.close();
    });
    return body => async t => {
        const context = await browser.newContext({ baseURL, acceptDownloads: true, locale: 'en-GB',
            viewport: { width: 1366, height: 768 } });
        context.setDefaultTimeout(timeout);
        const errors = [];
        context.on('page', opened => watchErrors(opened, errors));
        const page = await context.newPage();
        try {
            await body(page, t);
            failOnUnexpectedErrors(t, errors);
        } catch (error) {
            await screenshot(page, t.name);
            throw error;
        } finally {
            await context.close();
        }
    };
}

async function screenshot(page, testName) {
    try {
        mkdirSync(SCREENSHOTS, { recursive: true });
        const file = join(SCREENSHOTS, testName.replace(/[^A-Za-z0-9._-]+/g, '_') + '.png');
        await page.screenshot({ path: file, fullPage: true });
        console.error(`screenshot of the failed test: ${file}`);
    } catch (error) {
        console.error(`no screenshot: ${error.message}`);
    }
}
