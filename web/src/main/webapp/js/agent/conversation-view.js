// One open conversation: visitor and page context, the timeline (from the socket's resume and live events,
// ordered and de-duplicated by seq), the reply box (reply or private note, quote, canned responses, files,
// server-side draft) and the actions (take, transfer, forward, invite, leave, tags, mark unread, close, archive,
// delete, block for everyone or for oneself). Several views live side by side; the console shows one at a time.

import {$, bytes, el, fill, time} from '../common/dom.js';
import {checkFiles, objectUrl, upload} from '../common/upload.js';
import {ask, field, select} from './dialog.js';
import {verifiedMark} from './verified.js';
import {endedLine} from './ended.js';
import {CustomerCard} from './customer-card.js';
import {rightsIn, whyNoReply} from './rights.js';

const MAX_TEXT = 2000;
const DRAFT_AFTER_MS = 700;

export class ConversationView {
    constructor(id, context) {
        this.id = id;
        this.context = context;     // {api, socket, me, base, inboxes(), canned(), summary(id), closeView(id), refreshList()}
        this.entries = new Map();   // seq → {entry, node}
        this.lastSeq = 0;
        this.statuses = [];         // message.status ranges seen, applied to entries arriving later too
        this.quote = null;
        this.files = [];
        this.mode = 'reply';
        this.participants = null;   // colleagues invited in: [{agentId, name, invitedBy, invitedAt}]; null until read
        this.rating = null;         // the visitor's rating, once they gave it: {rated, scale, score, comment}
        this.node = this.build();
        this.loadDetails();
    }

    get summary() {
        return this.context.summary(this.id);
    }

    // ---- building ------------------------------------------------------------------------------------------

    build() {
        this.header = el('header', {class: 'conversation-header'});
        this.notice = el('p', {class: 'notice', role: 'status', hidden: true});
        this.timeline = el('ol', {class: 'timeline', 'aria-label': 'Timeline'});
        this.typing = el('p', {class: 'typing muted', hidden: true}, 'The visitor is typing…');
        this.quoteBox = el('div', {class: 'quote-box', hidden: true});
        this.pending = el('ul', {class: 'pending-files'});
        this.progress = el('div', {class: 'progress', hidden: true}, el('div'));
        this.text = el('textarea', {rows: 3, maxlength: MAX_TEXT, 'aria-label': 'Reply',
            placeholder: 'Reply… (Enter sends, Shift+Enter new line, /shortcut + Tab for a canned response)'});
        this.counter = el('span', {class: 'counter'}, `0 / ${MAX_TEXT}`);
        this.fileInput = el('input', {type: 'file', multiple: true, hidden: true});
        this.problem = el('p', {class: 'problem', role: 'alert'});
        this.replyHint = el('p', {class: 'reply-hint muted', hidden: true});
        this.modeButtons = {
            reply: el('button', {type: 'button', class: 'mode active', onclick: () => this.setMode('reply')}, 'Reply'),
            note: el('button', {type: 'button', class: 'mode', onclick: () => this.setMode('note')}, 'Private note'),
        };
        this.composer = el('form', {class: 'reply', onsubmit: event => { event.preventDefault(); this.send(); }},
            el('div', {class: 'modes'}, this.modeButtons.reply, this.modeButtons.note),
            this.replyHint, this.quoteBox, this.pending, this.progress, this.text,
            el('div', {class: 'reply-bar'},
                el('button', {type: 'button', class: 'secondary', title: 'Attach files (up to 5, 20 MB each)',
                    onclick: () => this.fileInput.click()}, 'Attach'), this.fileInput,
                el('button', {type: 'button', class: 'secondary', onclick: () => this.pickCanned()}, 'Canned'),
                this.optionsButton = el('button', {type: 'button', class: 'secondary', onclick: () => this.offerOptions()},
                    'Options menu'),
                this.counter,
                el('button', {type: 'submit', class: 'send'}, 'Send')),
            this.problem);
        this.text.addEventListener('input', () => this.typed());
        this.text.addEventListener('keydown', event => this.key(event));
        this.fileInput.addEventListener('change', () => this.chooseFiles());
        this.context.api.get(`/conversations/${this.id}/workspace/draft`).then(draft => {
            if (draft.text && !this.text.value) {
                this.text.value = draft.text;
                this.updateCounter();
            }
        }).catch(() => {});
        this.card = new CustomerCard(this.id, this.context);
        return el('section', {class: 'conversation with-card', dataset: {conversationId: this.id}},
            el('div', {class: 'conversation-main'}, this.header, this.notice, this.timeline, this.typing, this.composer),
            this.card.node);
    }

