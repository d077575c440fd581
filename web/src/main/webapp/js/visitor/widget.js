// The visitor's chat panel (visitor.html): one socket to /ws/visitor (docs/PROTOCOL.md: resume from the last
// seq shown, sends with client ids, receipts, typing), attachments through /api/visitor/attachments. Everything a visitor or an agent wrote is rendered as text (dom.js).

import {$, basePath, bytes, el, fill, time} from '../common/dom.js';
import {ReconnectingSocket, socketUrl} from '../common/socket.js';
import {checkFiles, objectUrl, upload} from '../common/upload.js';
import {Outbox} from './outbox.js';
import {hostSessionStorage, storage} from './storage.js';

const MAX_TEXT = 2000;
const base = basePath(import.meta.url);
const params = new URLSearchParams(location.search);
const inbox = params.get('inbox') || 'support';
const embedded = params.get('embedded') === '1';
const store = key => `switchboard.${inbox}.${key}`;
const TOKEN_KEY = 'switchboard.visitorToken';
// Embedded, the token comes from the loader only (the host site's storage), never from our own storage: a token
// kept under our origin could otherwise be handed to whichever site frames us next.
const local = embedded ? storage('none') : storage('localStorage');

const state = {
    token: local.getItem(TOKEN_KEY) || '',
    conversationId: null,   // the welcome names the visitor's current conversation
    lastSeq: 0,             // of the current conversation
    entries: new Map(),     // "conversationId:seq" → entry shown (an archive starts a new conversation at seq 1)
    settled: new Set(),     // earlier conversations shown here and known to be archived: not read again
    agentName: null,        // who holds the chat
    present: new Set(),     // agents the visitor was told joined (the holder and colleagues invited in)
    closed: false,
    archived: false,        // the current conversation ended for good (archived, deleted): a message starts anew
    deleted: false,         // the current conversation was deleted
    online: true,           // whether anyone answers now (the bootstrap says); offline there is no queue to stand in
    page: {url: document.referrer || location.href, title: document.title},
    unseen: 0,
    visible: !embedded,
};

let identity = null;     // a signed identity from the host page, sent once the socket is ready
// Embedded, the loader keeps the panel's session state in the host site's storage (ours is a third-party one).
const session = embedded ? hostSessionStorage(message => parent.postMessage(message, '*')) : storage('sessionStorage');
const outbox = new Outbox(session, store('outbox'));
// The conversations this page shows (oldest first, the latest few): a reload shows them again, archived ones too.
const SHOWN_KEPT = 10;
const shown = readShown();
const log = $('#log');
const text = $('#text');
const fileInput = $('#files');
let pendingFiles = [];

// ---- the socket --------------------------------------------------------------------------------------------

let socket;

function connect() {
    if (stopped || socket) return;
    socket = new ReconnectingSocket(
    () => socketUrl(`${base}/ws/visitor`, {inbox, token: state.token}),
    {
        onOpen: () => sendPage(),
        onFrame: frame => handlers[frame.type]?.(frame),
        onState: status => {
            if (status !== 'open') state.ready = false;
            if (stopped) return;
            if (status === 'open') showConnection(null);
            else if (status === 'closed' && !stopped) showConnection('Reconnecting…');
        },
        retry: event => event.code !== 1008,    // a policy refusal (blocked, unknown inbox) is final
    });
    window.switchboardWidget = {socket, state};
}
let stopped = false;
// A contact form sent before the socket is ready: the introduction waits for the welcome, the message in the outbox.
let pendingIntroduction = null;

