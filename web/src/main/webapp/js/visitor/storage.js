// Web storage that may be refused: a chat panel framed by another site is a third-party document, and browsers
// that block third-party storage throw on the first access. Then it keeps things in memory for the page's life
// (the loader keeps the visitor's token in the host site's own storage: widget.js).

/** kind: 'localStorage' or 'sessionStorage'; anything else keeps things in memory only. */
export function storage(kind) {
    try {
        const real = window[kind];
        real.getItem('switchboard.probe');
        return real;
    } catch {
        const memory = new Map();
        return {
            getItem: key => memory.get(key) ?? null,
            setItem: (key, value) => memory.set(key, String(value)),
            removeItem: key => memory.delete(key),
        };
    }
}

/**
 * The embedded panel's session storage, kept by the loader in the host site's own sessionStorage (widget.js): in
 * memory here, each change handed to the loader, and what it kept handed back (restore) in its hello after a
 * reload. So a reload of the host page finds what the panel showed and what it had not sent yet, wherever the
 * browser refuses or partitions a third-party document's storage.
 */
export function hostSessionStorage(post) {
    const memory = new Map();
    return {
        getItem: key => memory.get(key) ?? null,
        setItem: (key, value) => {
            memory.set(key, String(value));
            post({type: 'switchboard.keep', key, value: String(value)});
        },
        removeItem: key => {
            memory.delete(key);
            post({type: 'switchboard.keep', key, value: null});
        },
        /** What the loader kept: it does not replace what this page wrote since it started. */
        restore(kept) {
            for (const [key, value] of Object.entries(kept ?? {})) {
                if (typeof value === 'string' && !memory.has(key)) memory.set(key, value);
            }
        },
    };
}