    /** Whether the signed-in agent was invited into this conversation (and does not hold it). */
    get takingPart() {
        return this.participants?.some(p => p.agentId === this.context.me.agentId) ?? false;
    }

    /** What the agent may do here now (rights.js): only that is offered. */
    get rights() {
        return rightsIn({me: this.context.me, summary: this.summary, participants: this.participants,
            memberOf: inboxId => this.context.inboxes().some(inbox => inbox.id === inboxId
                && inbox.members.some(member => member.agentId === this.context.me.agentId))});
    }

    renderHeader() {
        const summary = this.summary;
        const visitor = this.visitor;
        const rights = this.rights;
        this.showReplyRight(rights);
        // Built again only when what it shows changed: a header rebuilt for every line of the list that moved
        // (each message) replaced its buttons between a click's press and release, and the click was lost.
        const shows = JSON.stringify([summary && ['visitorId', 'visitorLabel', 'visitorVerified', 'visitorOnline',
            'inboxName', 'status', 'assigneeName', 'tags', 'closed', 'archived'].map(field => summary[field]),
        visitor ?? null,
        this.participants, this.rating, rights]);
        if (shows === this.headerShows) return;
        this.headerShows = shows;
        const actions = [
            ['Take', () => this.take(), rights.take],
            ['Transfer', () => this.transfer(), rights.transfer],
            ['Forward', () => this.forward(), rights.transfer],
            ['Invite', () => this.invite(), rights.invite],
            ['Leave', () => this.leave(), rights.leave],
            ['Conversation tags', () => this.editTags(), true],
            ['Files', () => this.allAttachments(), true],
            ['Mark unread', () => this.markUnread(), true],
            ['Close', () => this.act('close', 'Closed.'), rights.close],
            ['Archive', () => this.archive(), rights.archive],
        ];
        // Rare and destructive actions wait behind "More actions", Delete last and apart: never next to Close.
        const more = [
            ['Block visitor', () => this.block(), true],
            ['Block for me', () => this.blockForMe(), true],
            ['Delete', () => this.remove(), rights.delete, 'danger'],
        ];
        const wasOpen = this.header.querySelector('.more-actions')?.open ?? false;
        const identity = visitor ? [
            el('span', {class: 'visitor-name'}, visitor.name ?? summary?.visitorLabel ?? `Visitor ${summary?.visitorId}`),
            visitor.verified ? verifiedMark(summary?.inboxName) : null,
            visitor.email ? el('span', {class: 'muted'}, ` · ${visitor.email}`) : null,
        ] : [el('span', {class: 'visitor-name'}, summary?.visitorLabel ?? '')];
        const page = visitor?.pageUrl ? el('p', {class: 'page-context muted'}, 'On ',
            el('a', {href: safeUrl(visitor.pageUrl), target: '_blank', rel: 'noopener noreferrer'}, visitor.pageTitle || visitor.pageUrl),
            visitor.userAgent ? ` · ${shortAgent(visitor.userAgent)}` : null) : null;
        fill(this.header,
            el('div', {class: 'who'}, el('h2', {}, identity), page,
                el('p', {class: 'muted'}, summary ? `${summary.inboxName} · ${summary.status.toLowerCase()}`
                    + ` · ${summary.assigneeName ?? 'unassigned'}` : '',
                    summary ? el('span', {class: summary.visitorOnline ? 'visitor-presence online' : 'visitor-presence'},
                        summary.visitorOnline ? ' · visitor online' : ' · visitor away') : null,
                    summary?.tags.map(tag => el('span', {class: 'tag'}, tag))),
                endedLine(summary) ? el('p', {class: 'ended muted'}, endedLine(summary)) : null,
                this.participants?.length ? el('p', {class: 'participants muted'}, 'With ',
                    this.participants.map((p, index) => [index ? ', ' : '', p.name, rights.removeParticipant
                        ? el('button', {type: 'button', class: 'link remove-participant', 'aria-label': `Remove ${p.name}`,
                            title: `Remove ${p.name} from this chat`, onclick: () => this.guard(() => this.removeParticipant(p))},
                        '×') : null])) : null,
                this.rating?.rated ? el('p', {class: 'rating'}, 'Rated ',
                    el('strong', {class: 'rating-score'}, ratingLabel(this.rating)),
                    this.rating.comment ? [' · ', el('q', {class: 'rating-comment'}, this.rating.comment)] : null) : null),
            el('div', {class: 'actions'}, actions.filter(([, , shown]) => shown).map(([label, run]) =>
                el('button', {type: 'button', class: 'secondary', onclick: () => this.guard(run)}, label)),
            el('details', {class: 'more-actions', open: wasOpen},
                el('summary', {class: 'button secondary'}, 'More actions'),
                el('div', {class: 'menu'}, more.filter(([, , shown]) => shown).map(([label, run, , kind]) =>
                    el('button', {type: 'button', class: `secondary${kind ? ` ${kind}` : ''}`, onclick: () => {
                        this.header.querySelector('.more-actions').open = false;
                        this.guard(run);
                    }}, label))))));
    }