const handlers = {
    welcome(frame) {
        if (frame.visitorToken && frame.visitorToken !== state.token) keepToken(frame.visitorToken);
        state.ready = true;
        if (identity) socket?.send({type: 'identify', ...identity});
        if (pendingIntroduction) {
            socket?.send(pendingIntroduction);
            pendingIntroduction = null;
        }
        const current = frame.conversation;
        if (!current && !state.conversationId && shown.length) {
            // Reloaded after the last conversation shown here ended for good: it is shown again, as archived.
            state.conversationId = shown.at(-1);
            newChatDivider(state.conversationId);
        }
        if (!current && state.conversationId && !state.archived) {
            // Archived or deleted while this page was away: resuming it says which (what it shows stays readable).
            state.unconfirmed = state.conversationId;
            state.settled.delete(state.conversationId);
        }
        if (current) {
            // A conversation other than the one shown (started while this page was away) resumes from its start.
            rememberConversation(current.conversationId);
            if (current.status === 'CLOSED' || current.status === 'ARCHIVED') chatEnded('closed', false);
            else setAgent(current.agentName ?? null);
        }
        // Earlier conversations this page shows (all of them after a reload) are read again from where it stands:
        // archived ones answer, deleted ones are refused (resume:… with conversation.unknown).
        for (const id of shown) {
            if (id !== current?.conversationId && !state.settled.has(id)) resume(id, lastSeqOf(id));
        }
        if (current && current.conversationId === state.conversationId && current.lastSeq > state.lastSeq) {
            state.resuming = current.conversationId;
            resume(current.conversationId, state.lastSeq);
            return;     // the outbox goes after the replay, so the visitor's earlier lines stay in order
        }
        resendOutbox();
    },
    resumed(frame) {
        if (frame.conversationId === state.unconfirmed) {
            state.unconfirmed = null;
            chatEnded('archived', false);
        }
        if (frame.conversationId !== state.conversationId || state.archived) archivedBefore(frame.conversationId);
        if (frame.conversationId === state.resuming) {
            state.resuming = null;
            resendOutbox();
        }
    },
    identified(frame) {
        identity = null;
        const changed = frame.visitorToken !== state.token;
        keepToken(frame.visitorToken);
        if (changed) {
            // Another, earlier visitor (the same person on another device): start over with their chat.
            state.conversationId = null;
            state.lastSeq = 0;
            state.archived = false;
            state.deleted = false;
            state.entries.clear();
            state.settled.clear();
            state.present.clear();
            shown.splice(0);
            saveShown();
            log.replaceChildren();
            socket?.drop();
        }
    },
    'message.accepted'(frame) {
        rememberConversation(frame.conversationId);
        const sent = outbox.accepted(frame.clientId);
        if (sent) showEntry({conversationId: frame.conversationId, seq: frame.seq, author: 'VISITOR', text: sent.text,
            at: frame.at, options: [], attachments: []}, sent.clientId);
        if (state.closed) reopened();
    },
    'message.created'(frame) {
        rememberConversation(frame.conversationId);
        if (frame.author === 'NOTE' || frame.author === 'INTERNAL') return;
        if (frame.author === 'VISITOR' && frame.clientId) outbox.accepted(frame.clientId);
        const current = frame.conversationId === state.conversationId;
        if (frame.author === 'AGENT' && current) {
            agentWrote(frame.agentName, frame.replay);
            if (!frame.replay) agentStoppedTyping();     // what they were typing has arrived
        }
        showEntry(frame, frame.clientId);
        if (frame.author !== 'VISITOR') {
            if (current) $('#queue').hidden = true;
            if (!frame.replay && state.closed && current) reopened();
            receipt(frame.conversationId, frame.seq);
        }
    },
    'message.status'(frame) {
        for (const entry of state.entries.values()) {
            if (entry.author === 'VISITOR' && entry.conversationId === frame.conversationId
                && entry.seq >= frame.fromSeq && entry.seq <= frame.toSeq) {
                entry.node.dataset.status = frame.status.toLowerCase();
                $('.status', entry.node).textContent = statusLabel(frame.status);
            }
        }
    },
    'queue.position'(frame) {
        if (!state.online) return;      // nobody is online: a place in the queue would promise a wait that never ends
        const queue = $('#queue');
        const wait = frame.estimatedWaitSeconds
            ? ` · about ${Math.max(1, Math.round(frame.estimatedWaitSeconds / 60))} min` : '';
        queue.textContent = `You are number ${frame.position} in the queue${wait}.`;
        queue.hidden = false;
    },
    'agent.joined'(frame) {
        rememberConversation(frame.conversationId);     // it may come before the answer that names it
        if (frame.conversationId !== state.conversationId) return;
        // Handed on from one agent to another: the first one is gone (a message alone does not say that).
        if (state.agentName && frame.agentName !== state.agentName) {
            systemLine(`${state.agentName} left the chat.`);
            state.present.delete(state.agentName);
        }
        agentJoined(frame.agentName);
        setAgent(frame.agentName);
    },
    'agent.left'(frame) {
        if (frame.conversationId !== state.conversationId || !state.agentName) return;
        systemLine(`${state.agentName} left the chat.`);
        state.present.delete(state.agentName);
        setAgent(null);
    },
    // A colleague invited in who had written to the visitor left: said as their joining was. (Under an operator
    // name everyone writes as the holder, who stays.)
    'participant.left'(frame) {
        const name = frame.agentName;
        if (frame.conversationId !== state.conversationId || !state.present.has(name)) return;
        if (name === state.agentName) return;
        systemLine(`${name} left the chat.`);
        state.present.delete(name);
    },
    'conversation.closed'(frame) {
        if (frame.conversationId === state.conversationId) chatEnded('closed');
    },
    'conversation.archived'(frame) {
        if (frame.conversationId === state.conversationId) chatEnded('archived');
    },
    'conversation.deleted'(frame) {
        conversationDeleted(frame.conversationId);
    },
    typing(frame) {
        if (frame.conversationId !== state.conversationId) return;
        if (frame.agentName && !state.agentName) setAgent(frame.agentName);
        if (!frame.typing) {
            agentStoppedTyping();
            return;
        }
        $('#agent').dataset.typing = 'yes';
        clearTimeout(state.typingTimer);
        state.typingTimer = setTimeout(agentStoppedTyping, 10000);
    },
    error(frame) {
        if (frame.code?.startsWith('visitor.identity')) identity = null;     // a signature is good once only
        if (frame.ref?.startsWith('resume:') && frame.code === 'conversation.unknown') {
            conversationDeleted(Number(frame.ref.slice(7)));     // deleted while this page was away
            return;
        }
        if (frame.ref?.startsWith('send:') && SEND_AGAIN.has(frame.code)) {
            sendAgainLater(frame.ref.slice(5), frame.retryAfterMs);
            return;
        }
        if (frame.ref?.startsWith('send:')) {
            const failed = outbox.accepted(frame.ref.slice(5));
            if (failed) $(`[data-client-id="${CSS.escape(failed.clientId)}"] .meta`, log)?.replaceChildren('not sent');
        }
        if (UNAVAILABLE[frame.code]) {
            unavailable(frame.code);
            return;
        }
        showProblem(frame.message);
    },
};

