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