    async loadDetails() {
        this.renderHeader();
        this.loadParticipants();
        this.loadRating();
        const summary = this.summary;
        if (!summary) return;
        try {
            this.visitor = await this.context.api.get(`/visitors/${summary.visitorId}`);
        } catch {
            this.visitor = null;
        }
        this.renderHeader();
    }

    /**
     * customer.changed: another agent (or another tab) changed this customer's tags or pins, unpinned a
     * conversation from them, or the customer's name or e-mail changed: the header and the card read them again.
     */
    async customerChanged() {
        this.card.load();
        if (!this.summary) return;
        try {
            this.visitor = await this.context.api.get(`/visitors/${this.summary.visitorId}`);
            this.renderHeader();
        } catch {
            // the header keeps what it shows; the next change or a reload reads it again
        }
    }

    /** visitor.context: the visitor moved to another page; the header follows (as text, links only http(s)). */
    pageContext({pageUrl, pageTitle}) {
        if (!this.visitor) return;      // the details being read carry the page already
        this.visitor = {...this.visitor, pageUrl, pageTitle};
        this.renderHeader();
    }

    /** The visitor's satisfaction rating, once they gave it (a conversation.rated frame says when). */
    async loadRating() {
        try {
            this.rating = await this.context.api.get(`/conversations/${this.id}/rating`);
        } catch {
            return;
        }
        this.renderHeader();
    }

    rated(frame) {
        this.rating = {rated: true, scale: frame.scale, score: frame.score, comment: frame.comment};
        this.renderHeader();
    }

    /** Who takes part besides the holder: read again whenever the timeline says someone joined or left. */
    async loadParticipants() {
        try {
            this.participants = await this.context.api.get(`/conversations/${this.id}/participants`);
        } catch {
            return;     // not ours to read (any more): the list and the next refresh say so
        }
        this.renderHeader();
    }

    /**
     * Public replies are offered only to who may write them: for anyone else the Reply mode is off and the box says
     * why (private notes stay open to everyone who reads the chat). The mode chosen is never switched for them: a
     * reply typed while the rights were being read is not sent as a note.
     */
    showReplyRight(rights) {
        const why = rights.reply ? null : whyNoReply(rights);
        this.modeButtons.reply.disabled = !rights.reply;
        this.modeButtons.reply.title = why ?? '';
        this.optionsButton.disabled = !rights.reply;     // a menu for the visitor is a public message too
        this.optionsButton.title = why ?? '';
        this.replyHint.textContent = why ?? '';
        this.replyHint.hidden = !why || this.mode !== 'reply';
    }

    // ---- the timeline --------------------------------------------------------------------------------------

    /** A message.created frame (live or replayed): shown once, in seq order. */
    add(entry) {
        if (this.entries.has(entry.seq)) return false;
        const node = this.entryNode(entry);
        this.entries.set(entry.seq, {entry, node});
        const after = [...this.timeline.children].find(child => Number(child.dataset.seq) > entry.seq);
        this.timeline.insertBefore(node, after ?? null);
        this.lastSeq = Math.max(this.lastSeq, entry.seq);
        // A replay says how far the entry got; later message.status frames raise it from there.
        if (entry.status) {
            this.applyStatus({author: entry.author, fromSeq: entry.seq, toSeq: entry.seq, status: entry.status,
                reason: entry.statusReason}, [this.entries.get(entry.seq)]);
        }
        for (const status of this.statuses) this.applyStatus(status, [this.entries.get(entry.seq)]);
        if (this.timeline.scrollHeight - this.timeline.scrollTop - this.timeline.clientHeight < 200 || !entry.replay) {
            node.scrollIntoView({block: 'end'});
        }
        if (entry.author === 'VISITOR') this.typing.hidden = true;
        if (entry.author === 'INTERNAL' && !entry.replay) this.loadParticipants();
        return true;
    }