/** Said once per agent: the holder, or a colleague invited in who writes beside them. */
function agentJoined(name) {
    if (!name || state.present.has(name)) return;
    systemLine(`${name} joined the chat.`);
    state.present.add(name);
    $('#queue').hidden = true;
}

/**
 * An agent's message: one the visitor has not heard of joined (live) or was there already (replayed). It does not
 * change who holds the chat, which agent.joined says, unless nobody is known to hold it.
 */
function agentWrote(name, replayed) {
    if (!name) return;
    if (replayed) state.present.add(name);
    else agentJoined(name);
    if (!state.agentName) setAgent(name);
}

function agentStoppedTyping() {
    clearTimeout(state.typingTimer);
    $('#agent').dataset.typing = '';
}

function setAgent(name) {
    state.agentName = name;
    $('#agent').textContent = name ? `You are chatting with ${name}` : '';
}

/**
 * how: 'closed' (a new message reopens it), 'archived' or 'deleted' (a new message starts a new conversation; a
 * deleted one has no log and no rating to give).
 */
function chatEnded(how, notice = true) {
    const archived = how !== 'closed';
    if (notice && how === 'closed' && !state.closed) systemLine('The chat has ended.');
    if (notice && how === 'archived' && !state.archived) archivedBefore(state.conversationId);
    state.closed = true;
    state.archived ||= archived;
    state.deleted ||= how === 'deleted';
    state.present.clear();
    setAgent(null);
    $('#queue').hidden = true;
    $('#ended').textContent = state.deleted ? 'This chat was deleted. Write again to start a new one.'
        : state.archived ? 'This chat was archived. Write again to start a new one.'
            : 'This chat has ended. Write again to start a new one.';
    $('#ended').hidden = false;
    $('#end').hidden = true;
    $('#chat-log-bar').hidden = !state.conversationId || state.deleted;
    if (state.deleted) {
        $('#rating').hidden = true;
        $('#rating-done').hidden = true;
    } else {
        askRating(state.conversationId);
    }
}

/** An earlier conversation shown here is archived: said at its end, once; it is not read again. */
function archivedBefore(id) {
    state.settled.add(id);
    if (!$(`.entry.ended[data-conversation-id="${id}"]`, log)) {
        conversationLine(id, END, 'This chat was archived.', 'ended');
    }
}

/**
 * A conversation shown here was deleted (for everyone): what it showed goes, a line says so in its place, and if it
 * was the current one the panel says so for good, until the visitor writes again and starts a new one.
 */
