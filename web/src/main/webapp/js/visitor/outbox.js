// Messages sent but not yet confirmed, kept across reconnects (and reloads of the tab, in sessionStorage). Each
// has a client message id, so a resend after a reconnect is stored once by the server, never twice.

export class Outbox {
    constructor(storage, key) {
        this.storage = storage;
        this.key = key;
        this.pending = this.kept();
    }

    kept() {
        try {
            const pending = JSON.parse(this.storage.getItem(this.key) ?? '[]');
            return Array.isArray(pending) ? pending.filter(sent => sent?.clientId && sent.frame) : [];
        } catch {
            return [];
        }
    }

    /** Sends kept before the page started (handed over later, by the loader) join those made since. */
    restore() {
        const known = new Set(this.pending.map(sent => sent.clientId));
        const earlier = this.kept().filter(sent => !known.has(sent.clientId));
        if (!earlier.length) return;
        this.pending.unshift(...earlier);
        this.save();
    }

    add(frame) {
        const clientId = crypto.randomUUID();
        // ref: an error answering this send names it (docs/PROTOCOL.md), so the right line is marked unsent.
        const sent = {clientId, text: frame.text, frame: {...frame, clientId, ref: `send:${clientId}`}};
        this.pending.push(sent);
        this.save();
        return sent;
    }

    /** The server stored it (or refused it for good): removed and returned; null when it is not pending. */
    accepted(clientId) {
        const index = this.pending.findIndex(s => s.clientId === clientId);
        if (index < 0) return null;
        const [sent] = this.pending.splice(index, 1);
        this.save();
        return sent;
    }

    /** The frame of a send still pending, or null. */
    frame(clientId) {
        return this.pending.find(s => s.clientId === clientId)?.frame ?? null;
    }

    resend(send) {
        for (const sent of this.pending) send(sent.frame);
    }

    save() {
        this.storage.setItem(this.key, JSON.stringify(this.pending));
    }
}