    entryNode(entry) {
        const author = entry.author.toLowerCase();
        const node = el('li', {class: `entry ${author}`, dataset: {seq: entry.seq}});
        if (entry.author === 'INTERNAL' || entry.author === 'SYSTEM') {
            node.append(el('p', {class: 'text'}, entry.text), el('p', {class: 'meta'}, time(entry.at)));
            return node;
        }
        const who = entry.author === 'VISITOR' ? (this.summary?.visitorLabel ?? 'Visitor') : (entry.agentName ?? 'Agent');
        const verified = entry.author === 'VISITOR' && this.summary?.visitorVerified
            ? verifiedMark(this.summary.inboxName, {compact: true}) : null;
        node.append(el('p', {class: 'meta'},
            entry.author === 'NOTE' ? el('strong', {class: 'note-label'}, 'Private note · ') : null,
            who, verified, ` · ${time(entry.at)}`,
            entry.author === 'AGENT' ? el('span', {class: 'status'}, ' · sent') : null));
        const quoted = entry.quoteSeq && this.entries.get(entry.quoteSeq)?.entry;
        if (quoted) node.append(el('blockquote', {}, quoted.text));
        if (entry.text) node.append(el('p', {class: 'text'}, entry.text));
        if (entry.options?.length) node.append(el('p', {class: 'options'}, 'Options: ', entry.options.join(' · ')));
        if (entry.attachments?.length) node.append(this.attachmentList(entry.attachments));
        if (entry.author !== 'NOTE') {
            node.append(el('div', {class: 'entry-actions'},
                el('button', {type: 'button', class: 'link', onclick: () => this.setQuote(entry)}, 'Quote'),
                el('button', {type: 'button', class: 'link', onclick: () => this.guard(() => this.quickReply(entry))}, 'Save as quick reply')));
        }
        return node;
    }

    /** message.status {author, fromSeq, toSeq, status}: raises those entries' marks. */
    status(frame) {
        this.statuses.push(frame);
        this.applyStatus(frame, this.entries.values());
    }

    applyStatus(frame, items) {
        const rank = {QUEUED: 0, FAILED: 1, DELIVERED: 2, READ: 3};
        for (const item of items) {
            const {entry, node} = item;
            if (entry.author !== frame.author || entry.seq < frame.fromSeq || entry.seq > frame.toSeq) continue;
            if ((rank[node.dataset.status] ?? 0) >= rank[frame.status]) continue;
            node.dataset.status = frame.status;
            const mark = node.querySelector('.status');
            if (mark) {
                mark.textContent = {FAILED: ` · not delivered${frame.reason === 'visitor.left' ? ' (visitor left)' : ''}`,
                    DELIVERED: ' · delivered', READ: ' · read'}[frame.status] ?? ' · sent';
            }
        }
    }

    attachmentList(files) {
        const headers = this.context.api.headers;
        return el('ul', {class: 'attachments'}, files.map(file => {
            const url = `${this.context.base}/api/agent/attachments/${file.id}`;
            const item = el('li', {}, el('button', {type: 'button', class: 'link', onclick: async () => {
                el('a', {href: await objectUrl(url, headers), download: file.name}).click();
            }}, `${file.name} (${bytes(file.size)})`));
            if (file.kind === 'IMAGE') {
                const image = el('img', {class: 'preview', alt: file.name});
                objectUrl(url, headers).then(src => { image.src = src; }).catch(() => image.remove());
                item.prepend(image);
            }
            return item;
        }));
    }

    visitorTyping(typing) {
        this.typing.hidden = !typing;
        clearTimeout(this.typingTimer);
        if (typing) this.typingTimer = setTimeout(() => { this.typing.hidden = true; }, 10000);
    }

    /** The newest visitor entry the agent has now seen: READ, which also moves their read position. */
    seen() {
        const newest = [...this.entries.values()].map(item => item.entry)
            .filter(entry => entry.author === 'VISITOR').reduce((max, entry) => Math.max(max, entry.seq), 0);
        if (newest > (this.readUpTo ?? 0)) {
            this.readUpTo = newest;
            if (this.context.socket.send({type: 'receipt', conversationId: this.id, status: 'READ', upToSeq: newest})) {
                this.context.refreshListSoon();     // the unread badges
            }
        }
    }

    showNotice(text) {
        this.notice.textContent = text;
        this.notice.hidden = !text;
    }

    // ---- writing -------------------------------------------------------------------------------------------

