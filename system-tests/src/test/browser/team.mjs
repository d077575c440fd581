// Provisioning for journeys: each test gets an inbox and agents of its own (admins' HTTP API), so tests never
// meet each other's conversations on the shared product and can run in any order.
import { randomUUID } from 'node:crypto';
import { env } from './browser.mjs';

export const PASSWORD = 'journey-password-1';

async function call(method, path, token, body) {
    const response = await fetch(new URL(`api/agent/${path}`, env('SWITCHBOARD_URL')), {
        method,
        headers: { Authorization: `Bearer ${token}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
    return text ? JSON.parse(text) : null;
}

export async function signIn(email, password) {
    const response = await fetch(new URL('api/agent/sessions', env('SWITCHBOARD_URL')), {
        method: 'POST', body: new URLSearchParams({ email, password }),
    });
    if (!response.ok) throw new Error(`sign-in of ${email}: ${response.status} ${await response.text()}`);
    return (await response.json()).token;
}

/**
 * A new inbox (`assignmentMode` AUTO by default, no reply time limit unless `replyTimeLimitSeconds`) with agents
 * called `names`, each with room for `capacity` conversations and the role AGENT unless `roles` names others for
 * them (`{ Sue: ['SUPERVISOR'] }`); returns {inbox, agents: [{agentId, name, email, token}]}.
 */
export async function team(names,
    { offlineMessage, assignmentMode, replyTimeLimitSeconds, reassignmentSeconds, capacity = 5, roles = {} } = {}) {
    const admin = await signIn(env('SWITCHBOARD_ADMIN_EMAIL'), env('SWITCHBOARD_ADMIN_PASSWORD'));
    const tag = randomUUID().slice(0, 8);
    const inbox = await call('POST', 'inboxes', admin, { name: `journey-${tag}`, offlineMessage, assignmentMode,
        replyTimeLimitSeconds, reassignmentSeconds });
    const agents = [];
    for (const name of names) {
        const email = `${name.toLowerCase()}-${tag}@example.com`;
        const agent = await call('POST', 'agents', admin, { email, name: `${name} ${tag}`, password: PASSWORD,
            roles: roles[name] ?? ['AGENT'] });
        await call('POST', `inboxes/${inbox.id}/members`, admin, { agentId: agent.agentId, capacity });
        agents.push({ ...agent, email, token: await signIn(email, PASSWORD) });
    }
    return { inbox, agents };
}

/** Sets an agent's presence over HTTP (the journeys that are not about the presence menu). */
export function presence(agent, value) {
    return call('PUT', 'me/presence', agent.token, { presence: value });
}

let adminToken;

/** A call of the agent API as the first admin (customer tags and their customers for the journeys). */
export async function asAdmin(method, path, body) {
    adminToken ??= await signIn(env('SWITCHBOARD_ADMIN_EMAIL'), env('SWITCHBOARD_ADMIN_PASSWORD'));
    return call(method, path, adminToken, body);
}