function conversationDeleted(id) {
    if (state.unconfirmed === id) state.unconfirmed = null;
    if (!shown.includes(id) && id !== state.conversationId) return;
    for (const [key, entry] of state.entries) {
        if (entry.conversationId === id) {
            entry.node.remove();
            state.entries.delete(key);
        }
    }
    for (const node of log.querySelectorAll(`[data-conversation-id="${id}"]`)) node.remove();
    receipts.delete(id);
    conversationLine(id, END, 'This chat was deleted.', 'ended deleted');
    forgetShown(id);
    if (id === state.conversationId) chatEnded('deleted', false);
}

function reopened() {
    state.closed = false;
    state.deleted = false;
    $('#ended').hidden = true;
    $('#end').hidden = false;
    $('#rating').hidden = true;
    $('#rating-done').hidden = true;
    $('#chat-log-bar').hidden = true;
    rating.conversationId = null;     // ended again, it asks again (a rating given already is not asked for)
}

// The log of the chat that ended, to keep: public messages only, as an HTML page or a PDF (docs/WIDGET.md).
$('#chat-log').addEventListener('click', () => downloadLog('html'));
$('#chat-log-pdf').addEventListener('click', () => downloadLog('pdf'));

async function downloadLog(format) {
    const id = state.conversationId;
    try {
        const href = await objectUrl(`${base}/api/visitor/conversations/${id}/log?format=${format}`,
            {'X-Visitor-Token': state.token});
        const link = el('a', {href, download: `chat-${id}.${format}`, hidden: true});
        document.body.append(link);
        link.click();
        link.remove();
        setTimeout(() => URL.revokeObjectURL(href), 60_000);
    } catch {
        showProblem('The chat log could not be downloaded. Please try again.');
    }
}

// ---- the satisfaction rating, asked once a chat has ended (docs/WIDGET.md) --------------------------------

const rating = {conversationId: null, score: null};

async function askRating(conversationId) {
    if (!conversationId || !state.token || rating.conversationId === conversationId) return;
    rating.conversationId = conversationId;
    rating.score = null;
    const response = await fetch(`${base}/api/visitor/conversations/${conversationId}/rating`,
        {headers: {'X-Visitor-Token': state.token}}).catch(() => null);
    if (!response?.ok || !state.closed || state.conversationId !== conversationId) return;
    const asked = await response.json();
    if (asked.rated || asked.scale === 'NONE') return;
    const choices = asked.scale === 'GOOD_BAD' ? [[1, 'Good'], [0, 'Bad']]
        : [1, 2, 3, 4, 5].map(score => [score, String(score)]);
    fill($('#rating-choices'), choices.map(([score, label]) => el('button', {type: 'button', role: 'radio',
        'aria-checked': 'false', dataset: {score},
        'aria-label': asked.scale === 'GOOD_BAD' ? label : `${score} of 5`,
        onclick: () => chooseRating(score)}, label)));
    $('#rating-question').textContent = asked.scale === 'GOOD_BAD' ? 'Was this chat good?' : 'How was this chat? (1 poor, 5 excellent)';
    $('#rating-comment').value = '';
    $('#rating-send').disabled = true;
    $('#rating-done').hidden = true;
    $('#rating').hidden = false;
}

function chooseRating(score) {
    rating.score = score;
    for (const button of $('#rating-choices').children) {
        button.setAttribute('aria-checked', String(Number(button.dataset.score) === score));
    }
    $('#rating-send').disabled = false;
}

$('#rating').addEventListener('submit', async event => {
    event.preventDefault();
    if (rating.score === null) return;
    $('#rating-send').disabled = true;
    const response = await fetch(`${base}/api/visitor/conversations/${rating.conversationId}/rating`, {
        method: 'POST', headers: {'X-Visitor-Token': state.token, 'Content-Type': 'application/json'},
        body: JSON.stringify({score: rating.score, comment: $('#rating-comment').value}),
    }).catch(() => null);
    const answer = await response?.json().catch(() => ({})) ?? {};
    if (response?.ok || answer.code === 'rating.already-given') {
        $('#rating').hidden = true;
        $('#rating-done').textContent = 'Thank you for your rating.';
        $('#rating-done').hidden = false;
        return;
    }
    $('#rating-send').disabled = false;
    showProblem(answer.message ?? 'Your rating could not be sent. Please try again.');
});

// Where the chat cannot go on (docs/PROTOCOL.md: refused as the socket opens, or a send refused later): the
// panel says why for good, instead of an error that fades and leaves a panel without a composer.
const UNAVAILABLE = {
    'visitor.blocked': 'You cannot chat here.',
    'inbox.unknown': 'This chat is no longer available. Please contact us another way.',
    'inbox.widget-disabled': 'Chat is switched off right now. Please try again later.',
};