    setMode(mode) {
        this.mode = mode;
        this.replyHint.hidden = mode !== 'reply' || this.rights.reply;
        this.modeButtons.reply.classList.toggle('active', mode === 'reply');
        this.modeButtons.note.classList.toggle('active', mode === 'note');
        this.composer.classList.toggle('note-mode', mode === 'note');
        this.text.placeholder = mode === 'note' ? 'Private note: only agents see it' : 'Reply…';
    }

    /** The entry the next reply quotes, or none (null): the quote box shows it with a way to remove it. */
    setQuote(entry) {
        this.quote = entry ?? null;
        if (entry) {
            fill(this.quoteBox, el('blockquote', {}, entry.text || '(attachment)'),
                el('button', {type: 'button', class: 'link', onclick: () => this.setQuote(null)}, 'Remove quote'));
        } else {
            fill(this.quoteBox);
        }
        this.quoteBox.hidden = !entry;
        this.text.focus();
    }

    key(event) {
        if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
            event.preventDefault();
            this.send();
        } else if (event.key === 'Tab' && this.expandShortcut()) {
            event.preventDefault();
        }
    }

    /** "/thanks" before the cursor + Tab → the canned response with that shortcut. */
    expandShortcut() {
        const before = this.text.value.slice(0, this.text.selectionStart);
        const match = before.match(/(?:^|\s)\/([a-z0-9][a-z0-9_-]*)$/i);
        if (!match) return false;
        const canned = this.context.canned().find(c => c.shortcut === match[1].toLowerCase());
        if (!canned) return false;
        this.insert(canned.text, match[1].length + 1);
        return true;
    }

    insert(text, replacing = 0) {
        const start = this.text.selectionStart - replacing;
        const value = this.text.value;
        this.text.value = value.slice(0, start) + text + value.slice(this.text.selectionEnd);
        this.text.selectionStart = this.text.selectionEnd = start + text.length;
        this.typed();
        this.text.focus();
    }

    updateCounter() {
        const length = [...this.text.value].length;
        this.counter.textContent = `${length} / ${MAX_TEXT}`;
        this.counter.classList.toggle('full', length >= MAX_TEXT);
    }

    typed() {
        this.updateCounter();
        clearTimeout(this.draftTimer);
        this.draftTimer = setTimeout(() => this.saveDraft(), DRAFT_AFTER_MS);
        const now = Date.now();
        if (this.mode === 'reply' && this.rights.reply && now - (this.typingSentAt ?? 0) > 3000) {
            this.typingSentAt = now;
            this.context.socket.send({type: 'typing', conversationId: this.id, typing: true});
        }
    }

    saveDraft() {
        clearTimeout(this.draftTimer);
        this.context.socket.send({type: 'draft.save', conversationId: this.id, text: this.text.value});
    }

    /** Another tab of the same agent changed the draft. */
    draft(text) {
        if (document.activeElement === this.text) return;
        this.text.value = text ?? '';
        this.updateCounter();
    }

    async send() {
        const text = this.text.value.trim();
        this.problem.textContent = '';
        if (this.files.length) {
            await this.sendFiles(text);
            return;
        }
        if (!text) return;
        if (this.mode === 'reply' && !this.rights.reply) {
            this.problem.textContent = whyNoReply(this.rights);     // the text stays in the box
            return;
        }
        const clientId = crypto.randomUUID();
        const frame = this.mode === 'note'
            ? {type: 'note.send', conversationId: this.id, text, clientId, ref: `send:${clientId}`}
            : {type: 'message.send', conversationId: this.id, text, clientId, ref: `send:${clientId}`,
                ...(this.quote ? {quoteSeq: this.quote.seq} : {})};
        if (!this.context.socket.send(frame)) {
            this.problem.textContent = 'Not connected: the message was not sent. It stays in the box; try again in a moment.';
            return;
        }
        this.sending = {clientId, text};
        this.text.value = '';
        this.setQuote(null);
        this.updateCounter();
        this.saveDraft();
        this.context.socket.send({type: 'typing', conversationId: this.id, typing: false});
    }

    /** The server refused a send of ours: the text comes back into the box. */
    refused(clientId, message) {
        if (this.sending?.clientId === clientId && !this.text.value) {
            this.text.value = this.sending.text;
            this.updateCounter();
        }
        this.problem.textContent = message;
    }

    chooseFiles() {
        const chosen = [...this.files, ...this.fileInput.files];
        this.fileInput.value = '';
        const problem = checkFiles(chosen);
        if (problem) {
            this.problem.textContent = problem;
            return;
        }
        this.files = chosen;
        this.showFiles();
    }

    showFiles() {
        fill(this.pending, this.files.map((file, index) => {
            const item = el('li', {}, `${file.name} (${bytes(file.size)})`,
                el('button', {type: 'button', class: 'link', 'aria-label': `Remove ${file.name}`, onclick: () => {
                    this.files.splice(index, 1);
                    this.showFiles();
                }}, '×'));
            if (file.type.startsWith('image/')) item.prepend(el('img', {class: 'preview small', alt: '', src: URL.createObjectURL(file)}));
            return item;
        }));
    }

    async sendFiles(text) {
        if (this.mode === 'reply' && !this.rights.reply) {
            this.problem.textContent = whyNoReply(this.rights);
            return;
        }
        this.progress.hidden = false;
        const bar = this.progress.firstElementChild;
        try {
            const note = this.mode === 'note' ? '?note=true' : '';
            await upload(`${this.context.base}/api/agent/conversations/${this.id}/attachments${note}`,
                this.context.api.headers, this.files, text, fraction => { bar.style.width = `${Math.round(fraction * 100)}%`; });
            this.files = [];
            this.showFiles();
            this.text.value = '';
            this.updateCounter();
            this.saveDraft();
        } catch (failure) {
            this.problem.textContent = failure.message;
        } finally {
            this.progress.hidden = true;
            bar.style.width = '0';
        }
    }

    // ---- actions -------------------------------------------------------------------------------------------

    async guard(run) {
        this.problem.textContent = '';
        try {
            await run();
        } catch (failure) {
            // Deleted meanwhile: its tab goes. (A refusal for rights stays here: it may be about this one action.)
            if (failure.status === 404 && failure.code === 'conversation.unknown') {
                this.context.lost(this.id, failure.message);
                return;
            }
            this.problem.textContent = failure.message;
        }
    }

    async act(action, done) {
        await this.context.api.post(`/conversations/${this.id}/workspace/${action}`);
        this.closedByMe = action === 'close';
        // Said once the list knows it too: what the agent clicks next (Transfer…) reads the new status from it.
        await this.context.refreshList();
        this.showNotice(done);
        this.renderHeader();
    }

    /** While the visitor is online, archiving ends their chat in front of them: the agent confirms first. */
    async archive() {
        if (!this.summary?.visitorOnline) {
            await this.act('archive', 'Archived.');
            return;
        }
        await ask({title: 'Archive this chat?', ok: 'Archive',
            body: [el('p', {}, 'The visitor is online now: their chat panel will say that the chat was archived, '
                + 'and their next message starts a new conversation.')],
            submit: async () => {
                await this.act('archive', 'Archived. The visitor was told.');
                return true;
            }});
    }

    async take() {
        await this.context.api.post(`/conversations/${this.id}/routing/take`);
        await this.context.refreshList();
        this.renderHeader();
    }

    async markUnread() {
        await this.context.api.post(`/conversations/${this.id}/workspace/unread`);
        this.readUpTo = this.lastSeq;      // not again until something new arrives
        await this.context.refreshList();
    }

    async remove() {
        await ask({title: 'Delete this conversation?', ok: 'Delete',
            body: [el('p', {}, 'Its messages, notes and files are deleted for everyone. This cannot be undone.')],
            submit: async () => {
                await this.context.api.delete(`/conversations/${this.id}/workspace`);
                this.context.closeView(this.id);
                await this.context.refreshList();
                return true;
            }});
    }

    agentOptions() {
        const members = new Map();
        for (const inbox of this.context.inboxes()) {
            for (const member of inbox.members) {
                if (member.agentId !== this.context.me.agentId) members.set(member.agentId, member);
            }
        }
        return [...members.values()].map(m => [m.agentId, `${m.name} (${m.presence.toLowerCase()})`]);
    }

    async transfer() {
        await this.context.reloadInboxes();
        const agent = select('agent', this.agentOptions());
        await ask({title: 'Transfer to a colleague', ok: 'Transfer', body: [field('Agent', agent),
            el('p', {class: 'muted'}, this.summary?.status === 'CLOSED'
                ? 'It is closed: it goes to them as it is and stays closed.'
                : 'They get an offer; the conversation is theirs once they accept.')],
        submit: async () => {
            const transfer = await this.context.api.post(`/conversations/${this.id}/routing/transfer`,
                {agentId: Number(agent.value)});
            const name = agent.selectedOptions[0]?.textContent.replace(/ \([^)]*\)$/, '') ?? 'your colleague';
            // A closed conversation is handed over directly (no offer) and stays closed.
            this.showNotice(transfer?.offerId ? `Offered to ${name}: it is theirs once they accept.`
                : `Handed to ${name}. The conversation stays closed.`);
            await this.context.refreshList();
        }});
    }

    async forward() {
        await this.context.reloadInboxes();
        const inbox = select('inbox', this.context.inboxes().map(i => [i.id, i.name]), this.summary?.inboxId);
        await ask({title: 'Forward to an inbox', ok: 'Forward', body: [field('Inbox', inbox),
            el('p', {class: 'muted'}, "It waits in that inbox's queue for its next agent.")],
        submit: async () => {
            await this.context.api.post(`/conversations/${this.id}/routing/transfer`, {inboxId: Number(inbox.value)});
            this.showNotice('Forwarded.');
            await this.context.refreshList();
        }});
    }

    async invite() {
        await this.context.reloadInboxes();
        const target = select('target', [
            ...this.agentOptions().map(([id, label]) => [`agent:${id}`, label]),
            ...this.context.inboxes().map(i => [`inbox:${i.id}`, `Anyone online in ${i.name}`])]);
        const leave = el('input', {type: 'checkbox', name: 'leave'});
        await ask({title: 'Invite a colleague', ok: 'Invite',
            body: [field('Who', target), el('label', {class: 'check'}, leave, ' Hand the conversation over when they accept')],
            submit: async () => {
                const [kind, id] = target.value.split(':');
                await this.context.api.post(`/conversations/${this.id}/routing/invitations`,
                    {[kind === 'agent' ? 'agentId' : 'inboxId']: Number(id), leave: leave.checked});
                this.showNotice('Invitation sent: waiting for the answer.');
            }});
    }

    /** invitation.answered: how the invitation of ours ended (status ACCEPTED, REJECTED or EXPIRED). */
    invitationAnswered(inviteeName, status) {
        this.showNotice(`${inviteeName} ${{ACCEPTED: 'accepted the invitation.', REJECTED: 'declined the invitation.',
            EXPIRED: 'did not answer the invitation in time.'}[status] ?? 'answered the invitation.'}`);
        this.loadParticipants();
    }

    /**
     * A colleague invited in leaves the conversation; the holder leaves it to one of the colleagues taking part,
     * who holds it from then on. Either way it is no longer ours: its view closes.
     */
    async leave() {
        if (this.takingPart) {
            await ask({title: 'Leave this conversation?', ok: 'Leave',
                body: [el('p', {}, 'It stays with the agent holding it; you can be invited again.')],
                submit: async () => {
                    await this.context.api.delete(`/conversations/${this.id}/participants/${this.context.me.agentId}`);
                    this.context.closeView(this.id);
                    await this.context.refreshList();
                    return true;
                }});
            return;
        }
        const successor = select('successor', (this.participants ?? []).map(p => [p.agentId, p.name]));
        await ask({title: 'Leave the conversation to a colleague', ok: 'Leave',
            body: [field('Who holds it', successor),
                el('p', {class: 'muted'}, 'They hold the conversation from now on; you leave it.')],
            submit: async () => {
                await this.context.api.post(`/conversations/${this.id}/leave`, {agentId: Number(successor.value)});
                this.context.closeView(this.id);
                await this.context.refreshList();
                return true;
            }});
    }

    /** Asks a colleague invited in out of the conversation (whoever may invite may). */
    async removeParticipant(participant) {
        await ask({title: `Remove ${participant.name} from this chat?`, ok: 'Remove',
            body: [el('p', {}, 'They can no longer read or write in it. The visitor is told only if they wrote to '
                + 'the visitor, as they were told when they joined.')],
            submit: async () => {
                await this.context.api.delete(`/conversations/${this.id}/participants/${participant.agentId}`);
                await this.loadParticipants();
                return true;
            }});
    }

    async editTags() {
        const input = el('input', {name: 'tags', value: (this.summary?.tags ?? []).join(', '), placeholder: 'billing, vip'});
        // The conversation's own free-text tags; the customer's coloured tags are on the customer card.
        await ask({title: 'Conversation tags', ok: 'Save', body: [field('Tags of this conversation (comma-separated)', input)],
            submit: async () => {
                const tags = input.value.split(',').map(tag => tag.trim()).filter(Boolean);
                await this.context.api.put(`/conversations/${this.id}/workspace/tags`, {version: this.summary.version, tags});
                await this.context.refreshList();
                this.renderHeader();
            }});
    }

    async block() {
        const reason = el('input', {name: 'reason', required: true, maxlength: 500});
        const period = select('period', [[60, '1 hour'], [1440, '1 day'], [10080, '7 days'], [43200, '30 days'], ['', 'Until lifted']], 1440);
        await ask({title: 'Block this visitor', ok: 'Block', body: [field('Reason', reason), field('For', period)],
            submit: async () => {
                await this.context.api.post(`/visitors/${this.summary.visitorId}/blocks`,
                    {reason: reason.value, ...(period.value ? {minutes: Number(period.value)} : {})});
                this.showNotice('The visitor is blocked.');
            }});
    }

    /** The agent's own block: this visitor does not reach them any more (their list: "My blocks"). */
    async blockForMe() {
        await ask({title: 'Stop this visitor reaching you?', ok: 'Block for me',
            body: [el('p', {}, 'Their next message goes to a colleague, and they are not offered to you again. '
                + 'You can lift it under "My blocks".')],
            submit: async () => {
                await this.context.api.post('/me/blocks', {visitorId: this.summary.visitorId});
                this.showNotice('This visitor does not reach you any more: their next message goes to a colleague.');
            }});
    }

    async quickReply(entry) {
        const title = el('input', {name: 'title', required: true, maxlength: 100, value: (entry.text ?? '').slice(0, 40)});
        const shortcut = el('input', {name: 'shortcut', required: true, maxlength: 50, pattern: '[A-Za-z0-9][A-Za-z0-9_\\-]*'});
        await ask({title: 'Save as quick reply', ok: 'Save',
            body: [el('blockquote', {}, entry.text), field('Title', title), field('Shortcut (type /shortcut + Tab)', shortcut)],
            submit: async () => {
                await this.context.api.post('/canned-responses', {conversationId: this.id, seq: entry.seq,
                    title: title.value, shortcut: shortcut.value});
                await this.context.reloadCanned();
            }});
    }

    async pickCanned() {
        const search = el('input', {type: 'search', placeholder: 'Search', 'aria-label': 'Search canned responses'});
        const list = el('ul', {class: 'canned-list'});
        const render = () => fill(list, this.context.canned()
            .filter(c => `${c.title} ${c.shortcut} ${c.text}`.toLowerCase().includes(search.value.toLowerCase()))
            .map(c => el('li', {}, el('button', {type: 'button', class: 'line', onclick: () => {
                $('#dialog').close();
                this.insert(c.text);
            }}, el('strong', {}, c.title), el('span', {class: 'muted'}, ` /${c.shortcut}${c.organisationWide ? ' · everyone' : ' · mine'}`),
            el('span', {class: 'preview'}, c.text)))));
        search.addEventListener('input', render);
        render();
        await ask({title: 'Canned responses', ok: 'Close', body: [search, list], submit: async () => null});
    }

    async offerOptions() {
        const question = el('input', {name: 'question', required: true, maxlength: 2000, value: this.text.value.trim()});
        const options = el('textarea', {name: 'options', rows: 4, required: true, placeholder: 'One option per line'});
        await ask({title: 'Offer options to pick from', ok: 'Send',
            body: [field('Question', question), field('Options', options)], submit: async () => {
                await this.context.api.post(`/conversations/${this.id}/option-menus`, {text: question.value,
                    options: options.value.split('\n').map(o => o.trim()).filter(Boolean)});
                this.text.value = '';
                this.updateCounter();
            }});
    }

    async allAttachments() {
        const all = await this.context.api.get(`/conversations/${this.id}/attachments`);
        const body = all.images.length || all.files.length
            ? [el('h3', {}, `Images (${all.images.length})`), el('div', {class: 'gallery'}, this.attachmentList(all.images)),
                el('h3', {}, `Files (${all.files.length})`), this.attachmentList(all.files)]
            : [el('p', {class: 'muted'}, 'No files in this conversation.')];
        await ask({title: 'All attachments', ok: 'Close', body, submit: async () => null});
    }
}

/** Only http(s) links from what the visitor's browser reported: never javascript: or data: URLs. */
function safeUrl(url) {
    try {
        const parsed = new URL(url);
        return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : '#';
    } catch {
        return '#';
    }
}

function shortAgent(userAgent) {
    const match = userAgent.match(/(Firefox|Edg|Chrome|Safari)\/[\d.]+/);
    return match ? match[0].replace('Edg', 'Edge') : userAgent.slice(0, 40);
}

/** "4/5" or "good" / "bad", as the visitor chose on their inbox's scale. */
function ratingLabel(rating) {
    if (rating.scale === 'GOOD_BAD') return rating.score === 1 ? 'good' : 'bad';
    return `${rating.score}/5`;
}
