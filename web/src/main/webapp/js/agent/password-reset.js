// The page an agent who forgot their password uses (reset-password.html): without a token it asks for a link by
// e-mail; with the mail's link (#token=…, a fragment no server ever sees) it sets the new password.

const $ = selector => document.querySelector(selector);
const base = new URL('.', location.href).pathname.replace(/\/$/, '');
const endpoint = `${base}/api/agent/password-resets`;

async function post(path, fields) {
    let response;
    try {
        response = await fetch(path, {method: 'POST', body: new URLSearchParams(fields)});
    } catch {
        throw new Error('Switchboard cannot be reached right now.');
    }
    const text = await response.text();
    let json = null;
    try {
        json = text ? JSON.parse(text) : null;
    } catch {
        // no JSON: the status says enough
    }
    if (!response.ok) throw new Error(json?.message ?? `Request failed (${response.status}).`);
    return json;
}

function ask() {
    const form = $('#ask');
    form.hidden = false;
    form.addEventListener('submit', async event => {
        event.preventDefault();
        $('#ask-problem').textContent = '';
        $('#ask-done').textContent = '';
        try {
            const answer = await post(endpoint, {email: $('#email').value});
            $('#ask-done').textContent = answer.message;
        } catch (failure) {
            $('#ask-problem').textContent = failure.message;
        }
    });
}

function choose(token) {
    // The token leaves the address bar (and the history) at once; the form keeps it.
    history.replaceState(null, '', location.pathname);
    const form = $('#choose');
    form.hidden = false;
    form.addEventListener('submit', async event => {
        event.preventDefault();
        $('#choose-problem').textContent = '';
        const password = $('#new-password').value;
        if (password !== $('#repeat-password').value) {
            $('#choose-problem').textContent = 'The two passwords differ.';
            return;
        }
        try {
            await post(`${endpoint}/use`, {token, password});
            form.hidden = true;
            $('#done').hidden = false;
            $('#to-sign-in').focus();
        } catch (failure) {
            $('#choose-problem').textContent = failure.message;
        }
    });
}

const token = new URLSearchParams(location.hash.slice(1)).get('token');
if (token) choose(token);
else ask();
// A link pasted into this page's own tab changes only the fragment: start over with it.
window.addEventListener('hashchange', () => location.reload());