function unavailable(code) {
    stopped = true;
    socket?.stop();
    showConnection(null);
    showProblem(null);
    for (const part of ['#composer', '#offline', '#queue', '#ended', '#end', '#rating', '#chat-log-bar']) $(part).hidden = true;
    setAgent(null);
    const notice = $('#unavailable');
    notice.dataset.code = code;
    notice.textContent = UNAVAILABLE[code];
    notice.hidden = false;
}

function resume(conversationId, afterSeq) {
    socket?.send({type: 'resume', conversationId, afterSeq, ref: `resume:${conversationId}`});
}

/** The highest seq this page shows of a conversation (0: none yet). */
function lastSeqOf(conversationId) {
    let last = 0;
    for (const entry of state.entries.values()) {
        if (entry.conversationId === conversationId) last = Math.max(last, entry.seq);
    }
    return last;
}

function readShown() {
    try {
        const ids = JSON.parse(session.getItem(store('shown')) ?? '[]');
        return Array.isArray(ids) ? ids.filter(Number.isSafeInteger) : [];
    } catch {
        return [];
    }
}

function saveShown() {
    session.setItem(store('shown'), JSON.stringify(shown));
}

function forgetShown(id) {
    const index = shown.indexOf(id);
    if (index >= 0) shown.splice(index, 1);
    state.settled.delete(id);
    saveShown();
}

// The node could not take the message for now (docs/PROTOCOL.md): it stays "sending…" and goes again with its
// client id after the time the node asked for, spread a little so that a crowd refused together comes back apart.
const SEND_AGAIN = new Set(['server.unavailable', 'rate.limited']);

function sendAgainLater(clientId, retryAfterMs) {
    const wait = Math.max(retryAfterMs ?? 1000, 250) * (1 + Math.random() / 4);
    setTimeout(() => {
        const frame = outbox.frame(clientId);
        if (frame && state.ready) socket?.send(frame);     // else the reconnect sends it (resendOutbox)
    }, wait);
}

function resendOutbox() {
    // Sends from before a drop go again with their client ids: the server stores each one once.
    outbox.resend(frame => socket?.send(frame));
}

/**
 * The conversation an answer or event belongs to. A newer one than shown (the visitor wrote after an archive,
 * or another tab did) becomes the current one: its seqs start again, and what was shown stays readable above.
 * An older one's late events change nothing here.
 */
function rememberConversation(id) {
    if (!id || id === state.conversationId || (state.conversationId && id < state.conversationId)) return;
    // The one before ended for good (a new conversation starts only then): not read again after a reconnect.
    if (state.conversationId) state.settled.add(state.conversationId);
    if (!shown.includes(id)) {
        shown.push(id);
        shown.splice(0, Math.max(0, shown.length - SHOWN_KEPT));
        saveShown();
    }
    newChatDivider(id);
    state.conversationId = id;
    state.lastSeq = 0;
    state.archived = false;
    if (state.closed) reopened();
    $('#end').hidden = false;
}

/** "A new chat started." above a conversation with earlier ones shown before it, once. */
function newChatDivider(id) {
    if (shown.some(earlier => earlier < id) && !$(`.divider[data-conversation-id="${id}"]`, log)) {
        conversationLine(id, 0, 'A new chat started.', 'divider');
    }
}

/**
 * A mail's link back to the chat (visitor.html?inbox=NAME#back=TICKET, docs/WIDGET.md): the server trades the ticket
 * for the visitor's token, so their chat shows on whatever device they read the mail. The address bar drops it at once.
 */
async function comeBack() {
    const ticket = new URLSearchParams(location.hash.slice(1)).get('back');
    if (!ticket) return;
    history.replaceState(null, '', location.pathname + location.search);
    const response = await fetch(`${base}/api/visitor/come-back`, {
        method: 'POST', headers: {'Content-Type': 'application/json'}, body: JSON.stringify({ticket}),
    }).catch(() => null);
    const answer = await response?.json().catch(() => ({})) ?? {};
    if (response?.ok && answer.visitorToken) keepToken(answer.visitorToken);
    else showProblem(answer.message ?? 'The link to your chat could not be opened. Please try again.');
}

/** Kept here and, when embedded, by the loader in the host site's storage (ours may be refused there). */
function keepToken(token) {
    state.token = token;
    local.setItem(TOKEN_KEY, token);
    if (embedded) parent.postMessage({type: 'switchboard.token', token}, '*');
}

const receipts = new Map();     // conversationId → the highest seq to confirm

