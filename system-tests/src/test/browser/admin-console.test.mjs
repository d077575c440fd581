// The admin console (Jakarta Faces) as admins and supervisors use it, in a real headless Chromium.
// Run by AdminConsoleBrowserIT, which starts the product and passes the accounts in environment variables.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { env, useBrowser } from './browser.mjs';

const journey = useBrowser();

test('the status page lists the inboxes', journey(async page => {
    await page.goto('admin/status.xhtml');
    await assert.doesNotReject(page.locator('#inboxes').getByRole('cell', { name: 'support', exact: true })
        .waitFor());
}));
