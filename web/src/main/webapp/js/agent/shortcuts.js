// Keys of the console that work wherever the focus is. Each button that a key presses says so in its title and
// aria-keyshortcuts (the toasts' "Accept (Alt+A)"); the reply box's placeholder names its own keys.

/** Alt+A: accepts the offer shown longest (the first toast with that key), as clicking its Accept does. */
export const ACCEPT_OFFER = 'Alt+A';

export function listenForShortcuts() {
    document.addEventListener('keydown', event => {
        // By the key's place, not its character: on a Mac, Alt+A types "å".
        if (event.altKey && !event.ctrlKey && !event.metaKey && !event.shiftKey && event.code === 'KeyA') {
            const accept = document.querySelector(`#toasts button[data-keys="${ACCEPT_OFFER}"]:not(:disabled)`);
            if (!accept) return;
            event.preventDefault();
            accept.click();
        }
    });
}
