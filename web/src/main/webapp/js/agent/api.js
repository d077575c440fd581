// The agent HTTP API with the signed-in agent's bearer token; failures become ApiError {status, code, message}.

export class ApiError extends Error {
    constructor(status, code, message) {
        super(message);
        this.status = status;
        this.code = code;
    }
}

export class Api {
    constructor(base, token, onUnauthorized = () => {}) {
        this.base = base;
        this.token = token;
        this.onUnauthorized = onUnauthorized;
    }

    get headers() {
        return {Authorization: `Bearer ${this.token}`};
    }

    /** Signed out: the token is revoked, so nothing more is asked with it (the page reloads meanwhile). */
    close() {
        this.closed = true;
    }

    async call(method, path, body) {
        if (this.closed) throw new ApiError(401, 'agent.signed-out', 'You have signed out.');
        const init = {method, headers: {...this.headers}};
        if (body !== undefined) {
            init.headers['Content-Type'] = 'application/json';
            init.body = JSON.stringify(body);
        }
        let response;
        try {
            response = await fetch(`${this.base}/api/agent${path}`, init);
        } catch {
            throw new ApiError(0, 'network', 'Switchboard cannot be reached right now.');
        }
        const text = await response.text();
        const json = text ? safeJson(text) : null;
        if (response.status === 401) this.onUnauthorized();
        if (!response.ok) {
            throw new ApiError(response.status, json?.code ?? 'http', json?.message ?? `Request failed (${response.status}).`);
        }
        return json;
    }

    get(path) { return this.call('GET', path); }
    post(path, body) { return this.call('POST', path, body); }
    put(path, body) { return this.call('PUT', path, body); }
    delete(path) { return this.call('DELETE', path); }
}

function safeJson(text) {
    try {
        return JSON.parse(text);
    } catch {
        return null;
    }
}

export async function signIn(base, email, password) {
    const response = await fetch(`${base}/api/agent/sessions`, {method: 'POST', body: new URLSearchParams({email, password})});
    const json = safeJson(await response.text());
    if (!response.ok) throw new ApiError(response.status, json?.code ?? 'http', json?.message ?? 'Sign-in failed.');
    return json;
}