/**
 * What the visitor got: READ when the panel is in sight, DELIVERED otherwise (READ follows when it is). A receipt
 * covers everything up to its seq, so a replay's entries are confirmed in one frame per conversation, not one each
 * (the socket's frame rate is limited).
 */
function receipt(conversationId, seq) {
    if (!receipts.size) setTimeout(sendReceipts, 50);
    receipts.set(conversationId, Math.max(seq, receipts.get(conversationId) ?? 0));
}

function sendReceipts() {
    const status = state.visible && document.visibilityState === 'visible' ? 'READ' : 'DELIVERED';
    for (const [conversationId, upToSeq] of receipts) socket?.send({type: 'receipt', conversationId, status, upToSeq});
    receipts.clear();
}

function sendPage() {
    socket?.send({type: 'page.view', url: state.page.url, title: state.page.title, userAgent: navigator.userAgent});
}

// ---- the timeline ------------------------------------------------------------------------------------------

const entryKey = (conversationId, seq) => `${conversationId}:${seq}`;
/** The place of a line after every entry of its conversation. */
const END = Number.MAX_SAFE_INTEGER;

/** Entries (and the lines that belong to a conversation) stay ordered by conversation, then seq. */
function insertOrdered(node, conversationId, seq) {
    const after = [...log.children].find(child => child.dataset.seq && (Number(child.dataset.conversationId) > conversationId
        || (Number(child.dataset.conversationId) === conversationId && Number(child.dataset.seq) > seq)));
    log.insertBefore(node, after ?? $('.sending', log) ?? null);
}

/** A system line of a conversation at its place: its start (seq 0) or its end ({@link END}). */
function conversationLine(conversationId, seq, text, kind) {
    const node = el('li', {class: `entry system ${kind}`, dataset: {conversationId, seq}}, el('p', {class: 'text'}, text));
    insertOrdered(node, conversationId, seq);
    node.scrollIntoView({block: 'end'});
}

function showEntry(entry, clientId) {
    const key = entryKey(entry.conversationId, entry.seq);
    if (state.entries.has(key)) return;
    if (clientId) $(`[data-client-id="${CSS.escape(clientId)}"]`, log)?.remove();
    const node = entryNode(entry);
    state.entries.set(key, {...entry, node});
    const current = entry.conversationId === state.conversationId;
    if (current) state.lastSeq = Math.max(state.lastSeq, entry.seq);
    // Ordered by conversation and seq even when an entry arrives late (a catch-up after a live one).
    insertOrdered(node, entry.conversationId, entry.seq);
    node.scrollIntoView({block: 'end'});
    // An earlier conversation shown again (after a reload) was read before: nothing new to count.
    if (entry.author !== 'VISITOR' && !state.visible && current) {
        state.unseen++;
        parent.postMessage({type: 'switchboard.unread', count: state.unseen}, '*');
    }
}

function entryNode(entry) {
    const author = entry.author.toLowerCase();
    const node = el('li', {class: `entry ${author}`, dataset: {conversationId: entry.conversationId, seq: entry.seq}});
    if (entry.author === 'SYSTEM') {
        node.append(el('p', {class: 'text'}, entry.text));
        return node;
    }
    const quoted = entry.quoteSeq && state.entries.get(entryKey(entry.conversationId, entry.quoteSeq));
    if (quoted) node.append(el('blockquote', {}, quoted.text));
    if (entry.text) node.append(el('p', {class: 'text'}, entry.text));
    if (entry.attachments?.length) node.append(attachmentList(entry.attachments));
    if (entry.options?.length) node.append(optionMenu(entry));
    node.append(el('p', {class: 'meta'}, time(entry.at),
        entry.author === 'VISITOR' ? el('span', {class: 'status'}, statusLabel(entry.status ?? 'QUEUED')) : null));
    if (entry.author === 'VISITOR' && entry.status) node.dataset.status = entry.status.toLowerCase();
    return node;
}

function statusLabel(status) {
    return {QUEUED: ' · sent', DELIVERED: ' · delivered', READ: ' · read', FAILED: ' · not delivered'}[status] ?? '';
}

function optionMenu(entry) {
    const picked = entry.pickedOption;
    return el('div', {class: 'options', role: 'group'}, entry.options.map((label, index) =>
        el('button', {type: 'button', class: index === picked ? 'picked' : null,
            disabled: picked !== null && picked !== undefined,
            onclick: event => pick(entry, index, event.target.closest('.options'))}, label)));
}

function pick(entry, option, menu) {
    for (const button of menu.querySelectorAll('button')) button.disabled = true;
    menu.children[option].classList.add('picked');
    socket?.send({type: 'option.pick', conversationId: entry.conversationId, seq: entry.seq, option});
}

function attachmentList(files) {
    return el('ul', {class: 'attachments'}, files.map(file => {
        const item = el('li', {}, el('span', {}, `${file.name} (${bytes(file.size)})`));
        const url = `${base}/api/visitor/attachments/${file.id}`;
        const headers = {'X-Visitor-Token': state.token};
        if (file.kind === 'IMAGE') {
            const image = el('img', {alt: file.name, class: 'preview'});
            objectUrl(url, headers).then(src => { image.src = src; }).catch(() => image.remove());
            item.prepend(image);
        }
        item.append(el('button', {type: 'button', class: 'link', onclick: async () => {
            const link = el('a', {href: await objectUrl(url, headers), download: file.name});
            link.click();
        }}, 'Download'));
        return item;
    }));
}

function systemLine(line, kind = '') {
    log.append(el('li', {class: `entry system ${kind}`.trim()}, el('p', {class: 'text'}, line)));
}

function showConnection(message) {
    const banner = $('#connection');
    banner.textContent = message ?? '';
    banner.hidden = !message;
}

function showProblem(message) {
    const problem = $('#problem');
    problem.textContent = message ?? '';
    problem.hidden = !message;
    if (message) setTimeout(() => { if (problem.textContent === message) problem.hidden = true; }, 8000);
}

// ---- writing -----------------------------------------------------------------------------------------------

function updateCounter() {
    const length = [...text.value].length;
    const counter = $('#counter');
    counter.textContent = `${length} / ${MAX_TEXT}`;
    counter.classList.toggle('full', length >= MAX_TEXT);
}

async function send() {
    const message = text.value.trim();
    showProblem(null);
    if (pendingFiles.length) {
        await sendFiles(message);
        return;
    }
    if (!message) return;
    const sent = outbox.add({type: 'message.send', text: message});
    log.append(el('li', {class: 'entry visitor sending', dataset: {clientId: sent.clientId}},
        el('p', {class: 'text'}, message), el('p', {class: 'meta'}, 'sending…')));
    if (state.ready) socket?.send(sent.frame);
    text.value = '';
    updateCounter();
}

async function sendFiles(message) {
    const progress = $('#progress');
    progress.hidden = false;
    $('#send').disabled = true;
    try {
        const posted = await upload(`${base}/api/visitor/attachments?inbox=${encodeURIComponent(inbox)}`,
            {'X-Visitor-Token': state.token}, pendingFiles, message,
            fraction => { progress.firstElementChild.style.width = `${Math.round(fraction * 100)}%`; });
        rememberConversation(posted.conversationId);
        showEntry({conversationId: posted.conversationId, seq: posted.seq, author: 'VISITOR', text: message,
            at: posted.at, options: [], attachments: posted.attachments});
        // A chat started by an upload may have made the visitor's row just now: resuming it joins this socket.
        if (posted.seq === 1) resume(posted.conversationId, posted.seq);
        pendingFiles = [];
        showPendingFiles();
        text.value = '';
        updateCounter();
    } catch (problem) {
        showProblem(problem.message);
    } finally {
        progress.hidden = true;
        progress.firstElementChild.style.width = '0';
        $('#send').disabled = false;
    }
}

function showPendingFiles() {
    fill($('#pending'), pendingFiles.map((file, index) => {
        const item = el('li', {}, `${file.name} (${bytes(file.size)})`,
            el('button', {type: 'button', class: 'icon', 'aria-label': `Remove ${file.name}`, onclick: () => {
                pendingFiles.splice(index, 1);
                showPendingFiles();
            }}, '×'));
        if (file.type.startsWith('image/')) item.prepend(el('img', {class: 'preview', alt: '', src: URL.createObjectURL(file)}));
        return item;
    }));
}

fileInput.addEventListener('change', () => {
    const chosen = [...pendingFiles, ...fileInput.files];
    fileInput.value = '';
    const problem = checkFiles(chosen);
    if (problem) {
        showProblem(problem);
        return;
    }
    pendingFiles = chosen;
    showPendingFiles();
});

text.addEventListener('input', () => {
    updateCounter();
    const now = Date.now();
    if (now - (state.typingSentAt ?? 0) > 3000) {
        state.typingSentAt = now;
        if (state.conversationId && !state.archived) {
            socket?.send({type: 'typing', conversationId: state.conversationId, typing: true});
        }
    }
});
text.addEventListener('keydown', event => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        send();
    }
});
$('#composer').addEventListener('submit', event => {
    event.preventDefault();
    send();
});

$('#end').addEventListener('click', () => {
    if (state.conversationId && !state.closed) socket?.send({type: 'conversation.close', conversationId: state.conversationId});
});

// ---- offline: the inbox's message and a contact form -------------------------------------------------------

async function bootstrap() {
    const response = await fetch(`${base}/api/visitor/inboxes/${encodeURIComponent(inbox)}`);
    if (!response.ok) {
        // An unknown inbox or a switched-off widget: said at once (the socket would refuse it too).
        const {code} = await response.json().catch(() => ({}));
        if (UNAVAILABLE[code]) unavailable(code);
        return;
    }
    if (stopped) return;
    const settings = await response.json();
    state.online = settings.online;
    if (!settings.online) $('#queue').hidden = true;
    if (!settings.online && !state.conversationId) {
        $('#offline').hidden = false;
        $('#offline-message').textContent = settings.offlineMessage || 'Nobody is available right now. Leave us a message.';
        $('#composer').hidden = true;
        // An answer by e-mail is promised only where the installation gives one; otherwise it comes in this chat.
        const email = $('#contact-email');
        email.required = Boolean(settings.emailAnswers);
        $('#contact-email-label').firstChild.textContent = settings.emailAnswers ? 'E-mail ' : 'E-mail (optional) ';
        $('#contact-done').textContent = settings.emailAnswers ? 'Thank you: we will answer by e-mail.'
            : 'Thank you: your message is with us. The answer comes here, in this chat: come back to this page to read it.';
    }
}

$('#contact').addEventListener('submit', event => {
    event.preventDefault();
    const name = $('#contact-name').value.trim();
    const email = $('#contact-email').value.trim();
    const message = $('#contact-text').value.trim();
    const introduction = {type: 'introduce', name, email};
    if (state.ready) socket?.send(introduction);
    else pendingIntroduction = introduction;
    const sent = outbox.add({type: 'message.send', text: message});
    if (state.ready) socket?.send(sent.frame);
    $('#contact').hidden = true;
    $('#contact-done').hidden = false;
});

// ---- embedding ---------------------------------------------------------------------------------------------

if (params.get('title')) {
    $('#title').textContent = params.get('title');
}
if (embedded) {
    $('#minimise').hidden = false;
    $('#minimise').addEventListener('click', () => {
        state.visible = false;
        parent.postMessage({type: 'switchboard.minimise'}, '*');
    });
    // The host page tells us where the visitor is (the loader, from the page's own location).
    window.addEventListener('message', event => {
        if (event.source !== parent) return;
        if (event.data?.type === 'switchboard.page') {
            state.page = {url: String(event.data.url).slice(0, 2000), title: String(event.data.title ?? '').slice(0, 500)};
            sendPage();
        } else if (event.data?.type === 'switchboard.identify') {
            const {externalId, name, email, timestamp, signature} = event.data.identity ?? {};
            identity = {externalId: String(externalId ?? ''), name: name ?? '', email: email ?? '',
                timestamp: Number(timestamp), signature: String(signature ?? '')};
            if (state.ready) socket?.send({type: 'identify', ...identity});
            else connect();
        } else if (event.data?.type === 'switchboard.opened') {
            connect();
            state.visible = true;
            state.unseen = 0;
            if (state.lastSeq) receipt(state.conversationId, state.lastSeq);
            text.focus();
        }
    });
}
$('#end').hidden = true;
updateCounter();
bootstrap();
if (embedded) {
    // The loader answers with the token it keeps for this site; a loader that never answers does not stop us.
    const fallback = setTimeout(connect, 1500);
    window.addEventListener('message', function hello(event) {
        if (event.source !== parent || event.data?.type !== 'switchboard.hello') return;
        window.removeEventListener('message', hello);
        clearTimeout(fallback);
        if (event.data.token && !state.token) state.token = String(event.data.token);
        // After a reload: what the panel showed and had not sent yet, kept by the loader.
        session.restore(event.data.kept);
        shown.splice(0, shown.length, ...[...new Set([...readShown(), ...shown])].sort((a, b) => a - b));
        outbox.restore();
        // A new visitor's socket waits until they open the chat or the site signs them in: every page of the site
        // loads this panel, and a socket for each page view made a visitor (a row) of every passer-by and crawler.
        if (state.token) connect();
    });
    parent.postMessage({type: 'switchboard.ready'}, '*');
} else {
    comeBack().finally(connect);
}
